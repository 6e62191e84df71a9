// Closing a dossier with one of the four reasons, and reopening a closed one with a written reason.

import { section, t, type Language } from '../../i18n';
import { CLOSURE_REASONS, TEXT_MAX_LENGTH, afwegingskaderState, entriesOf, type Dossier } from '../../domain';
import { formatDate, newSubmissionId, problemsText, type FormState, type ViewData } from './common';
import { closureReasonLabel, keptText } from './chronology';

export type CloseMode = 'close' | 'reopen';

/** Card input ids: the closing form's reason and note, the reopening form's reason. */
export const CLOSE_FIELDS = ['reason', 'note'] as const;
export const REOPEN_FIELDS = ['reopenReason'] as const;
/** The inputs Teams checks itself before sending; it then shows their errorMessage. */
const REQUIRED_FIELDS: readonly string[] = ['reason', 'reopenReason'];

export function closeView(language: Language, dossier: Dossier, mode: CloseMode, state: FormState): ViewData {
  const texts = section(language, 'close');
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const field of [...CLOSE_FIELDS, ...REOPEN_FIELDS]) {
    values[field] = keptText(state.values[field], TEXT_MAX_LENGTH);
    errors[field] =
      state.errors[field] ?? (REQUIRED_FIELDS.includes(field) ? t(language, 'close.required') : null);
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
        ? t(language, 'close.outcome', { outcome: t(language, `close.outcome.${outcome}`) })
        : '',
    closedText:
      mode === 'reopen' && lastClosing
        ? t(language, 'close.closedBecause', {
            on: formatDate(language, lastClosing.at),
            reason: closureReasonLabel(language, lastClosing.data.reason),
          })
        : '',
    reasons: CLOSURE_REASONS.map((id) => ({ id, title: closureReasonLabel(language, id) })),
    values,
    errors,
    problemsText: problemsText(language, state, texts),
  };
}
