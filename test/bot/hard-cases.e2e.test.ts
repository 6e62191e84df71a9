// Issue 10 over HTTP: the real bot (CloudAdapter, real store) against the fake Bot Connector, every
// step pressed on the card a person sees. The acute route (a report before steps 1 to 4, the steps
// recorded after it, the owner reminded to complete them); a report followed by help agreed with
// Veilig Thuis and its follow-up reminder (the scheduler's sweep, as in reminders.e2e.test.ts); and
// the deputy beslisser who confirms the decision the beslisser took.

import {
  cardOf,
  cardText,
  cardVerbs,
  logKinds,
  openDossier,
  press,
  startHarness,
  type DossierRef,
  type Harness,
  actionData,
} from '../support/bot-harness';
import { SCHOOL, decisionMaker, message, teacher, type TestUser } from '../support/teams';

/** Monday 16 November 2026, 09:30 in the Netherlands: the harness's clock. */
const MONDAY = new Date('2026-11-16T09:30:00+01:00');

const deputy: TestUser = {
  teamsId: '29:deputy',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000005',
  name: 'Ingrid de Boer',
  tenantId: teacher.tenantId,
};
const WITH_DEPUTY = { ...SCHOOL, deputyDecisionMaker: { id: deputy.aadObjectId, name: deputy.name } };

const chatOf = (user: TestUser): string => encodeURIComponent(`a:personal-${user.teamsId}`);

/** The cards the bot sent on its own (not as an answer) to someone's personal chat. */
const sentTo = (h: Harness, user: TestUser): Record<string, unknown>[] =>
  h.connector.calls
    .filter((c) => c.method === 'POST' && c.path.includes(chatOf(user)) && c.path.includes('/activities'))
    .flatMap((c) => {
      try {
        return [cardOf(c.body)];
      } catch {
        return [];
      }
    });

async function storedLog(h: Harness, ref: DossierRef) {
  return (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log ?? [];
}

async function recordSignal(h: Harness, ref: DossierRef, user: TestUser = teacher): Promise<void> {
  await press(
    h,
    'recordSignal',
    {
      ...ref,
      signals_lichamelijk: 'letsel-herkenbare-vorm',
      observedOn: '2026-11-16',
      place: 'klas',
      description: 'Striemen op de onderarm; leerling durft niet naar huis.',
      source: 'eigen-waarneming',
      pointsOtherWay: 'false',
    },
    user,
  );
}

const consultation = {
  consultWith: 'intern begeleider',
  consultOn: '2026-11-16',
  consultAdvice: 'Gesprek met de leerling voeren.',
};
const conversation = {
  on: '2026-11-16',
  withPupil: 'true',
  withParents: 'false',
  coordinatorPresent: 'true',
  said: '"Papa slaat als ik te laat ben."',
  reaction: 'Huilde.',
  outcome: 'Zorgen bevestigd.',
};
const structuralUnsafety = {
  suspicion: 'true',
  acuteUnsafety: 'false',
  structuralUnsafety: 'true',
  reasoning: 'Herhaald letsel, steeds na het weekend.',
};

/** Steps 2 to 4 through their cards. */
async function stepsTwoToFour(h: Harness, ref: DossierRef, user: TestUser = teacher): Promise<void> {
  await press(h, 'recordConsultation', { ...ref, ...consultation }, user);
  await press(h, 'recordConversation', { ...ref, ...conversation }, user);
  await press(h, 'recordWeighing', { ...ref, ...structuralUnsafety }, user);
}

const answer = (ref: DossierRef, question: number, yes: boolean, reasoning: string) => ({
  ...ref,
  question: String(question),
  answer: String(yes),
  reasoning,
});

describe('the acute route: a report or 112 call before steps 1 to 4', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY });
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it('records the acute report at once, shows the steps recorded after it and reminds the owner', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref);

    // The dossier card offers the acute report while steps are missing.
    const hub = await press(h, 'showDossier', ref);
    expect(cardText(hub)).toContain('Was er direct gevaar en heb je Veilig Thuis of 112 al gebeld?');
    expect(cardVerbs(hub)).toContain('showReportForm');

    const form = await press(h, 'showReportForm', ref);
    expect(cardText(form)).toContain('Acute melding: stap 1 tot en met 4 zijn nog niet allemaal gezet');
    const submit = actionData(form, 'recordReport');
    expect(submit['acute']).toBe(true);

    await press(h, 'recordReport', {
      ...submit,
      on: '2026-11-16',
      to: '112 (politie)',
      discussedWithParents: 'uitzondering',
      parentsException: 'veiligheid-in-het-geding',
      parentsExceptionReason: 'Leerling durfde niet naar huis; direct gebeld.',
      informationFromOthers: '',
      schoolActionsAfterReport: 'Mentor vangt de leerling morgen op.',
    });
    const report = (await storedLog(h, ref)).find((e) => e.kind === 'reportRecorded');
    expect(report?.data).toMatchObject({ acute: true, to: '112 (politie)' });
    // Step 5 shows the report made and the way to record Veilig Thuis's feedback, before any outcome.
    const step5 = await press(h, 'showStep', { ...ref, step: 'beslissen' });
    expect(cardText(step5)).toContain('Melding bij Veilig Thuis');
    expect(cardText(step5)).toContain('112 (politie)');
    expect(cardVerbs(step5)).toContain('showReportForm');

    const afterReport = cardText(await press(h, 'showDossier', ref));
    expect(afterReport).toContain(
      'Er is acuut gemeld voordat alle stappen waren gezet. Leg deze stappen alsnog vast: 2. Collegiale consultatie',
    );
    // The consultation recorded after the report is marked so on the dossier card.
    await press(h, 'recordConsultation', { ...ref, ...consultation });
    const marked = cardText(await press(h, 'showDossier', ref));
    expect(marked).toContain('gedaan, vastgelegd na de melding');
    expect(marked).not.toContain('Was er direct gevaar en heb je Veilig Thuis of 112 al gebeld?');

    // The next working day the owner is reminded of the first step still missing, once.
    const tuesday = new Date('2026-11-17T10:00:00+01:00');
    h.setNow(tuesday);
    await h.bot.scheduler.sweep(tuesday);
    await h.bot.scheduler.sweep(tuesday);
    const reminders = sentTo(h, teacher).filter((card) => cardText(card).includes('Herinnering'));
    expect(reminders).toHaveLength(1);
    expect(cardText(reminders[0])).toContain(
      'Na de acute melding zijn nog niet alle stappen vastgelegd. Leg ze alsnog vast, te beginnen met: 3. Gesprek met de ouders en/of de leerling.',
    );
    expect(actionData(reminders[0], 'showStep')['step']).toBe('gesprek');
    expect(JSON.stringify(reminders[0])).not.toContain('AB');
    const sent = (await storedLog(h, ref)).filter((e) => e.kind === 'reminderSent');
    expect(sent.map((e) => e.kind === 'reminderSent' && e.data.kind)).toEqual(['stepsAfterReport']);

    // With every step recorded, the dossier no longer asks for them.
    await press(h, 'recordConversation', { ...ref, ...conversation });
    await press(h, 'recordWeighing', { ...ref, ...structuralUnsafety });
    expect(cardText(await press(h, 'showDossier', ref))).not.toContain('Er is acuut gemeld');
  });

  it('still refuses an ordinary report before steps 1 to 4', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref);
    const refused = await press(h, 'recordReport', {
      ...ref,
      acute: 'false',
      on: '2026-11-16',
      to: 'Veilig Thuis',
      discussedWithParents: 'ja',
    });
    expect(cardText(refused)).toContain('Eerst moeten stap 1 tot en met 4 gezet zijn.');
    expect(await logKinds(h, ref)).not.toContain('reportRecorded');
  });
});

describe('a report followed by help agreed with Veilig Thuis', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY });
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it('records the help plan after the report and reminds of its follow-up; no help: alsnog melden', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref);
    await stepsTwoToFour(h, ref);

    // Question 2 starts from the weighing (structural unsafety): the answer "yes" is filled in.
    await press(h, 'answerAfwegingsvraag', answer(ref, 1, true, 'Vermoeden blijft.'));
    const q2 = await press(h, 'showStep', { ...ref, step: 'beslissen' });
    expect(cardText(q2)).toContain(
      'Volgens het dossier: uit de laatste weging bleek structurele onveiligheid.',
    );
    expect(JSON.stringify(q2)).toMatch(/"id":"answer"[^}]*"value":"true"/);
    await press(h, 'answerAfwegingsvraag', answer(ref, 2, true, 'Structureel onveilig.'));

    await press(h, 'recordReport', {
      ...actionData(await press(h, 'showReportForm', ref), 'recordReport'),
      on: '2026-11-16',
      to: 'Veilig Thuis',
      discussedWithParents: 'geinformeerd',
      parentsReaction: 'Moeder was boos maar begreep het.',
      informationFromOthers: '',
      schoolActionsAfterReport: 'Mentor houdt dagelijks contact.',
    });
    await press(h, 'recordReportFeedback', {
      ...ref,
      feedbackOn: '2026-11-16',
      feedback: 'Veilig Thuis: hulp via het wijkteam, school blijft volgen.',
    });

    // After the report the help questions follow, together with Veilig Thuis.
    const q3 = await press(h, 'showStep', { ...ref, step: 'beslissen' });
    expect(cardText(q3)).toContain('Vraag 3 van 5');
    expect(cardText(q3)).toContain('Je hebt gemeld. Beantwoord deze vraag samen met Veilig Thuis');
    // "No" no longer means "report": the report was made and stays the outcome.
    expect(cardText(q3)).toContain('Nee: de melding blijft de uitkomst en Veilig Thuis bepaalt de hulp.');
    expect(cardText(q3)).not.toContain('Nee: je meldt bij Veilig Thuis');
    await press(h, 'answerAfwegingsvraag', answer(ref, 3, true, 'Met Veilig Thuis: wijkteam helpt.'));
    const help = await press(h, 'answerAfwegingsvraag', answer(ref, 4, true, 'Ouders werken mee.'));
    expect(cardText(help)).toContain('Uitkomst: hulp organiseren');
    expect(cardVerbs(help)).toContain('showHelpPlanForm');
    // Reporting and helping: the report and its feedback stay in sight beside the help.
    expect(cardText(help)).toContain('Veilig Thuis');
    expect(cardText(help)).toContain('Terugkoppeling van Veilig Thuis vastgelegd op 16 nov 2026.');
    expect(cardVerbs(help)).toContain('showReportForm');

    await press(h, 'recordHelpPlan', {
      ...ref,
      what: 'Opvoedondersteuning via het wijkteam, afgesproken met Veilig Thuis.',
      who: 'wijkteam',
      deadline: '2026-12-15',
      followUpOn: '2026-12-01',
    });
    expect(await logKinds(h, ref)).toEqual(expect.arrayContaining(['reportRecorded', 'helpPlanRecorded']));
    // One report per decision: the report card offers no second one now.
    expect(cardVerbs(await press(h, 'showReportForm', ref))).not.toContain('recordReport');

    // On the follow-up date, the owner gets the follow-up reminder with question 5.
    const followUp = new Date('2026-12-01T10:00:00+01:00');
    h.setNow(followUp);
    await h.bot.scheduler.sweep(followUp);
    const reminders = sentTo(h, teacher).filter((card) => cardText(card).includes('Herinnering'));
    expect(reminders.map((card) => cardText(card))).toEqual([
      expect.stringContaining('Vandaag is de evaluatie van de hulp. Beantwoord afwegingsvraag 5'),
    ]);
    expect(cardVerbs(reminders[0])).toContain('answerAfwegingsvraag');

    // The help did not bring lasting safety: the report card opens again (alsnog melden).
    await press(h, 'answerAfwegingsvraag', answer(ref, 5, false, 'Het geweld gaat door.'));
    const again = await press(h, 'showReportForm', ref);
    expect(cardText(again)).toContain('Er is al eerder gemeld.');
    expect(cardVerbs(again)).toContain('recordReport');
  });
});

describe('the second pair of eyes when the beslisser owns the dossier', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY, schools: [WITH_DEPUTY] });
    for (const user of [teacher, decisionMaker, deputy])
      await h.post(message(user, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it('sends the confirmation card to the deputy, not to the beslisser, and only the deputy confirms', async () => {
    await press(
      h,
      'openDossier',
      { pupilReference: 'KL', group: '5a', age: '8', firstDescription: '' },
      decisionMaker,
    );
    const [summary] = await h.store.openDossiersOfOwner('de-linde', decisionMaker.aadObjectId);
    if (!summary) throw new Error('no dossier was opened');
    const ref = { schoolId: summary.schoolId, dossierId: summary.id };
    await recordSignal(h, ref, decisionMaker);
    await stepsTwoToFour(h, ref, decisionMaker);
    await press(h, 'answerAfwegingsvraag', answer(ref, 1, true, 'Vermoeden blijft.'), decisionMaker);
    const before = sentTo(h, decisionMaker).length;
    await press(h, 'answerAfwegingsvraag', answer(ref, 2, true, 'Structureel onveilig.'), decisionMaker);

    const toDeputy = sentTo(h, deputy).filter((card) => cardVerbs(card).includes('confirmDecision'));
    expect(toDeputy).toHaveLength(1);
    expect(
      sentTo(h, decisionMaker)
        .slice(before)
        .some((card) => cardVerbs(card).includes('confirmDecision')),
    ).toBe(false);

    // The deputy's home lists it to confirm; the beslisser's does not (he took it himself).
    expect(cardText(await press(h, 'showHome', {}, deputy))).toContain('besluit van Joost Visser bevestigen');
    expect(cardText(await press(h, 'showHome', {}, decisionMaker))).not.toContain(
      'besluit van Joost Visser bevestigen',
    );

    // The report card says plainly that the decision is not confirmed yet, and by whom it will be.
    expect(cardText(await press(h, 'showReportForm', ref, decisionMaker))).toContain(
      'Nog niet bevestigd: de beslisser nam dit besluit zelf, dus Ingrid de Boer bevestigt het als plaatsvervangend beslisser.',
    );

    const seen = actionData(await press(h, 'showDecisionConfirmation', ref, deputy), 'confirmDecision');
    const own = await press(h, 'confirmDecision', { ...seen, note: '' }, decisionMaker);
    expect(cardText(own)).toContain('Je kunt je eigen besluit niet zelf bevestigen');
    await press(h, 'confirmDecision', { ...seen, note: 'Eens.' }, deputy);
    const log = await storedLog(h, ref);
    expect(log.filter((e) => e.kind === 'decisionConfirmed').map((e) => e.authorId)).toEqual([
      deputy.aadObjectId,
    ]);
    expect(cardText(await press(h, 'showDossier', ref, decisionMaker))).toContain(
      'Het besluit is bevestigd door Ingrid de Boer: “Eens.”',
    );
  });
});
