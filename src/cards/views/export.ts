// The export card: a single-use, short-lived link to the dossier as a Markdown document.

import { section, t, type Language } from '../../i18n';
import type { Dossier } from '../../domain';
import type { ViewData } from './common';

export function exportView(
  language: Language,
  dossier: Dossier,
  url: string,
  validMinutes: number,
): ViewData {
  return {
    t: section(language, 'export.card'),
    title: t(language, 'export.card.title', { number: dossier.number }),
    readyText: t(language, 'export.card.ready', { minutes: validMinutes }),
    url,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
  };
}
