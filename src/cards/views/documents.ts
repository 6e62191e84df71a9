// The documents of a dossier: the dossier as PDF, Word or text, and for a zorgcoördinator the copy for
// the parents or the pupil. And the card with the download link of a finished file.

import { section, t, type Voice } from '../../i18n';
import { ageRange, DISCUSS_WITH_PARENTS_UNDER_AGE, type Dossier, type Role } from '../../domain';
import type { FormState, ViewData } from './common';

/** The copy is for the parents until the pupil is 16, then for the pupil (the card's first choice). */
function defaultRecipient(dossier: Dossier, now: Date): 'ouders' | 'leerling' {
  return ageRange(dossier.pupil, now).min >= DISCUSS_WITH_PARENTS_UNDER_AGE ? 'leerling' : 'ouders';
}

export function documentsView(
  voice: Voice,
  dossier: Dossier,
  role: Role,
  now: Date,
  state: FormState = { values: {}, errors: {} },
): ViewData {
  const value = (id: string, fallback: string): string => {
    const given = state.values[id];
    return typeof given === 'string' ? given : fallback;
  };
  return {
    t: section(voice, 'export.documents'),
    title: t(voice, 'export.documents.title', { number: dossier.number }),
    isCoordinator: role === 'zorgcoordinator',
    recipient: value('recipient', defaultRecipient(dossier, now)),
    withhold: value('withhold', ''),
    format: value('format', 'pdf'),
    withholdError: state.errors['withhold'] ?? '',
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
  };
}

/** The ready card of a dossier document (the export card's template, with the format named). */
export function documentReadyView(
  voice: Voice,
  dossier: Dossier,
  url: string,
  validMinutes: number,
  ready: { format: 'pdf' | 'docx' | 'md' } | { copyFor: 'ouders' | 'leerling'; format: 'pdf' | 'docx' },
): ViewData {
  const copy = 'copyFor' in ready;
  return {
    t: section(voice, 'export.card'),
    title: copy
      ? t(voice, 'export.documents.copyTitleReady', { number: dossier.number })
      : t(voice, 'export.card.title', { number: dossier.number }),
    readyText: copy
      ? t(voice, 'export.documents.copyReady', {
          recipient: t(voice, `export.copy.for.${ready.copyFor}`),
          format: ready.format === 'pdf' ? 'PDF' : 'Word',
          minutes: validMinutes,
        })
      : t(voice, `export.documents.ready.${ready.format}`, { minutes: validMinutes }),
    url,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
  };
}

/** The ready card of a figures file. */
export function figuresReadyView(
  voice: Voice,
  school: { id: string; name: string },
  schoolYear: number,
  url: string,
  validMinutes: number,
): ViewData {
  return {
    t: { ...section(voice, 'figures.ready'), download: t(voice, 'export.card.download') },
    title: t(voice, 'figures.ready.title', {
      school: school.name,
      year: `${schoolYear}-${schoolYear + 1}`,
    }),
    readyText: t(voice, 'figures.card.ready', { minutes: validMinutes }),
    url,
    schoolId: school.id,
    schoolYear,
  };
}
