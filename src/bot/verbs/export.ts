// Export: the whole dossier as a document, fetched through a single-use, short-lived link kept in
// the store (a bot cannot attach a file in a personal chat without a consent flow).

import { exportView } from '../../cards/views';
import { dossierMarkdown, exportFileName } from '../../app/export';
import type { ExportLinks } from '../../app/export-links';
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
        const voice = ctx.turn.voice;
        const actor = ctx.turn.actor;
        // Access is checked and the export audited before anything is built.
        const exported = await deps.dossiers.export(actor, schoolId, dossierId, ctx.now);
        if (!exported.ok) return accessCard(deps, voice, exported.access);
        const { dossier } = exported;
        const body = dossierMarkdown({
          dossier,
          school: deps.dossiers.school(dossier.schoolId),
          language: ctx.turn.language,
          exportedBy: actor.name,
          now: ctx.now,
        });
        const url = await links.create(
          {
            fileName: exportFileName(dossier),
            contentType: 'text/markdown; charset=utf-8',
            body: Buffer.from(body, 'utf8'),
          },
          {
            tenantId: dossier.tenantId,
            schoolId: dossier.schoolId,
            dossierId: dossier.id,
            requestedBy: actor.id,
          },
        );
        return deps.cards.render('export', exportView(voice, dossier, url, links.lifetimeMinutes), voice);
      },
    }),
  };
}
