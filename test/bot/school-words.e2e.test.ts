// Issue 10, "the words Dutch schools use": a school names the person who guides the meldcode in its
// own word (IB'er, zorgcoördinator or aandachtsfunctionaris) and every text the bot writes for it uses
// that word — every card each of the three people sees, the notices, reminders, documents and
// figures — while what people typed is shown exactly as typed, even when it says "zorgcoördinator".
// Over HTTP with the real bot; the replacement rules on their own first.

import { randomUUID } from 'node:crypto';
import { CATALOGUES, messages, section, t, voiceOf } from '../../src/i18n';
import { inSchoolWords } from '../../src/i18n/role-name';
import {
  cardOf,
  cardText,
  downloadLinks,
  invokeCard,
  openDossier,
  press,
  startHarness,
  type DossierRef,
  type Harness,
  actionData,
} from '../support/bot-harness';
import {
  SCHOOL,
  coordinator,
  decisionMaker,
  invoke,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

/** The catalogue's own word for the role, in either language and any form. */
const CATALOGUE_WORD = /zorgco[öo]rdinator|care coordinator/i;

describe("the role named in the school's own word", () => {
  test('singular, plural, "one or more", with an article and at the start of a sentence, in both languages', () => {
    expect(
      inSchoolWords(
        'nl',
        'intern-begeleider',
        'Zorgcoördinator(en): X. De zorgcoördinatoren en de zorgcoördinator zien het. Kies een zorgcoördinator.',
      ),
    ).toBe("IB'er(s): X. De IB'ers en de IB'er zien het. Kies een IB'er.");
    expect(inSchoolWords('nl', 'aandachtsfunctionaris', 'Vraag de zorgcoördinator.')).toBe(
      'Vraag de aandachtsfunctionaris.',
    );
    expect(
      inSchoolWords('en', 'aandachtsfunctionaris', 'Care coordinator(s): X; ask the care coordinators.'),
    ).toBe('Safeguarding lead(s): X; ask the safeguarding leads.');
    // English takes "an" before IB'er, and keeps the capital of a sentence's first word.
    expect(
      inSchoolWords('en', 'intern-begeleider', 'A care coordinator answers; ask a care coordinator.'),
    ).toBe("An IB'er answers; ask an IB'er.");
    expect(inSchoolWords('nl', 'zorgcoordinator', 'de zorgcoördinator')).toBe('de zorgcoördinator');
    expect(inSchoolWords('nl', undefined, 'de zorgcoördinator')).toBe('de zorgcoördinator');
  });

  test("the school's word is in the catalogue, so what is put into a text is never rewritten", () => {
    const voice = voiceOf('nl', { roleName: 'intern-begeleider' });
    // A catalogue text that names the role and takes a typed value: the word changes, the value not.
    expect(t(voice, 'consultatie.consultWithHint', { name: 'de zorgcoördinator van groep 8' })).toBe(
      "Bijvoorbeeld de zorgcoördinator van groep 8 (IB'er)",
    );
    expect(section(voice, 'consultatie')['consultWithHint']).toBe("Bijvoorbeeld {name} (IB'er)");
    // Every text of both catalogues, for both other words: none keeps the catalogue's word.
    for (const language of ['nl', 'en'] as const)
      for (const roleName of ['intern-begeleider', 'aandachtsfunctionaris'] as const) {
        const voiced = Object.values(messages(voiceOf(language, { roleName })));
        expect(voiced.filter((text) => CATALOGUE_WORD.test(text))).toEqual([]);
        // Nor names the school's word twice in one list ("de aandachtsfunctionaris, de
        // aandachtsfunctionaris en het bestuur"), where the catalogue named two roles.
        const word = inSchoolWords(
          language,
          roleName,
          language === 'nl' ? 'zorgcoördinator' : 'care coordinator',
        );
        const twice = new RegExp(`${word}\\W+(?:(?:de|the|en|and|of|or)\\s+)*${word}`, 'i');
        expect(voiced.filter((text) => twice.test(text))).toEqual([]);
      }
    // A school that says zorgcoördinator reads the catalogue as written, the same object.
    expect(messages(voiceOf('nl', { roleName: 'zorgcoordinator' }))).toBe(CATALOGUES.nl);
    expect(messages(voiceOf('en', {}))).toBe(CATALOGUES.en);
  });
});

/** What a person typed that names the catalogue's word: it must come back exactly like this. */
const TYPED = {
  signal: 'Besproken met de zorgcoördinator van groep 8; striemen op de onderarm.',
  question: 'Kan de zorgcoördinator van de bovenbouw meekijken?',
  advice: 'Advies: de care coordinator vraagt Veilig Thuis om advies.',
};

/**
 * Walks one dossier through every card of the three people, in one language, and gathers every text
 * the bot wrote: each card given back on a click, and everything it sent (notices, the consultation
 * card, the confirmation card, reminders, the weekly overview). Returns the texts, each with where it
 * was seen, and the Markdown export.
 */
async function everythingEachPersonSees(
  h: Harness,
  locale: string,
): Promise<{ seen: { where: string; text: string }[]; ref: DossierRef }> {
  const seen: { where: string; text: string }[] = [];
  let lastCard: Record<string, unknown> = {};
  const as = async (user: TestUser, verb: string, data: Record<string, unknown>): Promise<string> => {
    const card = invokeCard((await h.post(invoke(user, h.connector.url, verb, data, locale))).body);
    lastCard = card;
    const text = cardText(card);
    // Every click of the walk is one that works: an error card would hide the card it should show.
    expect(text).not.toContain(t(locale.startsWith('en') ? 'en' : 'nl', 'error.title'));
    seen.push({ where: `${user.name}: ${verb}`, text });
    return text;
  };
  for (const user of [teacher, coordinator, decisionMaker])
    await h.post(message(user, h.connector.url, 'hallo', locale));

  const ref = await openDossier(h);
  await as(teacher, 'showDossier', ref);
  await as(teacher, 'recordSignal', {
    ...ref,
    signals_lichamelijk: 'letsel-herkenbare-vorm',
    observedOn: '2026-11-13',
    place: 'klas',
    description: TYPED.signal,
    source: 'eigen-waarneming',
    pointsOtherWay: 'false',
  });
  for (const step of ['signalen', 'consultatie', 'gesprek', 'wegen', 'beslissen'])
    await as(teacher, 'showStep', { ...ref, step });
  await as(teacher, 'showConsultationRequest', ref);
  await as(teacher, 'requestConsultation', {
    ...ref,
    submissionId: randomUUID(),
    coordinatorId: coordinator.aadObjectId,
    question: TYPED.question,
  });
  // Nobody takes the consultation up for two weeks: the reminders go out.
  const later = new Date('2026-11-30T10:00:00+01:00');
  h.setNow(later);
  await h.bot.scheduler.sweep(later);
  await h.bot.scheduler.sweep(later);

  await as(coordinator, 'showHome', {});
  await as(coordinator, 'showMyConsultations', {});
  const stored = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
  const consultationId = stored?.log.find((entry) => entry.kind === 'consultationRequested')?.seq;
  await as(coordinator, 'acceptConsultation', { ...ref, consultationId });
  await as(coordinator, 'recordConsultationAdvice', { ...ref, consultationId, advice: TYPED.advice });
  await as(teacher, 'skipConversation', { ...ref, reason: 'Vader wordt boos als school iets vraagt.' });
  await as(teacher, 'recordWeighing', {
    ...ref,
    suspicion: 'true',
    acuteUnsafety: 'false',
    structuralUnsafety: 'true',
    reasoning: 'Herhaald letsel.',
  });
  await as(teacher, 'answerAfwegingsvraag', { ...ref, question: 1, answer: 'true', reasoning: 'Vermoeden.' });
  await as(teacher, 'answerAfwegingsvraag', {
    ...ref,
    question: 2,
    answer: 'true',
    reasoning: 'Structureel.',
  });
  await as(decisionMaker, 'showHome', {});
  await as(decisionMaker, 'showDecisionConfirmation', ref);
  await as(decisionMaker, 'confirmDecision', { ...actionData(lastCard, 'confirmDecision'), note: 'Eens.' });
  await as(teacher, 'showReportForm', ref);
  await as(teacher, 'showHelpPlanForm', ref);
  await as(teacher, 'showCloseForm', ref);
  await as(teacher, 'showChronology', ref);
  await as(teacher, 'showDocuments', ref);
  await as(teacher, 'showCoOwnerForm', ref);
  await as(teacher, 'showHandoverForm', ref);
  await as(teacher, 'showContactForm', ref);
  await as(teacher, 'showAbout', {});
  await as(teacher, 'showHome', {});
  await as(teacher, 'showMyDossiers', {});
  await as(coordinator, 'showDossier', ref);
  await as(coordinator, 'showDocuments', ref);
  await as(coordinator, 'showFigures', {});
  // A school's care team gets the weekly overview on Monday morning.
  const monday = new Date('2026-12-07T08:30:00+01:00');
  h.setNow(monday);
  await h.bot.scheduler.sweep(monday);

  // The walk recorded what it meant to: the consultation answered, the decision confirmed.
  const kinds = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((entry) => entry.kind);
  expect(kinds).toEqual(
    expect.arrayContaining([
      'signalRecorded',
      'consultationAccepted',
      'consultationAdviceRecorded',
      'reminderSent',
      'decisionConfirmed',
    ]),
  );

  for (const call of h.connector.calls.filter((c) => c.method === 'POST' || c.method === 'PUT')) {
    const body = call.body as Record<string, unknown> | undefined;
    const text = [typeof body?.text === 'string' ? body.text : '', cardText(cardOf(body))].join('\n');
    seen.push({ where: `sent to ${call.path}`, text });
  }
  return { seen, ref };
}

describe.each([
  ['nl-NL', "IB'er", "IB'er(s): Fatima El Amrani."],
  ['en-US', "IB'er", "IB'er(s): Fatima El Amrani."],
])("a primary school that says IB'er, read in %s", (locale, word, onTheDossier) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      schools: [{ ...SCHOOL, roleName: 'intern-begeleider' }],
      env: { ADMIN_IDS: coordinator.aadObjectId },
    });
  });
  afterEach(async () => {
    await h.stop();
  });

  it("says IB'er in every text each person sees, and never the catalogue's word unless someone typed it", async () => {
    const { seen, ref } = await everythingEachPersonSees(h, locale);
    const typed = Object.values(TYPED);
    const withoutTyped = (text: string): string =>
      typed.reduce((rest, words) => rest.split(words).join(''), text);
    const wrong = seen
      .filter(({ text }) => CATALOGUE_WORD.test(withoutTyped(text)))
      .map(({ where }) => where);
    expect(wrong).toEqual([]);

    // The word is there where the role is named: each person's cards, what was sent, and the reminders.
    const where = (part: string): string =>
      seen
        .filter((s) => s.where.includes(part))
        .map((s) => s.text)
        .join('\n');
    expect(where(`${teacher.name}: showDossier`)).toContain(onTheDossier);
    expect(where(`${coordinator.name}: showHome`)).toContain(word);
    expect(where('sent to')).toContain(word);
    expect(seen.filter((s) => s.text.includes(word)).length).toBeGreaterThan(10);

    // What was typed is shown as it was typed: the signal, the question and the advice.
    const all = seen.map((s) => s.text).join('\n');
    for (const words of typed) expect(all).toContain(words);

    // The dossier as a document says IB'er too, and keeps the typed text.
    const [url] = downloadLinks(
      invokeCard((await h.post(invoke(teacher, h.connector.url, 'exportDossier', ref, locale))).body),
    );
    if (url === undefined) throw new Error('no export link');
    const markdown = await (await fetch(`${h.bot.server.url}${new URL(url).pathname}`)).text();
    expect(markdown).toContain(word);
    expect(withoutTyped(markdown)).not.toMatch(CATALOGUE_WORD);
    expect(markdown).toContain(TYPED.signal);
  });
});

describe('a school board with a primary and a secondary school in one tenant', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      schools: [
        { ...SCHOOL, roleName: 'intern-begeleider' },
        { ...SCHOOL, id: 'het-lyceum', name: 'Het Lyceum', roleName: 'zorgcoordinator' },
      ],
    });
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it("speaks on a dossier's cards in the words of the dossier's school", async () => {
    await press(h, 'openDossier', { schoolId: 'de-linde', pupilReference: 'AB', group: '7b', age: '9' });
    const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
    if (!summary) throw new Error('no dossier was opened');
    const hub = cardText(await press(h, 'showDossier', { schoolId: 'de-linde', dossierId: summary.id }));
    expect(hub).toContain("IB'er(s): Fatima El Amrani.");
    expect(hub).not.toMatch(CATALOGUE_WORD);
  });
});
