// The one place where a dossier changes. decide() looks at a dossier, a command and who acts when,
// and returns either the new dossier with the log entries it appended, or a refusal. It runs nothing
// and changes nothing it was given: the app loads, decides, saves and carries out effects.
//
// The workflow table below says which command is allowed in which situation; the guards it names are
// declared after it, apart from the flow. Rules about the command alone (a written reason, the source
// of second-hand information, known signal ids, no names or BSNs) are in commands.ts.

import {
  afwegingskaderState,
  answerDeviates,
  isQuestionReached,
  reportMayBeRecorded,
} from './afwegingskader';
import { ageWithinSchoolBounds, mustDiscussReportWith } from './age';
import { todayInAmsterdam } from './calendar';
import { parseCommand, type Command, type CommandOf, type CommandType } from './commands';
import { unchanged, type Change } from './change';
import { closingWarnings } from './closing';
import { coOwnerIdsOf, isOwnerOf } from './co-owners';
import type { Dossier, PupilReference } from './dossier';
import { effectsOf } from './effects';
import { append, commandEntry, hasSubmission } from './log';
import type { Participant } from './people';
import type { Refusal } from './refusal';
import { isCoordinatorOf, type School } from './school';
import {
  confirmerOf,
  consultationById,
  decidedBy,
  consultationOpenFor,
  decisionConfirmation,
} from './consultation';
import { missingBeforeDecision, parentsNotToBeInvolved } from './steps';

export interface DecisionContext {
  actor: Participant;
  now: Date;
  /** Identity for a dossier about to be opened; the app reserves the number. Needed by openDossier only. */
  newDossier?: { id: string; number: string; tenantId: string };
  /**
   * The dossier's school as configured: who its zorgcoördinatoren and beslisser are. Needed by the
   * consultation and confirmation commands, which only those people may give.
   */
  school?: School;
}

/** What decide() makes of a command: a change for the write path, or a refusal. */
export type Decision = Change;

/** The dossier a command needs: none yet (opening), an open one, or a closed one (reopening). */
type Needs = 'none' | 'open' | 'closed';

interface Situation<T extends CommandType> {
  command: CommandOf<T>;
  /** Present for every command except openDossier (the table's `needs` makes sure of it). */
  dossier: T extends 'openDossier' ? undefined : Dossier;
  ctx: DecisionContext;
  /** Today's date in the Netherlands, YYYY-MM-DD. */
  today: string;
}

type Guard<T extends CommandType> = (situation: Situation<T>) => Refusal | undefined;

type Workflow = { [T in CommandType]: { needs: Needs; guards: readonly Guard<T>[] } };

// ---- The workflow: which command, in which situation ------------------------------------------------

const WORKFLOW: Workflow = {
  openDossier: { needs: 'none', guards: [newDossierGiven, pupilOfSchoolAge] },
  recordSignal: { needs: 'open', guards: [notAfterToday('observedOn')] },
  recordContact: { needs: 'open', guards: [notAfterToday('on')] },
  recordNote: { needs: 'open', guards: [] },
  recordConsultation: { needs: 'open', guards: [notAfterToday('on')] },
  recordVeiligThuisAdvice: { needs: 'open', guards: [notAfterToday('on')] },
  recordConversation: { needs: 'open', guards: [notAfterToday('on'), parentsMayBeConfronted] },
  skipConversation: { needs: 'open', guards: [] },
  recordWeighing: { needs: 'open', guards: [] },
  answerAfwegingsvraag: { needs: 'open', guards: [stepsOneToFourDone, questionReached, deviationExplained] },
  recordReport: {
    needs: 'open',
    guards: [
      stepsDoneUnlessAcute,
      notAfterToday('on'),
      newReportPossible,
      discussedAsAgeRequires,
      parentsNotInvolvedInReport,
    ],
  },
  recordReportFeedback: { needs: 'open', guards: [notAfterToday('on')] },
  recordHelpPlan: { needs: 'open', guards: [afterToday('deadline'), afterToday('followUpOn')] },
  recordFollowUp: { needs: 'open', guards: [notAfterToday('on')] },
  correctEntry: { needs: 'open', guards: [entryExists] },
  closeDossier: { needs: 'open', guards: [closingReasonFits] },
  reopenDossier: { needs: 'closed', guards: [] },
  requestConsultation: { needs: 'open', guards: [coordinatorOfTheSchool] },
  recordConsultationDelivery: { needs: 'open', guards: [consultationExists] },
  acceptConsultation: { needs: 'open', guards: [actorIsCoordinator, consultationOpen('accept')] },
  declineConsultation: { needs: 'open', guards: [actorIsCoordinator, consultationOpen('answer')] },
  withdrawConsultation: { needs: 'open', guards: [actorIsOwner, consultationOpen('accept')] },
  recordConsultationAdvice: { needs: 'open', guards: [actorIsCoordinator, consultationOpen('answer')] },
  confirmDecision: { needs: 'open', guards: [actorIsConfirmer, decisionWaiting, decisionAsSeen] },
  sendBackDecision: { needs: 'open', guards: [actorIsConfirmer, decisionWaiting, decisionAsSeen] },
  addCoOwner: { needs: 'open', guards: [actorIsOwner, colleagueNotInvolvedYet] },
  removeCoOwner: { needs: 'open', guards: [actorIsOwner, isCoOwner] },
  handOverOwnership: { needs: 'open', guards: [actorIsCoordinator, ownerAsSeen, notTheOwnerAlready] },
};

// ---- The guards ---------------------------------------------------------------------------------------

/** Opening needs the id, number and tenant the app reserved for the new dossier. */
function newDossierGiven({ ctx }: Situation<'openDossier'>): Refusal | undefined {
  return ctx.newDossier ? undefined : { code: 'newDossierMissing' };
}

/** A year of birth must fit a pupil of 4 to 20 today (an age in years is checked by the schema). */
function pupilOfSchoolAge({ command, ctx, today }: Situation<'openDossier'>): Refusal | undefined {
  return ageWithinSchoolBounds(pupilOf(command, today), ctx.now)
    ? undefined
    : { code: 'pupilAgeOutOfRange', field: 'pupil.birthYear' };
}

/** What happened cannot have happened after today. */
function notAfterToday<F extends string>(field: F) {
  return ({ command, today }: { command: Record<F, string>; today: string }): Refusal | undefined =>
    command[field] > today ? { code: 'dateInFuture', field } : undefined;
}

/** What is planned (a deadline, a follow-up) lies after today. */
function afterToday<F extends string>(field: F) {
  return ({ command, today }: { command: Record<F, string>; today: string }): Refusal | undefined =>
    command[field] <= today ? { code: 'dateNotInFuture', field } : undefined;
}

/** The law: every step is done at least once before the decision (a skipped conversation counts). */
function stepsOneToFourDone({ dossier }: { dossier: Dossier }): Refusal | undefined {
  const missing = missingBeforeDecision(dossier);
  return missing.length > 0 ? { code: 'stepsIncomplete', missing } : undefined;
}

/** The afwegingskader is a tree: a question can be answered only when the answers so far lead to it. */
function questionReached({ command, dossier }: Situation<'answerAfwegingsvraag'>): Refusal | undefined {
  return isQuestionReached(afwegingskaderState(dossier), command.question)
    ? undefined
    : { code: 'questionOutOfOrder', field: 'question' };
}

/**
 * The acute route: when Veilig Thuis or 112 was called at once, the report is recorded whatever steps
 * are done; the dossier then shows the steps still to complete (steps.ts, stepsAfterAcuteReport).
 */
function stepsDoneUnlessAcute(situation: Situation<'recordReport'>): Refusal | undefined {
  return situation.command.acute ? undefined : stepsOneToFourDone(situation);
}

/**
 * Question 2 answered "no" against a weighing of acute or structural unsafety, or after the pupil's
 * own disclosure: "dan is melden noodzakelijk", so such an answer needs its reason and is a deviation.
 */
function deviationExplained({ command, dossier }: Situation<'answerAfwegingsvraag'>): Refusal | undefined {
  return answerDeviates(dossier, command.question, command.answer) && command.deviationReason === undefined
    ? { code: 'deviationReasonRequired', field: 'deviationReason' }
    : undefined;
}

/**
 * One report per decision: another ("alsnog melden") follows a reopening of the dossier or a later
 * outcome "report" of the afwegingskader, e.g. when the help did not bring lasting safety.
 */
function newReportPossible({ dossier }: Situation<'recordReport'>): Refusal | undefined {
  return reportMayBeRecorded(dossier) ? undefined : { code: 'alreadyReported' };
}

/**
 * Discuss the report beforehand with the pupil from 12 and with the parents under 16: the answer
 * ('ja', 'geinformeerd', 'uitzondering' with its ground and reason, or 'niet-besproken' with a
 * reason, checked in commands.ts) must then be given.
 */
function discussedAsAgeRequires({ command, dossier, ctx }: Situation<'recordReport'>): Refusal | undefined {
  const must = mustDiscussReportWith(dossier.pupil, ctx.now);
  if (must.pupil && !command.discussedWithPupil)
    return { code: 'discussionRequired', field: 'discussedWithPupil' };
  if (must.parents && !command.discussedWithParents)
    return { code: 'discussionRequired', field: 'discussedWithParents' };
  return undefined;
}

/**
 * The same warning as in step 3, at the report: in honour-based violence, forced marriage and being
 * left behind, a report is not discussed with the parents (the safety exception fits); who did so
 * anyway says so with a reason.
 */
function parentsNotInvolvedInReport({ command, dossier }: Situation<'recordReport'>): Refusal | undefined {
  const involved = command.discussedWithParents === 'ja' || command.discussedWithParents === 'geinformeerd';
  if (!involved || command.parentsDespiteWarning) return undefined;
  return parentsNotToBeInvolved(dossier)
    ? { code: 'parentsNotToBeConfronted', field: 'discussedWithParents' }
    : undefined;
}

/** A closing reason the dossier does not bear out needs a reason to override (closing.ts). */
function closingReasonFits({ command, dossier }: Situation<'closeDossier'>): Refusal | undefined {
  return closingWarnings(dossier, command.reason).length > 0 && command.overrideReason === undefined
    ? { code: 'closingReasonDoesNotFit', field: 'overrideReason' }
    : undefined;
}

/**
 * In honour-based violence, forced marriage and being left behind, the parents are not confronted.
 * The specification asks for a warning; this is a hard stop by design, because a conversation that
 * alerts the family cannot be undone. The user who decides otherwise says so explicitly
 * (`parentsDespiteWarning` with a written reason) and the bot records that decision.
 */
function parentsMayBeConfronted({ command, dossier }: Situation<'recordConversation'>): Refusal | undefined {
  if (!command.participants.parents || command.parentsDespiteWarning) return undefined;
  return parentsNotToBeInvolved(dossier)
    ? { code: 'parentsNotToBeConfronted', field: 'participants.parents' }
    : undefined;
}

/** A correction refers to an entry that exists. */
function entryExists({ command, dossier }: Situation<'correctEntry'>): Refusal | undefined {
  return dossier.log.some((entry) => entry.seq === command.seq)
    ? undefined
    : { code: 'unknownEntry', field: 'seq' };
}

/** The consultation is asked of one of the school's own zorgcoördinatoren. */
function coordinatorOfTheSchool({ command, ctx }: Situation<'requestConsultation'>): Refusal | undefined {
  return ctx.school && isCoordinatorOf(ctx.school, command.coordinatorId)
    ? undefined
    : { code: 'unknownCoordinator', field: 'coordinatorId' };
}

/**
 * Only a zorgcoördinator of the dossier's school accepts, declines or advises. Checked against the
 * configuration rather than the role of the moment: one person may be owner and coordinator at once.
 */
function actorIsCoordinator({ ctx }: { ctx: DecisionContext }): Refusal | undefined {
  return ctx.school && isCoordinatorOf(ctx.school, ctx.actor.id) ? undefined : { code: 'onlyCoordinator' };
}

/**
 * The school's beslisser confirms or sends back the decision (the law names one), but never their own:
 * when they took it, the deputy beslisser does (consultation.ts, confirmerOf).
 */
function actorIsConfirmer({ ctx, dossier }: { ctx: DecisionContext; dossier: Dossier }): Refusal | undefined {
  const school = ctx.school;
  if (!school) return { code: 'onlyConfirmer' };
  if (confirmerOf(dossier, school)?.id === ctx.actor.id) return undefined;
  // A beslisser (or deputy) who took part in the decision is told why; anyone else is not the role.
  const isBeslisser =
    school.decisionMaker.id === ctx.actor.id || school.deputyDecisionMaker?.id === ctx.actor.id;
  return isBeslisser && decidedBy(dossier).has(ctx.actor.id)
    ? { code: 'ownDecision' }
    : { code: 'onlyConfirmer' };
}

function consultationExists({
  command,
  dossier,
}: {
  command: { consultationId: number };
  dossier: Dossier;
}): Refusal | undefined {
  return consultationById(dossier, command.consultationId)
    ? undefined
    : { code: 'unknownConsultation', field: 'consultationId' };
}

/** A consultation is accepted once; advice and declining follow a request that is still open. */
function consultationOpen(action: 'accept' | 'answer') {
  return ({
    command,
    dossier,
  }: {
    command: { consultationId: number };
    dossier: Dossier;
  }): Refusal | undefined => {
    const consultation = consultationById(dossier, command.consultationId);
    if (!consultation) return { code: 'unknownConsultation', field: 'consultationId' };
    return consultationOpenFor(consultation, action) ? undefined : { code: 'consultationNotOpen' };
  };
}

/** There is an outcome of the afwegingskader that waits for the beslisser. */
function decisionWaiting({ dossier }: { dossier: Dossier }): Refusal | undefined {
  const confirmation = decisionConfirmation(dossier);
  if (confirmation.state === 'none') return { code: 'noDecisionToConfirm' };
  return confirmation.state === 'waiting' ? undefined : { code: 'decisionAlreadyConfirmed' };
}

/**
 * The beslisser confirms or sends back the outcome they read: when a later answer changed it after
 * their card was made, the card they pressed shows something else than what is waiting now.
 */
function decisionAsSeen({
  command,
  dossier,
}: {
  command: { outcomeSeq?: number | undefined };
  dossier: Dossier;
}): Refusal | undefined {
  if (command.outcomeSeq === undefined) return undefined;
  return command.outcomeSeq === afwegingskaderState(dossier).outcomeSeq
    ? undefined
    : { code: 'decisionChanged' };
}

/** Only who owns the dossier (the owner or a co-owner) shares it or stops sharing it. */
function actorIsOwner({ ctx }: { ctx: DecisionContext }): Refusal | undefined {
  return ctx.actor.role === 'eigenaar' ? undefined : { code: 'onlyOwner' };
}

/** A co-owner is someone who does not own the dossier yet. */
function colleagueNotInvolvedYet({ command, dossier }: Situation<'addCoOwner'>): Refusal | undefined {
  return isOwnerOf(dossier, command.coOwnerId) ? { code: 'alreadyInvolved', field: 'coOwnerId' } : undefined;
}

function isCoOwner({ command, dossier }: Situation<'removeCoOwner'>): Refusal | undefined {
  return coOwnerIdsOf(dossier).includes(command.coOwnerId)
    ? undefined
    : { code: 'notCoOwner', field: 'coOwnerId' };
}

/** The owner is still the one the zorgcoördinator saw: two handovers at once do not both count. */
function ownerAsSeen({ command, dossier }: Situation<'handOverOwnership'>): Refusal | undefined {
  return command.previousOwnerId === dossier.ownerId ? undefined : { code: 'ownerChanged' };
}

/** A handover names someone else than the owner (a co-owner may become the owner). */
function notTheOwnerAlready({ command, dossier }: Situation<'handOverOwnership'>): Refusal | undefined {
  return command.newOwnerId === dossier.ownerId ? { code: 'alreadyOwner', field: 'newOwnerId' } : undefined;
}

/**
 * The aandachtsfunctionaris reads every dossier of the school and may add a note to it; recording
 * the steps, deciding and closing stay with the people the meldcode gives them to.
 */
const AANDACHTSFUNCTIONARIS_MAY: ReadonlySet<CommandType> = new Set(['recordNote']);

function roleRefusal(command: Command, ctx: DecisionContext): Refusal | undefined {
  return ctx.actor.role === 'aandachtsfunctionaris' && !AANDACHTSFUNCTIONARIS_MAY.has(command.type)
    ? { code: 'notAllowedForRole' }
    : undefined;
}

// ---- The flow -----------------------------------------------------------------------------------------

export function decide(dossier: Dossier | undefined, command: Command, ctx: DecisionContext): Decision {
  // Parsed again here so the rules of commands.ts hold whoever calls (and whatever they typed).
  const parsed = parseCommand(command);
  // The first problem decides; naming every problem of a form at once is the card's business.
  if (!parsed.ok) {
    const { also: _others, ...refusal } = parsed.refusal;
    return { ok: false, refusal };
  }
  const valid = parsed.command;

  if (dossier && valid.submissionId !== undefined && hasSubmission(dossier, valid.submissionId)) {
    return unchanged(dossier, true);
  }

  const refusal =
    situationRefusal(dossier, valid) ?? roleRefusal(valid, ctx) ?? guardRefusal(dossier, valid, ctx);
  if (refusal) return { ok: false, refusal };

  const { dossier: next, entry } = append(
    withHeaderChanges(dossier, valid, ctx),
    commandEntry(valid, {
      at: ctx.now.toISOString(),
      authorId: ctx.actor.id,
      authorName: ctx.actor.name,
      // Whoever opens a dossier becomes its owner, whatever role the app found beforehand.
      role: valid.type === 'openDossier' ? 'eigenaar' : ctx.actor.role,
      corrects: valid.type === 'correctEntry' ? valid.seq : undefined,
    }),
  );
  return {
    ok: true,
    dossier: { ...next, updatedAt: entry.at },
    entries: [entry],
    effects: effectsOf(next, [entry], ctx.actor.id, ctx.school),
    duplicate: false,
  };
}

/** Does the dossier exist, and is it open or closed as the command needs? */
function situationRefusal(dossier: Dossier | undefined, command: Command): Refusal | undefined {
  const needs = WORKFLOW[command.type].needs;
  if (needs === 'none') return dossier ? { code: 'dossierExists' } : undefined;
  if (!dossier) return { code: 'noDossier' };
  if (needs === 'open' && dossier.status === 'closed') return { code: 'dossierClosed' };
  if (needs === 'closed' && dossier.status === 'open') return { code: 'dossierNotClosed' };
  return undefined;
}

/** The first guard of the command's row that refuses, if any. */
function guardRefusal(
  dossier: Dossier | undefined,
  command: Command,
  ctx: DecisionContext,
): Refusal | undefined {
  // TypeScript cannot pair a row with its command through the union; situationRefusal already made
  // sure the dossier is there exactly when the row needs it, so one cast is safe here.
  const guards = WORKFLOW[command.type].guards as readonly Guard<CommandType>[];
  const situation = { command, dossier, ctx, today: todayInAmsterdam(ctx.now) } as Situation<CommandType>;
  for (const guard of guards) {
    const refusal = guard(situation);
    if (refusal) return refusal;
  }
  return undefined;
}

/** The header fields a command changes: opening creates them, closing and reopening set the status. */
function withHeaderChanges(dossier: Dossier | undefined, command: Command, ctx: DecisionContext): Dossier {
  if (command.type === 'openDossier') return openedDossier(command, ctx);
  if (!dossier) throw new Error('decide: a dossier is required here; situationRefusal should have refused.');
  switch (command.type) {
    case 'closeDossier':
      // A closed dossier reminds nobody.
      return { ...dossier, status: 'closed', nextReminderAt: null };
    case 'reopenDossier':
      return { ...dossier, status: 'open' };
    case 'acceptConsultation':
    case 'recordConsultationAdvice':
      // The zorgcoördinator who takes up the consultation is involved in the dossier from now on.
      return dossier.coordinatorIds.includes(ctx.actor.id)
        ? dossier
        : { ...dossier, coordinatorIds: [...dossier.coordinatorIds, ctx.actor.id] };
    case 'addCoOwner':
      return { ...dossier, coOwnerIds: [...coOwnerIdsOf(dossier), command.coOwnerId] };
    case 'removeCoOwner':
      return { ...dossier, coOwnerIds: coOwnerIdsOf(dossier).filter((id) => id !== command.coOwnerId) };
    case 'handOverOwnership':
      // The new owner owns alone what they co-owned; the old owner keeps no access of their own
      // (roleOf still finds them when they are a zorgcoördinator or stay on as co-owner).
      return {
        ...dossier,
        ownerId: command.newOwnerId,
        ownerName: command.newOwnerName,
        coOwnerIds: coOwnerIdsOf(dossier).filter((id) => id !== command.newOwnerId),
      };
    default:
      return dossier;
  }
}

function openedDossier(command: CommandOf<'openDossier'>, ctx: DecisionContext): Dossier {
  const identity = ctx.newDossier;
  if (!identity)
    throw new Error('decide: openDossier needs ctx.newDossier; newDossierGiven should have refused.');
  const at = ctx.now.toISOString();
  return {
    id: identity.id,
    schoolId: command.schoolId,
    tenantId: identity.tenantId,
    number: identity.number,
    pupil: pupilOf(command, todayInAmsterdam(ctx.now)),
    ownerId: ctx.actor.id,
    ownerName: ctx.actor.name,
    coordinatorIds: [],
    status: 'open',
    openedAt: at,
    updatedAt: at,
    nextReminderAt: null,
    log: [],
  };
}

/** The pupil as stored: an age is kept with the date it was given, so it can grow with time. */
function pupilOf(command: CommandOf<'openDossier'>, today: string): PupilReference {
  const { reference, group, age, birthYear } = command.pupil;
  return age !== undefined
    ? { reference, group, age: { years: age, recordedOn: today } }
    : { reference, group, birthYear };
}
