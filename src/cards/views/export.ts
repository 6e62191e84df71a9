// The export card: a single-use, short-lived link to the dossier as a Markdown document.

import { section, t, type Voice } from '../../i18n';
import type { Dossier } from '../../domain';
import type { ViewData } from './common';

export function exportView(voice: Voice, dossier: Dossier, url: string, validMinutes: number): ViewData {
  return {
    t: section(voice, 'export.card'),
    title: t(voice, 'export.card.title', { number: dossier.number }),
    readyText: t(voice, 'export.card.ready', { minutes: validMinutes }),
    url,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
  };
}
