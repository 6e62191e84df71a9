// Test fixtures for the domain: commands with sensible defaults, and dossiers built by running
// decide() over commands (never by writing logs by hand), so every dossier in a test is one the
// real rules could have produced.

import {
  decide,
  type Participant,
  type Command,
  type CommandOf,
  type CommandType,
  type DecisionContext,
  type Dossier,
} from '../../src/domain';

/** Tuesday 10 March 2026, 11:00 in Amsterdam. */
export const NOW = new Date('2026-03-10T10:00:00Z');
export const TODAY = '2026-03-10';
export const YESTERDAY = '2026-03-09';
export const TOMORROW = '2026-03-11';

export const owner: Participant = { id: 'user-owner', name: 'Mevrouw Jansen', role: 'eigenaar' };
export const coordinator: Participant = { id: 'user-ib', name: 'Meneer Bakker', role: 'zorgcoordinator' };

export function context(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    actor: owner,
    now: NOW,
    newDossier: { id: 'dossier-1', number: 'MC-2026-0001', tenantId: 'tenant-1' },
    ...overrides,
  };
}

type Fields<T extends CommandType> = Partial<Omit<CommandOf<T>, 'type'>>;

/** One builder per command, filled in as a careful user would. */
export const cmd = {
  openDossier: (o: Fields<'openDossier'> = {}): Command => ({
    type: 'openDossier',
    schoolId: 'school-1',
    pupil: { reference: 'JdV', group: 'groep 6', age: 10 },
    firstDescription: 'Blauwe plek op de bovenarm gezien bij de gymles.',
    ...o,
  }),
  recordSignal: (o: Fields<'recordSignal'> = {}): Command => ({
    type: 'recordSignal',
    categories: ['letsel-herkenbare-vorm'],
    specificForms: [],
    observedOn: YESTERDAY,
    place: 'gymzaal',
    description: 'Blauwe plek in de vorm van vingers op de linker bovenarm.',
    source: 'eigen-waarneming',
    pointsOtherWay: false,
    ...o,
  }),
  recordContact: (o: Fields<'recordContact'> = {}): Command => ({
    type: 'recordContact',
    with: 'gymdocent',
    on: YESTERDAY,
    outcome: 'Heeft de plek ook gezien.',
    ...o,
  }),
  recordNote: (o: Fields<'recordNote'> = {}): Command => ({
    type: 'recordNote',
    text: 'Ik denk dat de leerling bang is om naar huis te gaan.',
    isOpinion: true,
    ...o,
  }),
  recordConsultation: (o: Fields<'recordConsultation'> = {}): Command => ({
    type: 'recordConsultation',
    with: 'intern begeleider',
    on: YESTERDAY,
    advice: 'Gesprek met de leerling voeren, samen met de IB.',
    ...o,
  }),
  recordVeiligThuisAdvice: (o: Fields<'recordVeiligThuisAdvice'> = {}): Command => ({
    type: 'recordVeiligThuisAdvice',
    on: YESTERDAY,
    advice: 'Niet met de ouders in gesprek gaan; eerst met de leerling.',
    anonymous: true,
    ...o,
  }),
  recordConversation: (o: Fields<'recordConversation'> = {}): Command => ({
    type: 'recordConversation',
    on: YESTERDAY,
    participants: { pupil: true, parents: false, coordinator: true },
    said: 'Leerling zegt: "Ik ben van de trap gevallen."',
    reaction: 'Keek weg en wilde verder niets zeggen.',
    outcome: 'Zorgen blijven bestaan.',
    parentsDespiteWarning: false,
    ...o,
  }),
  skipConversation: (o: Fields<'skipConversation'> = {}): Command => ({
    type: 'skipConversation',
    reason: 'Leerling vertelde dat vader boos wordt als school iets vraagt.',
    ...o,
  }),
  recordWeighing: (o: Fields<'recordWeighing'> = {}): Command => ({
    type: 'recordWeighing',
    suspicion: true,
    acuteUnsafety: false,
    // No unsafety by default: answering afwegingsvraag 2 "no" then needs no deviation reason, so the
    // fixtures can take the help path; the unsafety rows set these themselves.
    structuralUnsafety: false,
    reasoning: 'Letsel met een uitleg die niet past; thuis lijkt de zorg verder op orde.',
    ...o,
  }),
  answerAfwegingsvraag: (o: Fields<'answerAfwegingsvraag'> = {}): Command => ({
    type: 'answerAfwegingsvraag',
    question: 1,
    answer: true,
    reasoning: 'Het vermoeden is na het gesprek niet weggenomen.',
    ...o,
  }),
  recordReport: (o: Fields<'recordReport'> = {}): Command => ({
    type: 'recordReport',
    on: TODAY,
    to: 'Veilig Thuis',
    discussedWithParents: 'ja',
    informationFromOthers: 'De gymdocent zag de plek ook.',
    schoolActionsAfterReport: 'Mentor houdt dagelijks contact.',
    ...o,
  }),
  recordReportFeedback: (o: Fields<'recordReportFeedback'> = {}): Command => ({
    type: 'recordReportFeedback',
    on: TODAY,
    feedback: 'Veilig Thuis start een onderzoek.',
    ...o,
  }),
  recordHelpPlan: (o: Fields<'recordHelpPlan'> = {}): Command => ({
    type: 'recordHelpPlan',
    what: 'Opvoedondersteuning via het wijkteam.',
    who: 'intern begeleider',
    deadline: '2026-05-01',
    followUpOn: '2026-04-15',
    ...o,
  }),
  requestConsultation: (o: Fields<'requestConsultation'> = {}): Command => ({
    type: 'requestConsultation',
    coordinatorId: 'user-ib',
    question: 'Wil je meekijken naar de signalen en het gesprek met de leerling?',
    ...o,
  }),
  recordConsultationDelivery: (o: Fields<'recordConsultationDelivery'> = {}): Command => ({
    type: 'recordConsultationDelivery',
    consultationId: 2,
    delivered: 'personal',
    conversationId: 'a:chat-ib',
    activityId: 'activity-1',
    ...o,
  }),
  acceptConsultation: (o: Fields<'acceptConsultation'> = {}): Command => ({
    type: 'acceptConsultation',
    consultationId: 2,
    ...o,
  }),
  declineConsultation: (o: Fields<'declineConsultation'> = {}): Command => ({
    type: 'declineConsultation',
    consultationId: 2,
    reason: 'Ik ben deze week afwezig; vraag mijn collega.',
    ...o,
  }),
  withdrawConsultation: (o: Fields<'withdrawConsultation'> = {}): Command => ({
    type: 'withdrawConsultation',
    consultationId: 2,
    ...o,
  }),
  recordConsultationAdvice: (o: Fields<'recordConsultationAdvice'> = {}): Command => ({
    type: 'recordConsultationAdvice',
    consultationId: 2,
    advice: 'Voer het gesprek samen met mij, deze week nog.',
    ...o,
  }),
  confirmDecision: (o: Fields<'confirmDecision'> = {}): Command => ({
    type: 'confirmDecision',
    note: 'Eens met de afweging.',
    ...o,
  }),
  sendBackDecision: (o: Fields<'sendBackDecision'> = {}): Command => ({
    type: 'sendBackDecision',
    reason: 'Vraag eerst advies aan Veilig Thuis over de structurele onveiligheid.',
    ...o,
  }),
  recordFollowUp: (o: Fields<'recordFollowUp'> = {}): Command => ({
    type: 'recordFollowUp',
    on: TODAY,
    text: 'Ouders komen de afspraken na.',
    ...o,
  }),
  correctEntry: (o: Fields<'correctEntry'> = {}): Command => ({
    type: 'correctEntry',
    seq: 1,
    text: 'De plek zat op de rechter bovenarm.',
    ...o,
  }),
  closeDossier: (o: Fields<'closeDossier'> = {}): Command => ({
    type: 'closeDossier',
    reason: 'ongegrond',
    note: 'Verklaring van de ouders en de huisarts sluit aan bij een valpartij.',
    ...o,
  }),
  reopenDossier: (o: Fields<'reopenDossier'> = {}): Command => ({
    type: 'reopenDossier',
    reason: 'Nieuwe signalen na de vakantie.',
    ...o,
  }),
  addCoOwner: (o: Fields<'addCoOwner'> = {}): Command => ({
    type: 'addCoOwner',
    coOwnerId: 'user-duo',
    coOwnerName: 'Meester de Wit',
    ...o,
  }),
  removeCoOwner: (o: Fields<'removeCoOwner'> = {}): Command => ({
    type: 'removeCoOwner',
    coOwnerId: 'user-duo',
    coOwnerName: 'Meester de Wit',
    ...o,
  }),
  handOverOwnership: (o: Fields<'handOverOwnership'> = {}): Command => ({
    type: 'handOverOwnership',
    previousOwnerId: 'user-owner',
    previousOwnerName: 'Mevrouw Jansen',
    newOwnerId: 'user-new-teacher',
    newOwnerName: 'Juf Smit',
    reason: 'De leerling gaat na de kerstvakantie naar groep 7.',
    ...o,
  }),
};

/** Steps 1–4 done once each: the least a dossier needs before a decision may be recorded. */
export const stepsOneToFour = (): Command[] => [
  cmd.recordSignal(),
  cmd.recordConsultation(),
  cmd.recordConversation(),
  cmd.recordWeighing(),
];

/** Answers to afwegingsvragen, in order: `answers(true, false)` answers question 1 yes, 2 no. */
export const answers = (...given: boolean[]): Command[] =>
  given.map((answer, i) => cmd.answerAfwegingsvraag({ question: (i + 1) as 1 | 2 | 3 | 4 | 5, answer }));

export interface History {
  /** Context for every command (default: the owner, today). */
  ctx?: Partial<DecisionContext>;
  /** The openDossier command (default: cmd.openDossier()). */
  opening?: Command;
  /** When the dossier was opened, if not at ctx.now (for ages that grow with time). */
  openedAt?: Date;
}

/** A dossier made the way users make one: opened, then every command through decide(). */
export function dossierAfter(commands: Command[], history: History = {}): Dossier {
  const { ctx = {}, opening = cmd.openDossier(), openedAt } = history;
  let dossier = recorded(undefined, opening, openedAt ? { ...ctx, now: openedAt } : ctx);
  for (const command of commands) dossier = recorded(dossier, command, ctx);
  return dossier;
}

function recorded(dossier: Dossier | undefined, command: Command, ctx: Partial<DecisionContext>): Dossier {
  const decision = decide(dossier, command, context(ctx));
  if (!decision.ok) {
    throw new Error(`fixture command ${command.type} was refused: ${JSON.stringify(decision.refusal)}`);
  }
  return decision.dossier;
}

/** Freeze a value and everything in it, so any mutation throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
