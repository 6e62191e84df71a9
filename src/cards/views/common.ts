// View models: turn domain data into the flat data a card template binds. Every field a template
// names is always present (null when empty), so an unbound `${…}` always means a missing field.

import { randomUUID } from 'node:crypto';
import { section, t, type Voice, type MessageKey } from '../../i18n';
import { PUPIL_MAX_AGE, PUPIL_MIN_AGE, type Refusal, type Step } from '../../domain';

export type ViewData = Record<string, unknown>;

export function errorView(voice: Voice, message: MessageKey): ViewData {
  return { t: section(voice, 'error'), message: t(voice, message) };
}

/** What the user typed, kept when a form comes back, plus a message per field that needs fixing. */
export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

/**
 * What a date input says when the card's own check stops it (a date after today where the past is
 * asked, or the other way round): a sentence that says so, instead of the client's "fill this in"
 * under a filled field. The bot's own message for the field, when there is one, stays.
 */
export function dateHints(
  voice: Voice,
  state: FormState,
  errors: ViewData,
  dates: { past?: readonly string[]; future?: readonly string[] },
): void {
  for (const field of dates.past ?? []) errors[field] = state.errors[field] ?? t(voice, 'form.pastDate');
  for (const field of dates.future ?? []) errors[field] = state.errors[field] ?? t(voice, 'form.futureDate');
}

/** Fill every named field, so the template always binds: typed values stay, the rest is null. */
export function formFields(
  fields: readonly string[],
  state: FormState,
): { values: ViewData; errors: ViewData } {
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const field of fields) {
    values[field] = state.values[field] ?? null;
    errors[field] = state.errors[field] ?? null;
  }
  return { values, errors };
}

/**
 * The problems of a refused form, listed at the top of the card, each with the label of its field
 * (Teams shows an input's errorMessage only for its own client-side checks).
 */
export function problemsText(voice: Voice, state: FormState, labels: Record<string, string> = {}): string {
  const problems = Object.entries(state.errors).map(([field, message]) =>
    labels[field] ? `${labels[field]}: ${message}` : message,
  );
  return problems.length === 0 ? '' : `${t(voice, 'form.fixBelow')}\n\n- ${problems.join('\n- ')}`;
}

/** A refusal of the meldcode's rules, in the user's words. */
export function refusalMessage(voice: Voice, refusal: Refusal): string {
  return t(voice, `refusal.${refusal.code}` as MessageKey, {
    steps: stepList(voice, refusal.missing ?? []),
    // The school-age bounds the refusal of an age is based on.
    min: PUPIL_MIN_AGE,
    max: PUPIL_MAX_AGE,
  });
}

/**
 * Why someone may not see a dossier, as the card names it. Declared by the card (cards may not import
 * use cases); the app's refusal must fit it, so the compiler catches a new reason without a text.
 */
export interface AccessRefusal {
  code: 'notFound' | 'notInvolved' | 'unknownSchool';
}

export function accessView(voice: Voice, refusal: AccessRefusal): ViewData {
  return { t: section(voice, 'error'), message: t(voice, `access.${refusal.code}`) };
}

export function stepList(voice: Voice, steps: readonly Step[]): string {
  return steps.map((step) => t(voice, `step.${step}`)).join(', ');
}

/** Dates as a Dutch or English reader expects them, in Dutch time: one formatter per voice (i18n). */
export { formatDate } from '../../i18n';

/** A fresh id per card instance: pressing its button twice records once. */
export function newSubmissionId(): string {
  return randomUUID();
}

/** The first `length` code units at most, without splitting a surrogate pair. */
export function head(text: string, length: number): string {
  if (text.length <= length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * Text shown shortened on a card (the chronology and the export keep it whole): at most `length`
 * code units, the ellipsis included, never splitting a surrogate pair.
 */
export function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${head(text, length - 1)}…`;
}
