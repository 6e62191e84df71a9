// Closing a dossier with one of the four reasons, and reopening a closed one with a written reason.
// Before anyone submits, the card says which reasons do not fit what the dossier holds (closing.ts)
// and asks for the reason to override, and whether the decision is confirmed yet.

import { section, t, type Voice } from '../../i18n';
import { CLOSURE_REASONS, TEXT_MAX_LENGTH, afwegingskaderState, entriesOf, type Dossier } from '../../domain';
import { closingWarnings } from '../../domain/closing';
import type { School } from '../../domain/school';
import { confirmationLine } from './afwijkingen';
import { formatDate, newSubmissionId, problemsText, type FormState, type ViewData } from './common';
import { closureReasonLabel, keptText } from './chronology';

export type CloseMode = 'close' | 'reopen';

/** Card input ids: the closing form's reason and note, the reopening form's reason. */
export const CLOSE_FIELDS = ['reason', 'note', 'overrideReason'] as const;
export const REOPEN_FIELDS = ['reopenReason'] as const;
/** The inputs Teams checks itself before sending; it then shows their errorMessage. */
const REQUIRED_FIELDS: readonly string[] = ['reason', 'reopenReason'];

export function closeView(
  voice: Voice,
  dossier: Dossier,
  mode: CloseMode,
  state: FormState,
  school?: School,
): ViewData {
  const texts = section(voice, 'close');
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const field of [...CLOSE_FIELDS, ...REOPEN_FIELDS]) {
    values[field] = keptText(state.values[field], TEXT_MAX_LENGTH);
    errors[field] =
      state.errors[field] ?? (REQUIRED_FIELDS.includes(field) ? t(voice, 'close.required') : null);
  }
  const outcome = afwegingskaderState(dossier).outcome;
  const lastClosing = entriesOf(dossier, 'dossierClosed').at(-1);
  return {
    t: texts,
    isClose: mode === 'close',
    isReopen: mode === 'reopen',
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    outcomeText:
      mode === 'close' && outcome
        ? t(voice, 'close.outcome', { outcome: t(voice, `close.outcome.${outcome}`) })
        : '',
    closedText:
      mode === 'reopen' && lastClosing
        ? t(voice, 'close.closedBecause', {
            on: formatDate(voice, lastClosing.at),
            reason: closureReasonLabel(voice, lastClosing.data.reason),
          })
        : '',
    reasons: CLOSURE_REASONS.map((id) => ({ id, title: closureReasonLabel(voice, id) })),
    // Every reason that does not fit, with why: the card cannot change as the choice changes.
    warnings:
      mode === 'close'
        ? CLOSURE_REASONS.flatMap((id) =>
            closingWarnings(dossier, id).map((warning) => ({
              line: t(voice, `close.warning.${warning}`, { reason: closureReasonLabel(voice, id) }),
            })),
          )
        : [],
    confirmationText: mode === 'close' ? confirmationLine(voice, dossier, school) : '',
    values,
    errors,
    problemsText: problemsText(voice, state, texts),
  };
}
