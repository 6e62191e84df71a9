// Export: the whole dossier as a Markdown document, fetched through a single-use, short-lived link
// (a bot cannot attach a file in a personal chat without a consent flow).

import { exportView } from '../../cards/views';
import { dossierMarkdown, exportFileName } from '../../app/export';
import { EXPORT_LINK_MINUTES, type ExportLinks } from '../../app/export-links';
import { defineVerb, type Verb } from '../verb';
import { accessCard, dossierRef, type VerbDependencies } from './common';

/** The verbs' dependencies plus the download links that compose.ts builds and the server serves. */
export type ExportVerbDependencies = VerbDependencies & { exports?: ExportLinks };

export function exportVerbs(deps: ExportVerbDependencies): Record<string, Verb> {
  return {
    exportDossier: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const links = deps.exports;
        if (!links)
          throw new Error('exportDossier needs the ExportLinks that compose.ts passes to createVerbs.');
        const language = ctx.turn.language;
        // Access is checked and the export audited before anything is built.
        const exported = await deps.dossiers.export(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!exported.ok) return accessCard(deps, language, exported.access);
        const { dossier } = exported;
        const body = dossierMarkdown({
          dossier,
          school: deps.dossiers.school(dossier.schoolId),
          language,
          exportedBy: ctx.turn.actor.name,
          now: ctx.now,
        });
        const url = links.create({ fileName: exportFileName(dossier), body });
        return deps.cards.render('export', exportView(language, dossier, url, EXPORT_LINK_MINUTES), language);
      },
    }),
  };
}
