// Deviations from the meldcode ("afwijkingen"): choices the meldcode allows only with a written reason.
// The bot does not forbid them (people decide) but records the reason and shows every deviation to
// the beslisser who confirms the decision, so the second pair of eyes sees what departs from the plan.

import { answerDeviates, afwegingskaderState, type Afwegingsvraag } from './afwegingskader';
import type { Dossier } from './dossier';

export type Deviation =
  /** Afwegingsvraag 2 answered "no" against a weighing of acute or structural unsafety, or a disclosure. */
  | { kind: 'unsafetyAnsweredNo'; seq: number; reason: string }
  /** A report made without discussing it beforehand, and without one of the two exceptions. */
  | { kind: 'reportNotDiscussed'; seq: number; with: 'pupil' | 'parents'; reason: string }
  /** The parents were involved where the specific form warns against it (step 3 or the report). */
  | { kind: 'parentsDespiteWarning'; seq: number; reason: string }
  /** The dossier was closed with a reason its outcome and entries do not bear out. */
  | { kind: 'closedDespiteWarning'; seq: number; reason: string };

/** Every deviation in the dossier, in log order. */
export function deviationsOf(dossier: Dossier): Deviation[] {
  const deviations: Deviation[] = [];
  const onPath = new Set(afwegingskaderState(dossier).answers.map((a) => a.seq));
  for (const entry of dossier.log) {
    switch (entry.kind) {
      case 'afwegingsvraagAnswered': {
        const d = entry.data;
        // Only an answer still on the path counts: a superseded one no longer leads anywhere.
        if (
          onPath.has(entry.seq) &&
          d.deviationReason !== undefined &&
          answerDeviatesAt(dossier, entry.seq, d)
        )
          deviations.push({ kind: 'unsafetyAnsweredNo', seq: entry.seq, reason: d.deviationReason });
        break;
      }
      case 'reportRecorded': {
        const d = entry.data;
        if (d.discussedWithPupil === 'niet-besproken')
          deviations.push({
            kind: 'reportNotDiscussed',
            seq: entry.seq,
            with: 'pupil',
            reason: d.pupilExceptionReason ?? '',
          });
        if (d.discussedWithParents === 'niet-besproken')
          deviations.push({
            kind: 'reportNotDiscussed',
            seq: entry.seq,
            with: 'parents',
            reason: d.parentsExceptionReason ?? '',
          });
        if (d.parentsDespiteWarning)
          deviations.push({
            kind: 'parentsDespiteWarning',
            seq: entry.seq,
            reason: d.parentsDespiteWarningReason ?? '',
          });
        break;
      }
      case 'conversationRecorded':
        if (entry.data.parentsDespiteWarning)
          deviations.push({
            kind: 'parentsDespiteWarning',
            seq: entry.seq,
            reason: entry.data.parentsDespiteWarningReason ?? '',
          });
        break;
      case 'dossierClosed':
        if (entry.data.overrideReason !== undefined)
          deviations.push({
            kind: 'closedDespiteWarning',
            seq: entry.seq,
            reason: entry.data.overrideReason,
          });
        break;
      default:
        break;
    }
  }
  return deviations;
}

/** Did the answer deviate from the dossier as it stood when it was given? */
function answerDeviatesAt(
  dossier: Dossier,
  seq: number,
  answer: { question: Afwegingsvraag; answer: boolean },
): boolean {
  const then = { ...dossier, log: dossier.log.filter((e) => e.seq < seq) };
  return answerDeviates(then, answer.question, answer.answer);
}
