// Step 1: the signalenkaart for the pupil's age band and the form for one signal.

import { section, t, type Voice } from '../../i18n';
import { groupLabel, signalLabel } from '../../i18n/signalenkaart';
import {
  SIGNAL_SOURCES,
  SPECIFIC_FORMS,
  ageBand,
  entriesOf,
  signalenkaart,
  todayInAmsterdam,
  type Dossier,
} from '../../domain';
import {
  dateHints,
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  type FormState,
  type ViewData,
  shorten,
} from './common';

/** Card input ids of the signal choices: one multi-select per category or form section. */
export const SIGNAL_INPUT_PREFIX = 'signals_';

/** How many earlier signals the card repeats; the chronology has them all. */
const RECENT_SIGNALS = 3;
const RECENT_TEXT_LENGTH = 120;

export const SIGNAL_FORM_FIELDS = [
  'specificForms',
  'observedOn',
  'place',
  'description',
  'source',
  'sourceName',
  'pointsOtherWay',
] as const;

/** The inputs Teams checks itself before sending; it then shows their errorMessage. */
const SIGNAL_REQUIRED_FIELDS = ['observedOn', 'description', 'source'] as const;

export function signalenView(voice: Voice, dossier: Dossier, now: Date, state: FormState): ViewData {
  const band = ageBand(dossier.pupil, now);
  const kaart = signalenkaart(band);
  const group = (id: string, signals: readonly string[]) => {
    const inputId = `${SIGNAL_INPUT_PREFIX}${id}`;
    const typed = state.values[inputId];
    return {
      inputId,
      label: groupLabel(voice, id),
      value: typeof typed === 'string' ? typed : null,
      choices: signals.map((signal) => ({ id: signal, title: signalLabel(voice, signal) })),
    };
  };
  const signals = entriesOf(dossier, 'signalRecorded');
  const recent = signals.slice(-RECENT_SIGNALS).reverse();
  const texts = section(voice, 'signalen');
  const fields = formFields(SIGNAL_FORM_FIELDS, state);
  // Most signals are written down the day they are seen: today is filled in, one tap to change.
  fields.values['observedOn'] ??= todayInAmsterdam(now);
  for (const field of SIGNAL_REQUIRED_FIELDS) fields.errors[field] ??= t(voice, 'signalen.required');
  dateHints(voice, state, fields.errors, { past: ['observedOn'] });
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    today: todayInAmsterdam(now),
    recordedText:
      signals.length === 0
        ? t(voice, 'signalen.none')
        : signals.length === 1
          ? t(voice, 'signalen.recordedOne')
          : t(voice, 'signalen.recordedMany', { count: signals.length }),
    recent: recent.map((entry) => ({
      line: `${formatDate(voice, entry.data.observedOn)} · ${t(voice, `signalen.source.${entry.data.source}`)}${
        entry.data.pointsOtherWay ? ` · ${t(voice, 'signalen.otherWay')}` : ''
      } · ${shorten(entry.data.description, RECENT_TEXT_LENGTH)}`,
    })),
    bandText: t(voice, 'signalen.band', { band }),
    groups: kaart.categories.map((c) => group(c.id, c.signals)),
    formGroups: kaart.forms.map((f) => group(f.id, f.signals)),
    // The specific forms open on demand (the card stays within about two screens); a form that
    // comes back refused, or with forms chosen, shows them open.
    formsOpen:
      Object.keys(state.errors).length > 0 ||
      Object.entries(state.values).some(
        ([key, value]) =>
          (key === 'specificForms' || kaart.forms.some((f) => key === `${SIGNAL_INPUT_PREFIX}${f.id}`)) &&
          typeof value === 'string' &&
          value !== '',
      ),
    specificForms: SPECIFIC_FORMS.map((id) => ({ id, title: t(voice, `form.specificForm.${id}`) })),
    sources: SIGNAL_SOURCES.map((id) => ({ id, title: t(voice, `signalen.source.${id}`) })),
    ...fields,
    problemsText: problemsText(voice, state, texts),
  };
}
