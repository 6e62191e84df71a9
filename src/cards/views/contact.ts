// Contact or note: a contact about the signals (with whom, when, what came of it), or a note that may
// be marked as an opinion (then shown as an opinion, with its author, wherever it appears).

import { section, t, type Voice } from '../../i18n';
import { NAME_MAX_LENGTH, TEXT_MAX_LENGTH, todayInAmsterdam, type Dossier, type EntryOf } from '../../domain';
import {
  dateHints,
  formatDate,
  newSubmissionId,
  problemsText,
  shorten,
  type FormState,
  type ViewData,
} from './common';
import { cardText, formatDateTime, keptText } from './chronology';

/** How many earlier contacts and notes the card repeats; the chronology has them all. */
const RECENT = 3;
const RECENT_TEXT_LENGTH = 120;
const RECENT_NAME_LENGTH = 60;

export const CONTACT_FIELDS = ['with', 'on', 'outcome'] as const;
export const NOTE_FIELDS = ['text', 'isOpinion'] as const;
/** The inputs Teams checks itself before sending; it then shows their errorMessage. */
const REQUIRED_FIELDS: readonly string[] = ['with', 'on', 'outcome', 'text'];

/** The longest value each input takes back after a refusal (what the input itself allows). */
const KEPT_LENGTH: Record<(typeof CONTACT_FIELDS | typeof NOTE_FIELDS)[number], number> = {
  with: NAME_MAX_LENGTH,
  on: 10,
  outcome: TEXT_MAX_LENGTH,
  text: TEXT_MAX_LENGTH,
  isOpinion: 5,
};

function recentLines(voice: Voice, dossier: Dossier): { line: string }[] {
  const short = (text: string, length = RECENT_TEXT_LENGTH): string => shorten(cardText(text), length);
  return dossier.log
    .filter(
      (entry): entry is EntryOf<'contactRecorded' | 'noteRecorded'> =>
        entry.kind === 'contactRecorded' || entry.kind === 'noteRecorded',
    )
    .slice(-RECENT)
    .reverse()
    .map((entry) => {
      if (entry.kind === 'contactRecorded') {
        return {
          line: t(voice, 'contact.contactLine', {
            on: formatDate(voice, entry.data.on),
            with: short(entry.data.with, RECENT_NAME_LENGTH),
            outcome: short(entry.data.outcome),
          }),
        };
      }
      const at = formatDateTime(voice, entry.at);
      return {
        line: entry.data.isOpinion
          ? t(voice, 'contact.opinionLine', {
              at,
              author: short(entry.authorName, RECENT_NAME_LENGTH),
              text: short(entry.data.text),
            })
          : t(voice, 'contact.noteLine', { at, text: short(entry.data.text) }),
      };
    });
}

export function contactView(voice: Voice, dossier: Dossier, now: Date, state: FormState): ViewData {
  const texts = section(voice, 'contact');
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const field of [...CONTACT_FIELDS, ...NOTE_FIELDS]) {
    values[field] = keptText(state.values[field], KEPT_LENGTH[field]);
    errors[field] =
      state.errors[field] ?? (REQUIRED_FIELDS.includes(field) ? t(voice, 'contact.required') : null);
  }
  dateHints(voice, state, errors, { past: ['on'] });
  const recent = recentLines(voice, dossier);
  const problems = problemsText(voice, state, texts);
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    today: todayInAmsterdam(now),
    contactSubmissionId: newSubmissionId(),
    noteSubmissionId: newSubmissionId(),
    recentText: recent.length === 0 ? t(voice, 'contact.none') : t(voice, 'contact.recent'),
    recent,
    values,
    errors,
    problemsText: problems,
    openFormAgain: problems === '' ? '' : t(voice, 'contact.openFormAgain'),
  };
}
