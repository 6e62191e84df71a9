// What the cards of steps 2 to 4 share: the step's status line, the last few entries as short lines,
// and the Veilig Thuis advice form (recorded in step 2, and again from step 4 when in doubt).

import { formatList, section, t, type Voice } from '../../i18n';
import {
  TEXT_MAX_LENGTH,
  stepStatuses,
  todayInAmsterdam,
  type Dossier,
  type SpecificForm,
  type Step,
} from '../../domain';
import { dateHints, formFields, newSubmissionId, shorten, type FormState, type ViewData } from './common';

/** How many earlier entries a step card repeats; the chronology has them all. */
export const RECENT_ENTRIES = 3;
const RECENT_TEXT_LENGTH = 120;

/** Free text cut to one short line for the list of recent entries. */
export function shortened(text: string, length: number = RECENT_TEXT_LENGTH): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), length);
}

/**
 * Like formFields, but what comes back is never longer than the longest text a command takes: a
 * client that ignores maxLength cannot blow a card past its size budget.
 */
export function keptFields(
  fields: readonly string[],
  state: FormState,
  required: { fields: readonly string[]; message: string } = { fields: [], message: '' },
): { values: ViewData; errors: ViewData } {
  const { values, errors } = formFields(fields, state);
  for (const [field, value] of Object.entries(values)) {
    if (typeof value === 'string') values[field] = value.slice(0, TEXT_MAX_LENGTH);
    else if (value !== null) values[field] = null;
  }
  // A required input carries a message for the card's own check, when the bot has none for it.
  for (const field of required.fields) errors[field] = errors[field] ?? required.message;
  return { values, errors };
}

/** The last few items, newest first. */
export function latest<T>(items: readonly T[]): T[] {
  return items.slice(-RECENT_ENTRIES).reverse();
}

/** The steps whose cards are built from these parts. */
export type MiddleStep = Extract<Step, 'consultatie' | 'gesprek' | 'wegen'>;

/** "Deze stap: bezig" in the user's voice. */
export function stepStatusText(voice: Voice, dossier: Dossier, step: MiddleStep): string {
  return t(voice, `${step}.status`, { status: t(voice, `status.${stepStatuses(dossier)[step]}`) });
}

/** The names of specific forms, as one readable list. */
export function formNames(voice: Voice, forms: readonly SpecificForm[]): string {
  const names = forms.map((form) => t(voice, `form.specificForm.${form}`).toLowerCase());
  return formatList(voice, names);
}

/** Where the Veilig Thuis advice form was sent from: its refusal comes back on that card. */
export type AdviceFormOrigin = 'consultatie' | 'wegen';

/** Card input ids of the Veilig Thuis advice form, unique on every card that carries it. */
export const VEILIG_THUIS_ADVICE_FIELDS = ['vtOn', 'vtAdvice', 'vtAnonymous'] as const;

/** The Veilig Thuis advice form: its texts, what the user typed, and its own submission id. */
export function veiligThuisAdviceForm(
  voice: Voice,
  now: Date,
  state: FormState,
  origin: AdviceFormOrigin,
): { vt: ViewData; labels: Record<string, string>; values: ViewData; errors: ViewData } {
  const texts = section(voice, 'consultatie.vt');
  const { values, errors } = keptFields(VEILIG_THUIS_ADVICE_FIELDS, state, {
    fields: ['vtOn', 'vtAdvice'],
    message: t(voice, 'consultatie.required'),
  });
  dateHints(voice, state, errors, { past: ['vtOn'] });
  // Asking anonymously is the default: no pupil data leaves the school unless the user says so.
  values['vtAnonymous'] = values['vtAnonymous'] ?? 'true';
  return {
    vt: {
      t: texts,
      origin,
      today: todayInAmsterdam(now),
      submissionId: newSubmissionId(),
    },
    labels: {
      vtOn: texts['on'] ?? '',
      vtAdvice: texts['advice'] ?? '',
      vtAnonymous: texts['anonymous'] ?? '',
    },
    values,
    errors,
  };
}
