// Fixture dossiers for the card contract: every one is built by running the domain's decide() over
// commands, as users would, in the states a card can meet — and one worst case for the size budget.

import {
  ALL_SIGNAL_IDS,
  NAME_MAX_LENGTH,
  PLACE_MAX_LENGTH,
  SPECIFIC_FORMS,
  TEXT_MAX_LENGTH,
  VEILIG_THUIS_REFERENCE_MAX_LENGTH,
  decide,
  type Participant,
  type Command,
  type Dossier,
} from '../../src/domain';
import type { School } from '../../src/domain/school';
import {
  NOW,
  TODAY,
  YESTERDAY,
  answers,
  cmd,
  context,
  coordinator,
  owner,
  stepsOneToFour,
} from '../domain/given';

export { NOW, TODAY };

export const decisionMaker: Participant = {
  id: 'user-beslisser',
  name: 'Mevrouw de Boer',
  role: 'beslisser',
};

/** The school of the fixtures in ../domain/given.ts: its zorgcoördinator and beslisser. */
export const SCHOOL: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: coordinator.id, name: coordinator.name }],
  decisionMaker: { id: decisionMaker.id, name: decisionMaker.name },
};

/** A command, by the owner unless another actor gives it. */
export type Act = Command | { by: Participant; command: Command };

export interface Story {
  opening?: Command;
  id?: string;
  number?: string;
  acts: readonly Act[];
}

/** A dossier made the way users make one: opened, then every act decided in turn. */
export function told({
  opening = cmd.openDossier(),
  id = 'dossier-1',
  number = 'MC-2026-0001',
  acts,
}: Story): Dossier {
  const ctx = (actor: Participant) =>
    context({ actor, school: SCHOOL, newDossier: { id, number, tenantId: SCHOOL.tenantId } });
  let dossier: Dossier | undefined;
  for (const act of [opening, ...acts]) {
    const { by, command } = 'by' in act ? act : { by: owner, command: act };
    const decision = decide(dossier, command, ctx(by));
    if (!decision.ok)
      throw new Error(`fixture command ${command.type} was refused: ${JSON.stringify(decision.refusal)}`);
    dossier = decision.dossier;
  }
  if (!dossier) throw new Error('no dossier');
  return dossier;
}

const coordinatorSays = (command: Command): Act => ({ by: coordinator, command });
const decisionMakerSays = (command: Command): Act => ({ by: decisionMaker, command });

// ---- The stories --------------------------------------------------------------------------------------

const helpPath = (): Command[] => [...stepsOneToFour(), ...answers(true, false, true, true)];
const helpPlanned = (): Command[] => [...helpPath(), cmd.recordHelpPlan()];
const followedUp = (): Command[] => [...helpPlanned(), cmd.recordFollowUp()];
const requested = (): Act[] => [
  cmd.recordSignal(),
  cmd.requestConsultation({ coordinatorId: coordinator.id }),
];
/** The consultation's id: the seq of the entry that requested it (1 opened, 2 signal, 3 request). */
export const CONSULTATION_ID = 3;

/** Dossiers in every state a card can meet. */
export const DOSSIERS = {
  fresh: told({ acts: [] }),
  midway: told({
    acts: [
      cmd.recordSignal(),
      cmd.recordContact(),
      cmd.recordNote({ isOpinion: true }),
      cmd.recordNote({ isOpinion: false, text: 'Moeder belde af voor de oudergesprekken.' }),
      cmd.recordSignal({ pointsOtherWay: true, source: 'verteld-door-ander', sourceName: 'gymdocent' }),
      cmd.recordConsultation(),
    ],
  }),
  specificForm: told({
    acts: [cmd.recordSignal({ specificForms: ['eergerelateerd-geweld', 'huwelijksdwang'] })],
  }),
  specificFormAdvised: told({
    acts: [
      cmd.recordSignal({ specificForms: ['eergerelateerd-geweld'] }),
      cmd.recordVeiligThuisAdvice(),
      cmd.recordConsultation(),
    ],
  }),
  conversationSkipped: told({
    acts: [cmd.recordSignal(), cmd.recordConsultation(), cmd.skipConversation(), cmd.recordWeighing()],
  }),
  stepsDone: told({ acts: [...stepsOneToFour(), cmd.recordVeiligThuisAdvice()] }),
  melden: told({ acts: [...stepsOneToFour(), ...answers(true, true)] }),
  reported: told({
    acts: [
      ...stepsOneToFour(),
      ...answers(true, true),
      cmd.recordReport({ reference: 'VT-2026-1234' }),
      cmd.recordReportFeedback(),
    ],
  }),
  hulp: told({ acts: helpPath() }),
  helpPlanned: told({ acts: helpPlanned() }),
  followedUp: told({ acts: followedUp() }),
  monitoring: told({ acts: [...followedUp(), cmd.answerAfwegingsvraag({ question: 5, answer: true })] }),
  meldenAfterHelp: told({
    acts: [...followedUp(), cmd.answerAfwegingsvraag({ question: 5, answer: false })],
  }),
  unfounded: told({ acts: [...stepsOneToFour(), ...answers(false)] }),
  closed: told({ acts: [...stepsOneToFour(), ...answers(false), cmd.closeDossier()] }),
  reopened: told({ acts: [...stepsOneToFour(), ...answers(false), cmd.closeDossier(), cmd.reopenDossier()] }),
  // Issue 10: the hard cases.
  acuteReported: told({
    acts: [
      cmd.recordSignal(),
      cmd.recordReport({
        acute: true,
        to: '112 (politie)',
        discussedWithParents: 'uitzondering',
        parentsException: 'veiligheid-in-het-geding',
        parentsExceptionReason: 'Leerling durfde niet naar huis; direct gebeld.',
      }),
    ],
  }),
  deviations: told({
    acts: [
      cmd.recordSignal(),
      cmd.recordConsultation(),
      cmd.recordConversation(),
      cmd.recordWeighing({ structuralUnsafety: true }),
      cmd.answerAfwegingsvraag({ question: 1, answer: true }),
      cmd.answerAfwegingsvraag({
        question: 2,
        answer: false,
        deviationReason: 'Vader is vertrokken; de situatie is veranderd.',
      }),
      cmd.answerAfwegingsvraag({ question: 3, answer: false }),
      cmd.recordReport({
        discussedWithParents: 'niet-besproken',
        parentsExceptionReason: 'Geen gelegenheid.',
      }),
    ],
  }),
  helpAfterReport: told({
    acts: [
      ...stepsOneToFour(),
      ...answers(true, true),
      cmd.recordReport(),
      cmd.answerAfwegingsvraag({ question: 3, answer: true }),
      cmd.answerAfwegingsvraag({ question: 4, answer: true }),
      cmd.recordHelpPlan(),
    ],
  }),
  parentsWarned: told({
    acts: [
      cmd.recordSignal({ specificForms: ['eergerelateerd-geweld'] }),
      cmd.recordConsultation(),
      cmd.recordVeiligThuisAdvice(),
      cmd.recordConversation(),
      cmd.recordWeighing(),
      ...answers(true, true),
    ],
  }),
  ownDecision: told({
    acts: [...stepsOneToFour(), ...answers(true, true)].map((command) => ({ by: decisionMaker, command })),
  }),
  /** 13 years old: a report is discussed beforehand with the pupil and with the parents. */
  thirteen: told({
    opening: cmd.openDossier({ pupil: { reference: 'AB', group: '1 havo', age: 13 } }),
    acts: [...stepsOneToFour(), ...answers(true, true)],
  }),
  consultationRequested: told({ acts: requested() }),
  consultationAccepted: told({
    acts: [...requested(), coordinatorSays(cmd.acceptConsultation({ consultationId: CONSULTATION_ID }))],
  }),
  consultationAdvised: told({
    acts: [
      ...requested(),
      coordinatorSays(cmd.recordConsultationAdvice({ consultationId: CONSULTATION_ID })),
    ],
  }),
  consultationDeclined: told({
    acts: [...requested(), coordinatorSays(cmd.declineConsultation({ consultationId: CONSULTATION_ID }))],
  }),
  decisionConfirmed: told({
    acts: [...stepsOneToFour(), ...answers(true, true), decisionMakerSays(cmd.confirmDecision())],
  }),
  decisionSentBack: told({
    acts: [...stepsOneToFour(), ...answers(true, true), decisionMakerSays(cmd.sendBackDecision())],
  }),
  coOwned: told({
    acts: [
      cmd.recordSignal(),
      cmd.addCoOwner(),
      cmd.addCoOwner({ coOwnerId: 'user-duo-2', coOwnerName: 'Juf Ali' }),
    ],
  }),
  handedOver: told({
    acts: [cmd.recordSignal(), cmd.addCoOwner(), coordinatorSays(cmd.handOverOwnership())],
  }),
} satisfies Record<string, Dossier>;

export type DossierState = keyof typeof DOSSIERS;

// ---- The worst case -----------------------------------------------------------------------------------

/**
 * Text of exactly `length` UTF-16 code units that costs as many bytes on a card as Dutch text can:
 * letters with diacritics (2 bytes in UTF-8), a euro sign and typographic quotes (3 bytes each) and a
 * straight quote that JSON escapes (2 bytes) — 2.4 bytes per code unit.
 */
export function heavy(length: number): string {
  const pattern = '€ë"é“';
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
}

/** Author names as long as a Teams display name gets. */
const LONG_NAME = heavy(120);
const heavyOwner: Participant = { ...owner, name: LONG_NAME };
const heavyCoordinator: Participant = { ...coordinator, name: LONG_NAME };
const heavyDecisionMaker: Participant = { ...decisionMaker, name: LONG_NAME };

const text = heavy(TEXT_MAX_LENGTH);
const name = heavy(NAME_MAX_LENGTH);
/** Forty signals of the signalenkaart in one observation: far more than anyone ticks at once. */
const manySignals = [...ALL_SIGNAL_IDS].slice(0, 40);

/**
 * 200 log entries with every text at its maximum length: signals, contacts, notes, consultations,
 * Veilig Thuis advice, conversations, weighings, corrections, the afwegingskader along its longest
 * path (help, follow-up, then a report after all), reports, feedback and a consultation with the
 * zorgcoördinator that was advised; the beslisser's confirmation waits.
 */
export function worstCaseDossier(): Dossier {
  const rotation: Act[] = [
    cmd.recordSignal({
      categories: manySignals,
      specificForms: [...SPECIFIC_FORMS],
      place: heavy(PLACE_MAX_LENGTH),
      description: text,
      source: 'verteld-door-ander',
      sourceName: name,
      pointsOtherWay: true,
    }),
    cmd.recordContact({ with: name, outcome: text }),
    cmd.recordNote({ text, isOpinion: true }),
    cmd.recordConsultation({ with: name, advice: text }),
    cmd.recordVeiligThuisAdvice({ advice: text, anonymous: false }),
    cmd.recordConversation({
      participants: { pupil: true, parents: true, coordinator: true },
      said: text,
      reaction: text,
      outcome: text,
      parentsDespiteWarning: true,
      parentsDespiteWarningReason: text,
    }),
    cmd.skipConversation({ reason: text }),
    cmd.recordWeighing({ suspicion: true, acuteUnsafety: true, structuralUnsafety: true, reasoning: text }),
    cmd.correctEntry({ seq: 2, text }),
  ];
  const byOwner = (act: Act): Act => ('by' in act ? act : { by: heavyOwner, command: act });
  // "No" to question 2 against the unsafety on record needs its reason: the longest, as all text here.
  const decision = (question: 1 | 2 | 3 | 4 | 5, answer: boolean): Act =>
    byOwner(
      cmd.answerAfwegingsvraag({
        question,
        answer,
        reasoning: text,
        ...(question === 2 && !answer ? { deviationReason: text } : {}),
      }),
    );
  const ending: Act[] = [
    decision(1, true),
    decision(2, false),
    decision(3, true),
    decision(4, true),
    byOwner(cmd.recordHelpPlan({ what: text, who: name })),
    byOwner(cmd.recordFollowUp({ text })),
    byOwner(cmd.recordFollowUp({ on: YESTERDAY, text })),
    byOwner(cmd.recordFollowUp({ text })),
    byOwner(cmd.recordFollowUp({ text })),
    decision(5, false),
    byOwner(
      cmd.recordReport({
        to: name,
        reference: heavy(VEILIG_THUIS_REFERENCE_MAX_LENGTH),
        discussedWithPupil: 'uitzondering',
        pupilException: 'veiligheid-in-het-geding',
        pupilExceptionReason: text,
        discussedWithParents: 'uitzondering',
        parentsException: 'leerling-verbreekt-contact',
        parentsExceptionReason: text,
        informationFromOthers: text,
        schoolActionsAfterReport: text,
      }),
    ),
    byOwner(cmd.recordReportFeedback({ feedback: text })),
    byOwner(cmd.recordReportFeedback({ feedback: text })),
    byOwner(cmd.recordReportFeedback({ feedback: text })),
    byOwner(cmd.recordReportFeedback({ feedback: text })),
    byOwner(cmd.requestConsultation({ coordinatorId: coordinator.id, question: text })),
  ];
  const total = 200;
  const acts: Act[] = [];
  for (let i = 0; acts.length < total - 2 - ending.length; i++)
    acts.push(byOwner(rotation[i % rotation.length] as Act));
  const before = [...acts, ...ending];
  // A consultation is named by the seq of its request: the last entry so far (the opening is seq 1).
  const advice: Act = {
    by: heavyCoordinator,
    command: cmd.recordConsultationAdvice({ consultationId: before.length + 1, advice: text }),
  };
  return told({
    id: 'worst-case',
    number: 'MC-2026-0999',
    opening: cmd.openDossier({
      pupil: { reference: 'ëé-2024-0153-ëéëéëé', group: 'groep 8 ëé ëé ëé ëé', age: 13 },
      firstDescription: text,
    }),
    acts: [...before, advice],
  });
}

/** One more act on a dossier, decided like every other. */
function andThen(dossier: Dossier, { by, command }: { by: Participant; command: Command }): Dossier {
  const decision = decide(dossier, command, context({ actor: by, school: SCHOOL }));
  if (!decision.ok)
    throw new Error(`fixture command ${command.type} was refused: ${JSON.stringify(decision.refusal)}`);
  return decision.dossier;
}

/** The worst case, closed with the longest note (for the reopening form). */
export function closedWorstCase(worst: Dossier): Dossier {
  return andThen(worst, {
    by: heavyOwner,
    command: cmd.closeDossier({ reason: 'gemeld-overgedragen', note: text }),
  });
}

/** The worst case, its decision sent back by the beslisser with the longest reason. */
export function sentBackWorstCase(worst: Dossier): Dossier {
  return andThen(worst, { by: heavyDecisionMaker, command: cmd.sendBackDecision({ reason: text }) });
}
