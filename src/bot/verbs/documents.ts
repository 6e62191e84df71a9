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
import { t, type Language, type MessageKey } from '../../i18n';
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
  const message = (
    language: Language,
    key: MessageKey,
    params: Record<string, string | number> = {},
  ): CardJson =>
    deps.cards.render(
      'error',
      { ...errorView(language, 'error.unknownVerb'), message: t(language, key, params) },
      language,
    );
  const refused = (language: Language, refusal: DocumentRefusal): CardJson =>
    refusal.code === 'notCoordinator'
      ? message(language, 'export.documents.notCoordinator')
      : refusal.code === 'noFigures'
        ? message(language, 'figures.card.notAllowed')
        : accessCard(deps, language, refusal);

  return {
    showDocuments: showCardVerb(deps, (ctx, dossier, role) =>
      deps.cards.render(
        'documents',
        documentsView(ctx.turn.language, dossier, role, ctx.now),
        ctx.turn.language,
      ),
    ),

    exportDocument: defineVerb({
      schema: dossierRef.extend({ format: z.enum(['pdf', 'docx', 'md']) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, format }) => {
        const { documents, links } = need('exportDocument');
        const language = ctx.turn.language;
        const made = await documents.dossier(
          ctx.turn.actor,
          { schoolId, dossierId },
          format,
          language,
          ctx.now,
        );
        if (!made.ok)
          return 'refusal' in made ? refused(language, made.refusal) : message(language, 'error.unknownVerb');
        return deps.cards.render(
          'export',
          documentReadyView(language, made.dossier, made.url, links.lifetimeMinutes, { format }),
          language,
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
        const language = ctx.turn.language;
        const { schoolId, dossierId, recipient, format } = form;
        const chosen = entryNumbers.safeParse(form.withhold ?? '');
        const again = async (numbers: string): Promise<CardJson> => {
          const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
          if (!viewed.ok) return accessCard(deps, language, viewed.access);
          const state = {
            values: { recipient, format, withhold: form.withhold ?? '' },
            errors: { withhold: t(language, 'export.documents.withholdUnknown', { numbers }) },
          };
          return deps.cards.render(
            'documents',
            documentsView(language, viewed.dossier, viewed.role, ctx.now, state),
            language,
          );
        };
        if (!chosen.success) return again(form.withhold ?? '');
        const made = await documents.accessCopy(
          ctx.turn.actor,
          { schoolId, dossierId },
          { recipient, chosen: chosen.data },
          format,
          language,
          ctx.now,
        );
        if (!made.ok) {
          if ('unknownEntries' in made) return again(made.unknownEntries.join(', '));
          return refused(language, made.refusal);
        }
        return deps.cards.render(
          'export',
          documentReadyView(language, made.dossier, made.url, links.lifetimeMinutes, {
            copyFor: recipient,
            format,
          }),
          language,
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
        const language = ctx.turn.language;
        const outcome = await documents.figures(ctx.turn.actor, schoolId, year, ctx.now);
        if (!outcome.ok) return refused(language, outcome.refusal);
        const view = figuresView(language, outcome.figures, {
          schoolName: outcome.school.name,
          otherSchools: outcome.readable.filter((s) => s.id !== outcome.school.id),
          currentSchoolYear: outcome.currentSchoolYear,
        });
        return deps.cards.render('figures', view, language);
      },
    }),

    exportFigures: defineVerb({
      schema: z.object({ schoolId: z.string().min(1).max(100), schoolYear, format: z.enum(['pdf', 'csv']) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, schoolYear: year, format }) => {
        const { documents, links } = need('exportFigures');
        const language = ctx.turn.language;
        const made = await documents.figuresFile(ctx.turn.actor, schoolId, year, format, language, ctx.now);
        if (!made.ok) return refused(language, made.refusal);
        const school = deps.dossiers.school(schoolId) ?? { id: schoolId, name: schoolId };
        return deps.cards.render(
          'figures-ready',
          figuresReadyView(language, school, year, made.url, links.lifetimeMinutes),
          language,
        );
      },
    }),
  };
}
