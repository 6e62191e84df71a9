// Whole dossiers over real HTTP (restify, CloudAdapter, the SQLite store; a fake Bot Connector for
// Teams), walked only with the buttons a staff member can press: from "hallo" to the closed dossier,
// through each outcome of the afwegingskader (report; help with a follow-up; unfounded), in Dutch and
// in English. Every next step is read off the card the bot sent: the button's verb and data (with its
// submissionId), the inputs it sends and what the client would refuse to send. At the end the
// chronology, paged through with its own buttons, holds every step with its author and role.

import { cardText, startHarness, type Harness } from '../support/bot-harness';
import { teacher } from '../support/teams';
import type { LogKind } from '../../src/domain';
import { CHRONOLOGY_PAGE_SIZE } from '../../src/cards/views';
import { TeamsClient, buttonOn, type Button, type Typed } from './whole-dossier.client';

type Json = Record<string, unknown>;
type StepId = 'signalen' | 'consultatie' | 'gesprek' | 'wegen' | 'beslissen';
const STEPS: readonly StepId[] = ['signalen', 'consultatie', 'gesprek', 'wegen', 'beslissen'];
type Status = 'notStarted' | 'inProgress' | 'done' | 'skipped';
type Outcome = 'melden' | 'hulp' | 'ongegrond' | 'monitoring';

/** What the staff member reads, per language: a few key texts of every card on the way. */
interface Words {
  locale: string;
  /** Texts of the other language that must not show up on any card. */
  foreign: readonly string[];
  welcome: string;
  acute: string;
  newDossier: string;
  routeTitle: string;
  openDossier: string;
  dossierTitle: string;
  opened: string;
  recorded: string;
  closed: string;
  steps: Record<StepId, string>;
  status: Record<Status, string>;
  stepTitle: Record<StepId, string>;
  band: (band: string) => string;
  vtRequired: string;
  consultationStatus: (status: Status) => string;
  question: (n: number) => string;
  outcome: Record<Outcome, string>;
  reportTitle: string;
  /** At 13: discuss the report beforehand with the pupil (12+) and the parents (under 16). */
  discussRules: readonly string[];
  reported: (date: string, reference: string) => string;
  feedbackRecorded: (date: string) => string;
  helpTitle: string;
  planLine: (who: string, deadline: string, followUp: string) => string;
  q5Later: (date: string) => string;
  closeTitle: string;
  closeOutcome: (outcome: string) => string;
  closeOutcomes: Record<'melden' | 'ongegrond' | 'monitoring', string>;
  chronologyTitle: string;
  page: (page: number, pages: number, count: number) => string;
  next: string;
  author: string;
  kinds: Partial<Record<LogKind, string>>;
  closedBecause: Record<'gemeld-overgedragen' | 'hulp-georganiseerd' | 'ongegrond', string>;
  homeLine: (done: number, date: string) => string;
  date: (iso: string) => string;
}

const month = (iso: string, names: readonly string[]): string => {
  const [year, m, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${names[m - 1]} ${year}`;
};

const NL: Words = {
  locale: 'nl-NL',
  foreign: ['Back to', 'Recorded.', 'not started', 'Step ', 'Question ', 'Open dossier', 'Close dossier'],
  welcome: 'Meldcode huiselijk geweld en kindermishandeling',
  acute: 'Direct gevaar?',
  newDossier: 'Nieuw dossier',
  routeTitle: 'Eerst even checken',
  openDossier: 'Dossier openen',
  dossierTitle: 'Dossier MC-2026-0001',
  opened: 'Het dossier is geopend. Zet nu de stappen, in de volgorde die bij deze situatie past.',
  recorded: 'Vastgelegd.',
  closed: 'Dit dossier is gesloten.',
  steps: {
    signalen: '1. Signalen in kaart brengen',
    consultatie: '2. Collegiale consultatie',
    gesprek: '3. Gesprek met de ouders en/of de leerling',
    wegen: '4. Wegen',
    beslissen: '5. Beslissen',
  },
  status: {
    notStarted: 'nog niet gestart',
    inProgress: 'bezig',
    done: 'gedaan',
    skipped: 'overgeslagen (met reden)',
  },
  stepTitle: {
    signalen: 'Stap 1 · Signalen in kaart brengen',
    consultatie: 'Stap 2 · Collegiale consultatie',
    gesprek: 'Stap 3 · Gesprek met de ouders en/of de leerling',
    wegen: 'Stap 4 · Wegen',
    beslissen: 'Stap 5 · Beslissen',
  },
  band: (band) => `Signalenkaart voor leerlingen van ${band} jaar.`,
  vtRequired:
    'Advies van Veilig Thuis is hier verplicht, omdat dit dossier gaat over: seksueel misbruik. ' +
    'Zonder dat advies is deze stap niet klaar.',
  consultationStatus: (status) => `Deze stap: ${NL.status[status]}`,
  question: (n) => `Vraag ${n} van 5`,
  outcome: {
    melden: 'Uitkomst: melden bij Veilig Thuis',
    hulp: 'Uitkomst: hulp organiseren',
    ongegrond: 'Uitkomst: dossier sluiten, het vermoeden is ongegrond',
    monitoring: 'Uitkomst: dossier sluiten met afspraken over monitoring',
  },
  reportTitle: 'Melden bij Veilig Thuis',
  discussRules: [
    'De leerling is 12 jaar of ouder: bespreek de melding vooraf met de leerling.',
    'De leerling is jonger dan 16 jaar: bespreek de melding vooraf met de ouders of verzorgers.',
  ],
  reported: (date, reference) => `Gemeld op ${date} bij Veilig Thuis, kenmerk ${reference}.`,
  feedbackRecorded: (date) => `Terugkoppeling van Veilig Thuis vastgelegd op ${date}.`,
  helpTitle: 'Hulp organiseren met de zorgcoördinator',
  planLine: (who, deadline, followUp) => `${who} · uiterlijk ${deadline} · evaluatie ${followUp}`,
  q5Later: (date) => `Vraag 5 beantwoord je bij de evaluatie op ${date}.`,
  closeTitle: 'Dossier sluiten',
  closeOutcome: (outcome) => `Het afwegingskader kwam uit op: ${outcome}.`,
  closeOutcomes: {
    melden: 'melden bij Veilig Thuis',
    ongegrond: 'sluiten, het vermoeden is ongegrond',
    monitoring: 'sluiten met afspraken over monitoring',
  },
  chronologyTitle: 'Chronologie',
  page: (page, pages, count) => `Pagina ${page} van ${pages} · ${count} regels`,
  next: 'Volgende',
  author: 'Sanne de Vries (eigenaar)',
  kinds: {
    dossierOpened: 'Dossier geopend',
    signalRecorded: 'Signaal vastgelegd',
    consultationRecorded: 'Collegiale consultatie',
    veiligThuisAdviceRecorded: 'Advies van Veilig Thuis',
    conversationRecorded: 'Gesprek gevoerd',
    conversationSkipped: 'Gesprek overgeslagen',
    weighingRecorded: 'Weging vastgelegd',
    afwegingsvraagAnswered: 'Afwegingsvraag beantwoord',
    reportRecorded: 'Melding bij Veilig Thuis',
    reportFeedbackRecorded: 'Terugkoppeling van Veilig Thuis',
    helpPlanRecorded: 'Hulpplan vastgelegd',
    followUpRecorded: 'Evaluatie vastgelegd',
    dossierClosed: 'Dossier gesloten',
  },
  closedBecause: {
    'gemeld-overgedragen':
      'Reden: Gemeld bij Veilig Thuis; de school blijft betrokken zoals afgesproken met Veilig Thuis.',
    'hulp-georganiseerd': 'Reden: Hulp is georganiseerd en wordt gevolgd.',
    ongegrond: 'Reden: Het vermoeden bleek ongegrond.',
  },
  homeLine: (done, date) => `**MC-2026-0001** · KB · ${done} van 5 stappen gedaan · ${date}`,
  date: (iso) =>
    month(iso, ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']),
};

const EN: Words = {
  locale: 'en-US',
  foreign: [
    'Terug naar',
    'Vastgelegd',
    'nog niet gestart',
    'gedaan',
    'Stap ',
    'Vraag ',
    'Dossier openen',
    'Dossier sluiten',
  ],
  welcome: 'Reporting code for domestic violence and child abuse',
  acute: 'Immediate danger?',
  newDossier: 'New dossier',
  routeTitle: 'A quick check first',
  openDossier: 'Open dossier',
  dossierTitle: 'Dossier MC-2026-0001',
  opened: 'The dossier is open. Now take the steps, in the order that fits this situation.',
  recorded: 'Recorded.',
  closed: 'This dossier is closed.',
  steps: {
    signalen: '1. Map the signals',
    consultatie: '2. Consult a colleague',
    gesprek: '3. Talk with the parents and/or the pupil',
    wegen: '4. Weigh',
    beslissen: '5. Decide',
  },
  status: {
    notStarted: 'not started',
    inProgress: 'in progress',
    done: 'done',
    skipped: 'skipped (with reason)',
  },
  stepTitle: {
    signalen: 'Step 1 · Map the signals',
    consultatie: 'Step 2 · Consult a colleague',
    gesprek: 'Step 3 · Talk with the parents and/or the pupil',
    wegen: 'Step 4 · Weigh',
    beslissen: 'Step 5 · Decide',
  },
  band: (band) => `Signal list for pupils aged ${band}.`,
  vtRequired:
    'Advice from Veilig Thuis is required here, because this dossier records sexual abuse. ' +
    'Without that advice this step is not done.',
  consultationStatus: (status) => `This step: ${EN.status[status]}`,
  question: (n) => `Question ${n} of 5`,
  outcome: {
    melden: 'Outcome: report to Veilig Thuis',
    hulp: 'Outcome: organise help',
    ongegrond: 'Outcome: close the dossier, the suspicion is unfounded',
    monitoring: 'Outcome: close the dossier with monitoring agreements',
  },
  reportTitle: 'Report to Veilig Thuis',
  discussRules: [
    'The pupil is 12 or older: discuss the report with the pupil beforehand.',
    'The pupil is younger than 16: discuss the report with the parents or carers beforehand.',
  ],
  reported: (date, reference) => `Reported on ${date} to Veilig Thuis, reference ${reference}.`,
  feedbackRecorded: (date) => `Feedback from Veilig Thuis recorded on ${date}.`,
  helpTitle: 'Organise help with the care coordinator',
  planLine: (who, deadline, followUp) => `${who} · by ${deadline} · follow-up ${followUp}`,
  q5Later: (date) => `You answer question 5 at the follow-up on ${date}.`,
  closeTitle: 'Close the dossier',
  closeOutcome: (outcome) => `The assessment framework led to: ${outcome}.`,
  closeOutcomes: {
    melden: 'report to Veilig Thuis',
    ongegrond: 'close, the suspicion is unfounded',
    monitoring: 'close with monitoring agreements',
  },
  chronologyTitle: 'Chronology',
  page: (page, pages, count) => `Page ${page} of ${pages} · ${count} lines`,
  next: 'Next',
  author: 'Sanne de Vries (owner)',
  kinds: {
    dossierOpened: 'Dossier opened',
    signalRecorded: 'Signal recorded',
    consultationRecorded: 'Consultation with a colleague',
    veiligThuisAdviceRecorded: 'Advice from Veilig Thuis',
    conversationRecorded: 'Conversation held',
    conversationSkipped: 'Conversation skipped',
    weighingRecorded: 'Weighing recorded',
    afwegingsvraagAnswered: 'Assessment question answered',
    reportRecorded: 'Report to Veilig Thuis',
    reportFeedbackRecorded: 'Feedback from Veilig Thuis',
    helpPlanRecorded: 'Help plan recorded',
    followUpRecorded: 'Follow-up recorded',
    dossierClosed: 'Dossier closed',
  },
  closedBecause: {
    'gemeld-overgedragen':
      'Reason: Reported to Veilig Thuis; the school stays involved as agreed with Veilig Thuis.',
    'hulp-georganiseerd': 'Reason: Help is organised and monitored.',
    ongegrond: 'Reason: The suspicion turned out to be unfounded.',
  },
  homeLine: (done, date) => `**MC-2026-0001** · KB · ${done} of 5 steps done · ${date}`,
  date: (iso) =>
    month(iso, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']),
};

/** Monday 16 November 2026, between two lessons. */
const START = new Date('2026-11-16T10:00:00+01:00');

/** The staff member, on a Teams client that checks every card the bot sends for the right language. */
class StaffMember {
  readonly client: TeamsClient;
  constructor(
    h: Harness,
    readonly w: Words,
  ) {
    this.client = new TeamsClient(h, teacher, w.locale);
  }

  private checked(card: Json): Json {
    const text = cardText(card);
    for (const foreign of this.w.foreign)
      if (text.includes(foreign))
        throw new Error(`A ${this.w.locale} card shows "${foreign}" from the other language:\n${text}`);
    return card;
  }

  async say(text: string): Promise<Json> {
    return this.checked(await this.client.say(text));
  }

  async press(card: Json, button: Button, typed: Typed = {}): Promise<Json> {
    return this.checked(await this.client.press(card, button, typed));
  }

  /** From the hub: open a step by its own "open" button. */
  openStep(hub: Json, step: StepId): Promise<Json> {
    return this.press(hub, { verb: 'showStep', data: { step } });
  }

  /** Back in the chat later: "hallo", then the dossier from the home card's list of open dossiers. */
  async backToDossier(listed: string): Promise<Json> {
    const home = await this.say('hallo');
    expect(cardText(home)).toContain(listed);
    return this.press(home, { verb: 'showDossier' });
  }
}

/** The status under each step's name on the hub, in step order. */
function statuses(hub: Json, w: Words): string[] {
  const text = cardText(hub);
  return STEPS.map((step) => {
    const at = text.indexOf(`${w.steps[step]}\n`);
    if (at < 0) throw new Error(`The hub does not show ${w.steps[step]}:\n${text}`);
    return text.slice(at + w.steps[step].length + 1).split('\n')[0] ?? '';
  });
}

const named = (w: Words, ...list: Status[]): string[] => list.map((s) => w.status[s]);

/** The ids of the dossier on a card, as its buttons carry them. */
function refOf(card: Json): { schoolId: string; dossierId: string } {
  const data = buttonOn(card, { verb: 'showChronology' }).action.data as Json;
  return { schoolId: String(data.schoolId), dossierId: String(data.dossierId) };
}

interface ChronologyLine {
  seq: number;
  at: string;
  author: string;
  kind: string;
  step: string | undefined;
}

/** Open the chronology from the hub and page through it with its next button; every line read. */
async function readChronology(
  staff: StaffMember,
  hub: Json,
  count: number,
): Promise<{ lines: ChronologyLine[]; text: string }> {
  const w = staff.w;
  const pages = Math.ceil(count / CHRONOLOGY_PAGE_SIZE);
  let card = await staff.press(hub, { verb: 'showChronology' });
  let all = '';
  for (let page = 1; ; page++) {
    const text = cardText(card);
    expect(text).toContain(w.chronologyTitle);
    expect(text).toContain(w.page(page, pages, count));
    all += `${text}\n`;
    const hasNext = text.split('\n').includes(w.next);
    if (page === pages) {
      expect(hasNext).toBe(false);
      break;
    }
    card = await staff.press(card, { verb: 'showChronology', title: w.next });
  }
  const lines: ChronologyLine[] = [];
  const header = /^#(\d+) · (.+?) · (.+ \(.+\))\n(.+)$/gm;
  for (const match of all.matchAll(header)) {
    const [kind, step] = (match[4] ?? '').split(' · ');
    lines.push({ seq: Number(match[1]), at: match[2] ?? '', author: match[3] ?? '', kind: kind ?? '', step });
  }
  return { lines, text: all };
}

/** What the chronology and the stored log must hold: each kind in order, with its step and time. */
type Expected = [kind: LogKind, step: StepId | undefined, at: string];

async function expectWholeChronology(
  h: Harness,
  staff: StaffMember,
  hub: Json,
  expected: readonly Expected[],
): Promise<string> {
  const w = staff.w;
  const { lines, text } = await readChronology(staff, hub, expected.length);
  expect(lines).toEqual(
    expected.map(([kind, step, at], i) => ({
      seq: i + 1,
      at,
      author: w.author,
      kind: w.kinds[kind],
      step: step ? w.steps[step] : undefined,
    })),
  );
  const stored = await h.store.getDossier(refOf(hub).schoolId, refOf(hub).dossierId);
  expect(stored?.value.status).toBe('closed');
  expect(stored?.value.log.map((e) => [e.kind, e.step, e.authorName, e.role])).toEqual(
    expected.map(([kind, step]) => [kind, step, teacher.name, 'eigenaar']),
  );
  return text;
}

/** "hallo" → home → new dossier → the route check → the new-dossier form → the hub. */
async function openNewDossier(staff: StaffMember, typed: Typed): Promise<Json> {
  const w = staff.w;
  const home = await staff.say('hallo');
  expect(cardText(home)).toContain(w.welcome);
  expect(cardText(home)).toContain(w.acute);
  expect(cardText(home)).toContain('0800-2000');

  const route = await staff.press(home, { verb: 'startNewDossier' });
  expect(cardText(route)).toContain(w.routeTitle);
  const form = await staff.press(route, { verb: 'chooseRoute', data: { route: 'meldcode' } });
  expect(cardText(form)).toContain(w.newDossier);
  expect(cardText(form)).toContain(w.openDossier);

  const hub = await staff.press(form, { verb: 'openDossier' }, typed);
  const text = cardText(hub);
  expect(text).toContain(w.dossierTitle);
  expect(text).toContain(w.opened);
  expect(statuses(hub, w)).toEqual(
    named(w, 'notStarted', 'notStarted', 'notStarted', 'notStarted', 'notStarted'),
  );
  return hub;
}

/** The step card, pressed from the hub, with its title; then its form sent; back on the hub. */
async function takeStep(
  staff: StaffMember,
  hub: Json,
  step: StepId,
  button: Button,
  typed: Typed,
): Promise<{ card: Json; hub: Json }> {
  const card = await staff.openStep(hub, step);
  expect(cardText(card)).toContain(staff.w.stepTitle[step]);
  const after = await staff.press(card, button, typed);
  expect(cardText(after)).toContain(staff.w.dossierTitle);
  expect(cardText(after)).toContain(staff.w.recorded);
  return { card, hub: after };
}

/** Answer the question the step-5 card asks, after checking it is that question. */
async function answer(
  staff: StaffMember,
  card: Json,
  question: number,
  yes: boolean,
  reasoning: string,
  /** Only for an answer against the weighing (question 2 "no" after unsafety): the deviation's reason. */
  deviationReason?: string,
): Promise<Json> {
  expect(cardText(card)).toContain(staff.w.question(question));
  const next = await staff.press(
    card,
    { verb: 'answerAfwegingsvraag', data: { question } },
    {
      answer: String(yes),
      reasoning,
      ...(deviationReason === undefined ? {} : { deviationReason }),
    },
  );
  expect(cardText(next)).toContain(staff.w.recorded);
  return next;
}

/** The hub says the dossier is closed, offers reopening, no closing; home no longer lists it. */
async function expectClosed(staff: StaffMember, hub: Json): Promise<void> {
  const w = staff.w;
  expect(cardText(hub)).toContain(w.closed);
  expect(() => buttonOn(hub, { verb: 'showCloseForm' })).toThrow();
  buttonOn(hub, { verb: 'showReopenForm' });
  const home = await staff.say('hallo');
  expect(cardText(home)).not.toContain('MC-2026-0001');
}

describe.each([
  ['Dutch', NL],
  ['English', EN],
])('a whole dossier in %s, only with the buttons on the cards', (_language, w) => {
  let h: Harness;
  let staff: StaffMember;
  beforeEach(async () => {
    h = await startHarness({ now: START });
    staff = new StaffMember(h, w);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('ends in a report to Veilig Thuis (13 years old, sexual abuse), its feedback, and closing as reported', async () => {
    let hub = await openNewDossier(staff, {
      pupilReference: 'KB',
      group: '1b',
      age: '13',
      firstDescription: 'Vertelde na het mentoruur iets wat zorgen baart.',
    });

    // Step 1: a signal, with a specific form chosen (Veilig Thuis advice becomes required).
    const signal = await takeStep(
      staff,
      hub,
      'signalen',
      { verb: 'recordSignal' },
      {
        'signals_gedrag-emotioneel': ['plotselinge-gedragsverandering'],
        'signals_seksueel-misbruik': ['sm-vertelt-samenhangend', 'sm-geheim-met-volwassene'],
        specificForms: ['seksueel-misbruik'],
        observedOn: '2026-11-12',
        place: 'mentoruur',
        description: 'Vertelt dat een volwassene haar heeft laten beloven niets te zeggen.',
        source: 'verteld-door-leerling',
      },
    );
    expect(cardText(signal.card)).toContain(w.band('12-18'));
    hub = signal.hub;
    expect(statuses(hub, w)).toEqual(
      named(w, 'done', 'notStarted', 'notStarted', 'notStarted', 'notStarted'),
    );

    // Step 2: the consultation alone does not finish the step; the Veilig Thuis advice does.
    const consultation = await takeStep(
      staff,
      hub,
      'consultatie',
      { verb: 'recordConsultation' },
      {
        consultWith: 'Fatima El Amrani (zorgcoördinator)',
        consultOn: '2026-11-13',
        consultAdvice: 'Advies van Veilig Thuis vragen; samen het gesprek met de leerling voeren.',
      },
    );
    expect(cardText(consultation.card)).toContain(w.consultationStatus('notStarted'));
    expect(cardText(consultation.card)).toContain(w.vtRequired);
    hub = consultation.hub;
    expect(statuses(hub, w)).toEqual(
      named(w, 'done', 'inProgress', 'notStarted', 'notStarted', 'notStarted'),
    );
    const advice = await takeStep(
      staff,
      hub,
      'consultatie',
      { verb: 'recordVeiligThuisAdvice' },
      { vtOn: '2026-11-13', vtAdvice: 'Gesprek met de leerling voeren, nog niet met de ouders.' },
    );
    expect(cardText(advice.card)).toContain(w.consultationStatus('inProgress'));
    expect(cardText(advice.card)).toContain(w.vtRequired);
    hub = advice.hub;
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'notStarted', 'notStarted', 'notStarted'));

    // Step 3 and 4.
    hub = (
      await takeStep(
        staff,
        hub,
        'gesprek',
        { verb: 'recordConversation' },
        {
          on: '2026-11-16',
          withPupil: true,
          coordinatorPresent: true,
          said: '"Hij zei dat ik het aan niemand mag vertellen."',
          reaction: 'Huilde, was opgelucht dat het gezegd was.',
          outcome: 'De zorgen zijn niet weggenomen.',
        },
      )
    ).hub;
    hub = (
      await takeStep(
        staff,
        hub,
        'wegen',
        { verb: 'recordWeighing' },
        {
          suspicion: 'true',
          acuteUnsafety: 'true',
          structuralUnsafety: 'true',
          reasoning: 'Onthulling door de leerling zelf.',
        },
      )
    ).hub;
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'done', 'done', 'notStarted'));

    // Step 5: q1 yes, q2 yes → a report.
    let decide = await staff.openStep(hub, 'beslissen');
    expect(cardText(decide)).toContain(w.stepTitle.beslissen);
    decide = await answer(staff, decide, 1, true, 'Het verhaal is samenhangend en herhaald.');
    decide = await answer(staff, decide, 2, true, 'Een onthulling telt als acute onveiligheid.');
    expect(cardText(decide)).toContain(w.outcome.melden);

    const report = await staff.press(decide, { verb: 'showReportForm' });
    expect(cardText(report)).toContain(w.reportTitle);
    for (const rule of w.discussRules) expect(cardText(report)).toContain(rule);
    decide = await staff.press(
      report,
      { verb: 'recordReport' },
      {
        discussedWithPupil: 'ja',
        discussedWithParents: 'ja',
        informationFromOthers: 'Niets; alles komt van de leerling zelf.',
        schoolActionsAfterReport: 'De mentor houdt dagelijks contact.',
        on: '2026-11-16',
        reference: 'VT-2026-0413',
      },
    );
    expect(cardText(decide)).toContain(w.recorded);
    expect(cardText(decide)).toContain(w.reported(w.date('2026-11-16'), 'VT-2026-0413'));

    // Four days later: Veilig Thuis's feedback, coming back to the dossier from the home card.
    h.setNow(new Date('2026-11-20T14:30:00+01:00'));
    hub = await staff.backToDossier(w.homeLine(5, w.date('2026-11-16')));
    decide = await staff.openStep(hub, 'beslissen');
    const feedbackForm = await staff.press(decide, { verb: 'showReportForm' });
    expect(cardText(feedbackForm)).toContain(w.reported(w.date('2026-11-16'), 'VT-2026-0413'));
    decide = await staff.press(
      feedbackForm,
      { verb: 'recordReportFeedback' },
      { feedbackOn: '2026-11-20', feedback: 'Veilig Thuis neemt het over en start een onderzoek.' },
    );
    expect(cardText(decide)).toContain(w.feedbackRecorded(w.date('2026-11-20')));

    // Every step done before closing; closed as reported and handed over.
    hub = await staff.press(decide, { verb: 'showDossier' });
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'done', 'done', 'done'));
    const close = await staff.press(hub, { verb: 'showCloseForm' });
    expect(cardText(close)).toContain(w.closeTitle);
    expect(cardText(close)).toContain(w.closeOutcome(w.closeOutcomes.melden));
    hub = await staff.press(close, { verb: 'closeDossier' }, { reason: 'gemeld-overgedragen' });
    await expectClosed(staff, hub);

    const on16 = `${w.date('2026-11-16')}, 10:00`;
    const on20 = `${w.date('2026-11-20')}, 14:30`;
    const text = await expectWholeChronology(h, staff, hub, [
      ['dossierOpened', undefined, on16],
      ['signalRecorded', 'signalen', on16],
      ['consultationRecorded', 'consultatie', on16],
      ['veiligThuisAdviceRecorded', 'consultatie', on16],
      ['conversationRecorded', 'gesprek', on16],
      ['weighingRecorded', 'wegen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['reportRecorded', 'beslissen', on16],
      ['reportFeedbackRecorded', 'beslissen', on20],
      ['dossierClosed', undefined, on20],
    ]);
    expect(text).toContain('VT-2026-0413');
    expect(text).toContain(w.closedBecause['gemeld-overgedragen']);
  });

  it('ends in help with a follow-up date, question 5 at the follow-up, and closing as help organised', async () => {
    let hub = await openNewDossier(staff, { pupilReference: 'KB', group: 'groep 6', age: '9' });

    const signal = await takeStep(
      staff,
      hub,
      'signalen',
      { verb: 'recordSignal' },
      {
        signals_lichamelijk: ['letsel-onlogische-plek'],
        observedOn: '2026-11-13',
        place: 'gymzaal',
        description: 'Blauwe plekken op beide bovenarmen; zegt van de trap gevallen te zijn.',
        source: 'eigen-waarneming',
      },
    );
    expect(cardText(signal.card)).toContain(w.band('4-12'));
    const consultation = await takeStep(
      staff,
      signal.hub,
      'consultatie',
      { verb: 'recordConsultation' },
      {
        consultWith: 'Fatima El Amrani (zorgcoördinator)',
        consultOn: '2026-11-13',
        consultAdvice: 'Samen met de leerling in gesprek gaan.',
      },
    );
    expect(cardText(consultation.card)).not.toContain(w.vtRequired);
    hub = consultation.hub;
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'notStarted', 'notStarted', 'notStarted'));
    hub = (
      await takeStep(
        staff,
        hub,
        'gesprek',
        { verb: 'recordConversation' },
        {
          on: '2026-11-16',
          withPupil: true,
          withParents: true,
          coordinatorPresent: true,
          said: '"Mama is heel moe en dan wordt ze boos."',
          reaction: 'Moeder schrok en wil hulp.',
          outcome: 'Zorgen blijven, maar moeder staat open voor hulp.',
        },
      )
    ).hub;
    hub = (
      await takeStep(
        staff,
        hub,
        'wegen',
        { verb: 'recordWeighing' },
        {
          suspicion: 'true',
          acuteUnsafety: 'false',
          structuralUnsafety: 'true',
          reasoning: 'Herhaalde verwondingen, overbelaste moeder; geen direct gevaar.',
        },
      )
    ).hub;

    // Step 5: q1 yes, q2 no, q3 yes, q4 yes → help.
    let decide = await staff.openStep(hub, 'beslissen');
    decide = await answer(staff, decide, 1, true, 'De verwondingen blijven terugkomen.');
    // Against the weighing's structural unsafety: a deviation with its reason (issue 10, point 1).
    decide = await answer(
      staff,
      decide,
      2,
      false,
      'Geen acuut gevaar; de onveiligheid is te keren.',
      'Moeder krijgt per direct hulp; de onveiligheid is met hulp te keren.',
    );
    decide = await answer(staff, decide, 3, true, 'Schoolmaatschappelijk werk kan gezinsbegeleiding bieden.');
    decide = await answer(staff, decide, 4, true, 'Moeder wil meewerken.');
    expect(cardText(decide)).toContain(w.outcome.hulp);

    const plan = await staff.press(decide, { verb: 'showHelpPlanForm' });
    expect(cardText(plan)).toContain(w.helpTitle);
    const planned = await staff.press(
      plan,
      { verb: 'recordHelpPlan' },
      {
        what: 'Gezinsbegeleiding via schoolmaatschappelijk werk; wekelijks contact met moeder.',
        who: 'Schoolmaatschappelijk werk',
        deadline: '2026-12-04',
        followUpOn: '2026-12-07',
      },
    );
    expect(cardText(planned)).toContain(
      w.planLine('Schoolmaatschappelijk werk', w.date('2026-12-04'), w.date('2026-12-07')),
    );
    expect(cardText(planned)).toContain(w.q5Later(w.date('2026-12-07')));
    expect(() => buttonOn(planned, { verb: 'answerAfwegingsvraag' })).toThrow();

    // The follow-up date has come: back from the home card, record the follow-up, then question 5.
    h.setNow(new Date('2026-12-07T11:15:00+01:00'));
    hub = await staff.backToDossier(w.homeLine(5, w.date('2026-11-16')));
    decide = await staff.openStep(hub, 'beslissen');
    const followUpForm = await staff.press(decide, { verb: 'showHelpPlanForm' });
    decide = await staff.press(
      followUpForm,
      { verb: 'recordFollowUp' },
      {
        followUpHeldOn: '2026-12-07',
        followUpText: 'Geen nieuwe verwondingen; moeder komt op de afspraken.',
      },
    );
    decide = await answer(staff, decide, 5, true, 'Het gaat al weken goed; de hulp loopt door.');
    expect(cardText(decide)).toContain(w.outcome.monitoring);

    hub = await staff.press(decide, { verb: 'showDossier' });
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'done', 'done', 'done'));
    decide = await staff.openStep(hub, 'beslissen');
    const close = await staff.press(decide, { verb: 'showCloseForm' });
    expect(cardText(close)).toContain(w.closeTitle);
    expect(cardText(close)).toContain(w.closeOutcome(w.closeOutcomes.monitoring));
    hub = await staff.press(
      close,
      { verb: 'closeDossier' },
      { reason: 'hulp-georganiseerd', note: 'De mentor spreekt de leerling elke maand even apart.' },
    );
    await expectClosed(staff, hub);

    const on16 = `${w.date('2026-11-16')}, 10:00`;
    const dec7 = `${w.date('2026-12-07')}, 11:15`;
    const text = await expectWholeChronology(h, staff, hub, [
      ['dossierOpened', undefined, on16],
      ['signalRecorded', 'signalen', on16],
      ['consultationRecorded', 'consultatie', on16],
      ['conversationRecorded', 'gesprek', on16],
      ['weighingRecorded', 'wegen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['helpPlanRecorded', 'beslissen', on16],
      ['followUpRecorded', 'beslissen', dec7],
      ['afwegingsvraagAnswered', 'beslissen', dec7],
      ['dossierClosed', undefined, dec7],
    ]);
    expect(text).toContain(w.closedBecause['hulp-georganiseerd']);
  });

  it('ends as unfounded: the conversation skipped with a reason, question 1 no, closed as unfounded', async () => {
    let hub = await openNewDossier(staff, { pupilReference: 'KB', group: 'groep 4', age: '7' });

    hub = (
      await takeStep(
        staff,
        hub,
        'signalen',
        { verb: 'recordSignal' },
        {
          signals_lichamelijk: ['letsel-onlogische-plek'],
          observedOn: '2026-11-10',
          place: 'schoolplein',
          description: 'Een grote blauwe plek op het scheenbeen.',
          source: 'verteld-door-ander',
          sourceName: 'overblijfmoeder',
        },
      )
    ).hub;
    // A second signal, one that points the other way.
    hub = (
      await takeStep(
        staff,
        hub,
        'signalen',
        { verb: 'recordSignal' },
        {
          signals_lichamelijk: ['letsel-onlogische-plek'],
          observedOn: '2026-11-12',
          place: 'voetbalveld',
          description: 'De trainer zag de val tijdens de wedstrijd van zaterdag.',
          source: 'verteld-door-ander',
          sourceName: 'voetbaltrainer',
          pointsOtherWay: true,
        },
      )
    ).hub;
    hub = (
      await takeStep(
        staff,
        hub,
        'consultatie',
        { verb: 'recordConsultation' },
        {
          consultWith: 'Fatima El Amrani (zorgcoördinator)',
          consultOn: '2026-11-13',
          consultAdvice: 'Eerst wegen; de uitleg van de trainer past bij het letsel.',
        },
      )
    ).hub;
    hub = (
      await takeStep(
        staff,
        hub,
        'gesprek',
        { verb: 'skipConversation' },
        { reason: 'De leerling is bang dat haar oudere broer boos wordt als school ernaar vraagt.' },
      )
    ).hub;
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'skipped', 'notStarted', 'notStarted'));
    hub = (
      await takeStep(
        staff,
        hub,
        'wegen',
        { verb: 'recordWeighing' },
        {
          suspicion: 'false',
          acuteUnsafety: 'false',
          structuralUnsafety: 'false',
          reasoning: 'Het letsel komt van een val bij het voetbal, bevestigd door de trainer.',
        },
      )
    ).hub;

    let decide = await staff.openStep(hub, 'beslissen');
    decide = await answer(staff, decide, 1, false, 'De verklaring van de trainer neemt de zorg weg.');
    expect(cardText(decide)).toContain(w.outcome.ongegrond);
    expect(cardText(decide)).not.toContain(w.question(2));

    hub = await staff.press(decide, { verb: 'showDossier' });
    expect(statuses(hub, w)).toEqual(named(w, 'done', 'done', 'skipped', 'done', 'done'));
    decide = await staff.openStep(hub, 'beslissen');
    const close = await staff.press(decide, { verb: 'showCloseForm' });
    expect(cardText(close)).toContain(w.closeTitle);
    expect(cardText(close)).toContain(w.closeOutcome(w.closeOutcomes.ongegrond));
    hub = await staff.press(close, { verb: 'closeDossier' }, { reason: 'ongegrond' });
    await expectClosed(staff, hub);

    const on16 = `${w.date('2026-11-16')}, 10:00`;
    const text = await expectWholeChronology(h, staff, hub, [
      ['dossierOpened', undefined, on16],
      ['signalRecorded', 'signalen', on16],
      ['signalRecorded', 'signalen', on16],
      ['consultationRecorded', 'consultatie', on16],
      ['conversationSkipped', 'gesprek', on16],
      ['weighingRecorded', 'wegen', on16],
      ['afwegingsvraagAnswered', 'beslissen', on16],
      ['dossierClosed', undefined, on16],
    ]);
    expect(text).toContain(w.closedBecause.ongegrond);
  });
});
