// Why a command was not recorded. Refusals are expected outcomes, so they are values with a code the
// bot translates (never free text): the code says which rule stopped the command, `field` points at
// the input to fix, `missing` lists the steps still to do.

import type { Step } from './dossier';

export const REFUSAL_CODES = [
  // The command itself (commands.ts).
  'invalidCommand',
  // A form field left empty, a date that does not exist, neither age nor year of birth, a conversation
  // with nobody: each says what to fix (they all read "not (properly) filled in").
  'fieldRequired',
  'invalidDate',
  'ageOrBirthYear',
  'participantsRequired',
  'textTooLong',
  'looksLikeFullName',
  'looksLikeBsn',
  'reasonRequired',
  'sourceRequired',
  'unknownSignal',
  'categoryRequired',
  // The dossier's life cycle.
  'noDossier',
  'dossierExists',
  'newDossierMissing',
  'dossierClosed',
  'dossierNotClosed',
  'unknownEntry',
  // The pupil's age.
  'pupilAgeOutOfRange',
  // Dates against today.
  'dateInFuture',
  'dateNotInFuture',
  // The steps and the decision.
  'stepsIncomplete',
  'questionOutOfOrder',
  'discussionRequired',
  'parentsNotToBeConfronted',
  // A deviation from the meldcode: allowed with a written reason, shown to the beslisser.
  'deviationReasonRequired',
  // Another report needs a reopening or a later outcome "report" (alsnog melden).
  'alreadyReported',
  // A closing reason the outcome and the entries do not bear out, without a reason to override.
  'closingReasonDoesNotFit',
  // The consultation and the confirmation of the decision.
  // Someone acting outside their place: each says whose it is (the beslisser was told only "the
  // zorgcoördinator or the beslisser" may accept a consultation).
  'notAllowedForRole',
  'onlyCoordinator',
  'onlyConfirmer',
  'onlyOwner',
  // The beslisser took this decision themselves: the deputy confirms it (or nobody, if none is set).
  'ownDecision',
  'unknownCoordinator',
  'unknownConsultation',
  'consultationNotOpen',
  'noDecisionToConfirm',
  'decisionAlreadyConfirmed',
  // A later answer changed the outcome after the beslisser's card was made.
  'decisionChanged',
  // Too many people acted on the dossier at once (or the store kept failing) for the time a click
  // may take: nothing was recorded; the form comes back as typed, to send again.
  'tryAgain',
  // Who takes part: the colleague named is involved already, is not a co-owner, or owns it already.
  'alreadyInvolved',
  'notCoOwner',
  'alreadyOwner',
  'ownerChanged',
  // Snoozing a reminder.
  'unknownReminder',
  'notRecipient',
  'reminderResolved',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  missing?: Step[];
  field?: string;
  /** Other fields of the same form with a problem: a form names every problem at once. */
  also?: { code: RefusalCode; field?: string }[];
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && (REFUSAL_CODES as readonly string[]).includes(value);
}
