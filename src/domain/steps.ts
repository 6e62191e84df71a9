// The status of the five steps, derived from the log. The order of the steps is free and every step
// may be repeated; what binds is that steps 1 to 4 are done before the decision (step 5) is recorded.

import { afwegingskaderState } from './afwegingskader';
import {
  FORMS_WITHOUT_PARENT_CONVERSATION,
  STEPS,
  type Dossier,
  type SpecificForm,
  type Step,
  type StepStatus,
} from './dossier';
import { entriesOf } from './log';
import { specificFormOfSignal } from './signalenkaart';

/** The steps that must be done before a decision to report or to help is recorded. */
export const STEPS_BEFORE_DECISION: readonly Step[] = ['signalen', 'consultatie', 'gesprek', 'wegen'];

/**
 * The specific forms this dossier is about: those named with a signal, and those of signals chosen
 * from a specific form's section of the signalenkaart.
 */
export function specificFormsOf(dossier: Dossier): SpecificForm[] {
  const forms = new Set<SpecificForm>();
  for (const { data } of entriesOf(dossier, 'signalRecorded'))
    specificFormsOfSignal(data).forEach((f) => forms.add(f));
  return [...forms];
}

/** The specific forms one recorded signal names: chosen as such, or implied by a signal from a form's section. */
export function specificFormsOfSignal(signal: {
  specificForms: readonly SpecificForm[];
  categories: readonly string[];
}): SpecificForm[] {
  const forms = new Set<SpecificForm>(signal.specificForms);
  for (const id of signal.categories) {
    const form = specificFormOfSignal(id);
    if (form) forms.add(form);
  }
  return [...forms];
}

/**
 * Is the dossier about a form of violence in which the parents are not involved (honour-based
 * violence, forced marriage, being left behind)? Step 3 and the report then warn against it.
 */
export function parentsNotToBeInvolved(dossier: Dossier): boolean {
  return specificFormsOf(dossier).some((form) => FORMS_WITHOUT_PARENT_CONVERSATION.includes(form));
}

/** For the specific forms the step plan requires Veilig Thuis advice in step 2. */
export function veiligThuisAdviceRequired(dossier: Dossier): boolean {
  return specificFormsOf(dossier).length > 0;
}

export function stepStatuses(dossier: Dossier): Record<Step, StepStatus> {
  const has = (kind: Parameters<typeof entriesOf>[1]): boolean => entriesOf(dossier, kind).length > 0;
  // Advice given in the bot's consultation with the zorgcoördinator counts like a consultation noted by hand.
  const consulted = has('consultationRecorded') || has('consultationAdviceRecorded');
  const adviceAsked = has('veiligThuisAdviceRecorded');
  const afweging = afwegingskaderState(dossier);
  return {
    signalen: has('signalRecorded') ? 'gedaan' : has('contactRecorded') ? 'bezig' : 'niet-gestart',
    consultatie:
      consulted && (adviceAsked || !veiligThuisAdviceRequired(dossier))
        ? 'gedaan'
        : consulted || adviceAsked || has('consultationRequested')
          ? 'bezig'
          : 'niet-gestart',
    // A conversation held outweighs an earlier decision to skip it.
    gesprek: has('conversationRecorded')
      ? 'gedaan'
      : has('conversationSkipped')
        ? 'overgeslagen'
        : 'niet-gestart',
    wegen: has('weighingRecorded') ? 'gedaan' : 'niet-gestart',
    beslissen: afweging.outcome !== null ? 'gedaan' : afweging.answers.length > 0 ? 'bezig' : 'niet-gestart',
  };
}

/** Done, or skipped with a reason: both count as done for the rule before the decision. */
export function isDone(status: StepStatus): boolean {
  return status === 'gedaan' || status === 'overgeslagen';
}

/** Steps 1–4 that are not done yet, in step order. */
export function missingBeforeDecision(dossier: Dossier): Step[] {
  const statuses = stepStatuses(dossier);
  return STEPS.filter((step) => STEPS_BEFORE_DECISION.includes(step) && !isDone(statuses[step]));
}

/**
 * The acute route: a report (or a 112 call) recorded before steps 1 to 4 were done. `after` are the
 * steps done since, "recorded after the report"; `missing` those still to complete. Null when the
 * dossier has no such report.
 */
export function stepsAfterAcuteReport(
  dossier: Dossier,
): { reportSeq: number; after: Step[]; missing: Step[] } | null {
  const report = entriesOf(dossier, 'reportRecorded').find((e) => e.data.acute);
  if (!report) return null;
  const before = missingBeforeDecision({ ...dossier, log: dossier.log.filter((e) => e.seq < report.seq) });
  if (before.length === 0) return null;
  const now = new Set(missingBeforeDecision(dossier));
  return {
    reportSeq: report.seq,
    after: before.filter((step) => !now.has(step)),
    missing: before.filter((step) => now.has(step)),
  };
}
