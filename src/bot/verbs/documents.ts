// The documents a school files: the dossier as PDF, Word or text, the copy for the parents or the
// pupil (zorgcoördinator only), and the yearly meldcode figures in the chat, as PDF and as CSV.
// Every file is fetched through a single-use, short-lived link (app/export-links.ts).

import { z } from 'zod';
import {
  documentReadyView,
  documentsView,
  errorView,
  figuresReadyView,
  figuresView,
} from '../../cards/views';
import type { Documents, DocumentRefusal } from '../../app/documents/documents';
import { COPY_RECIPIENTS } from '../../app/documents/access-copy';
import type { ExportLinks } from '../../app/export-links';
import type { CardJson } from '../../cards/render';
import { t, voiceOf, type Voice, type MessageKey } from '../../i18n';
import { defineVerb, type Verb } from '../verb';
import { accessCard, dossierRef, showCardVerb, type VerbDependencies } from './common';

/** The verbs' dependencies plus the document use cases and the links that compose.ts builds. */
export type DocumentVerbDependencies = VerbDependencies & { documents?: Documents; exports?: ExportLinks };

/** A school year as the card sends it (text or number), e.g. 2025 for 2025-2026. */
const schoolYear = z.coerce.number().int().min(2000).max(2100);

/** "5, 12 #14" → [5, 12, 14]; anything that is not a list of numbers is refused. */
const entryNumbers = z
  .string()
  .max(500)
  .default('')
  .transform((text, ctx) => {
    const parts = text.split(/[\s,;#]+/).filter((part) => part !== '');
    if (!parts.every((part) => /^\d{1,6}$/.test(part))) {
      ctx.addIssue({ code: 'custom', message: 'expected entry numbers', path: [] });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  });

export function documentVerbs(deps: DocumentVerbDependencies): Record<string, Verb> {
  const need = (verb: string): { documents: Documents; links: ExportLinks } => {
    if (!deps.documents || !deps.exports)
      throw new Error(`${verb} needs the Documents and ExportLinks that compose.ts passes to createVerbs.`);
    return { documents: deps.documents, links: deps.exports };
  };
  const message = (voice: Voice, key: MessageKey, params: Record<string, string | number> = {}): CardJson =>
    deps.cards.render(
      'error',
      { ...errorView(voice, 'error.unknownVerb'), message: t(voice, key, params) },
      voice,
    );
  const refused = (voice: Voice, refusal: DocumentRefusal): CardJson =>
    refusal.code === 'notCoordinator'
      ? message(voice, 'export.documents.notCoordinator')
      : refusal.code === 'noFigures'
        ? message(voice, 'figures.card.notAllowed')
        : accessCard(deps, voice, refusal);

  return {
    showDocuments: showCardVerb(deps, (ctx, dossier, role) =>
      deps.cards.render('documents', documentsView(ctx.turn.voice, dossier, role, ctx.now), ctx.turn.voice),
    ),

    exportDocument: defineVerb({
      schema: dossierRef.extend({ format: z.enum(['pdf', 'docx', 'md']) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, format }) => {
        const { documents, links } = need('exportDocument');
        const voice = ctx.turn.voice;
        const made = await documents.dossier(
          ctx.turn.actor,
          { schoolId, dossierId },
          format,
          ctx.turn.language,
          ctx.now,
        );
        if (!made.ok)
          return 'refusal' in made ? refused(voice, made.refusal) : message(voice, 'error.unknownVerb');
        return deps.cards.render(
          'export',
          documentReadyView(voice, made.dossier, made.url, links.lifetimeMinutes, { format }),
          voice,
        );
      },
    }),

    makeAccessCopy: defineVerb({
      schema: dossierRef.extend({
        recipient: z.enum(COPY_RECIPIENTS),
        format: z.enum(['pdf', 'docx']),
        withhold: z.string().max(500).optional(),
      }),
      scopes: ['personal'],
      run: async (ctx, form) => {
        const { documents, links } = need('makeAccessCopy');
        const voice = ctx.turn.voice;
        const { schoolId, dossierId, recipient, format } = form;
        const chosen = entryNumbers.safeParse(form.withhold ?? '');
        const again = async (numbers: string): Promise<CardJson> => {
          const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
          if (!viewed.ok) return accessCard(deps, voice, viewed.access);
          const state = {
            values: { recipient, format, withhold: form.withhold ?? '' },
            errors: { withhold: t(voice, 'export.documents.withholdUnknown', { numbers }) },
          };
          return deps.cards.render(
            'documents',
            documentsView(voice, viewed.dossier, viewed.role, ctx.now, state),
            voice,
          );
        };
        if (!chosen.success) return again(form.withhold ?? '');
        const made = await documents.accessCopy(
          ctx.turn.actor,
          { schoolId, dossierId },
          { recipient, chosen: chosen.data },
          format,
          ctx.turn.language,
          ctx.now,
        );
        if (!made.ok) {
          if ('unknownEntries' in made) return again(made.unknownEntries.join(', '));
          return refused(voice, made.refusal);
        }
        return deps.cards.render(
          'export',
          documentReadyView(voice, made.dossier, made.url, links.lifetimeMinutes, {
            copyFor: recipient,
            format,
          }),
          voice,
        );
      },
    }),

    showFigures: defineVerb({
      schema: z.object({
        schoolId: z.string().min(1).max(100).optional(),
        schoolYear: schoolYear.optional(),
      }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, schoolYear: year }) => {
        const { documents } = need('showFigures');
        const voice = ctx.turn.voice;
        const outcome = await documents.figures(ctx.turn.actor, schoolId, year, ctx.now);
        if (!outcome.ok) return refused(voice, outcome.refusal);
        // Shown without a school named, the figures are of the school the person belongs to: its words.
        const inSchool = voiceOf(ctx.turn.language, outcome.school);
        const view = figuresView(inSchool, outcome.figures, {
          schoolName: outcome.school.name,
          otherSchools: outcome.readable.filter((s) => s.id !== outcome.school.id),
          currentSchoolYear: outcome.currentSchoolYear,
        });
        return deps.cards.render('figures', view, inSchool);
      },
    }),

    exportFigures: defineVerb({
      schema: z.object({ schoolId: z.string().min(1).max(100), schoolYear, format: z.enum(['pdf', 'csv']) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, schoolYear: year, format }) => {
        const { documents, links } = need('exportFigures');
        const voice = ctx.turn.voice;
        const made = await documents.figuresFile(
          ctx.turn.actor,
          schoolId,
          year,
          format,
          ctx.turn.language,
          ctx.now,
        );
        if (!made.ok) return refused(voice, made.refusal);
        const school = deps.dossiers.school(schoolId) ?? { id: schoolId, name: schoolId };
        return deps.cards.render(
          'figures-ready',
          figuresReadyView(voice, school, year, made.url, links.lifetimeMinutes),
          voice,
        );
      },
    }),
  };
}
