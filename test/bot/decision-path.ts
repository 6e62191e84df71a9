// The shortest path to an outcome of step 5 that waits for the beslisser, pressed on the cards as
// the owner: a signal, a consultation, the conversation skipped with its reason, the weighing, and
// questions 1 and 2 answered yes (report). Shared by the tests that need a decision to confirm.

import type { TestUser } from '../support/teams';

/** A signal as the teacher fills in the step-1 card: marks in the shape of an object on the forearm. */
export const A_SIGNAL = {
  signals_lichamelijk: 'letsel-herkenbare-vorm',
  observedOn: '2026-11-13',
  place: 'klas',
  description: 'Striemen op de onderarm.',
  source: 'eigen-waarneming',
  pointsOtherWay: 'false',
} as const;

type Press = (user: TestUser, verb: string, data: Record<string, unknown>) => Promise<unknown>;

export async function decideToReport(
  press: Press,
  owner: TestUser,
  ref: { schoolId: string; dossierId: string },
): Promise<void> {
  await press(owner, 'recordSignal', {
    ...ref,
    ...A_SIGNAL,
  });
  await press(owner, 'recordConsultation', {
    ...ref,
    consultWith: 'IB',
    consultOn: '2026-11-13',
    consultAdvice: 'Gesprek voeren.',
  });
  await press(owner, 'skipConversation', {
    ...ref,
    reason: 'Leerling vertelde dat vader boos wordt als school iets vraagt.',
  });
  await press(owner, 'recordWeighing', {
    ...ref,
    suspicion: 'true',
    acuteUnsafety: 'false',
    structuralUnsafety: 'true',
    reasoning: 'Herhaald letsel.',
  });
  await press(owner, 'answerAfwegingsvraag', {
    ...ref,
    question: 1,
    answer: 'true',
    reasoning: 'Vermoeden blijft.',
  });
  await press(owner, 'answerAfwegingsvraag', {
    ...ref,
    question: 2,
    answer: 'true',
    reasoning: 'Structurele onveiligheid.',
  });
}
