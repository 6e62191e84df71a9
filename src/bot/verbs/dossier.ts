// Verbs on one dossier as a whole: the hub card and opening a step.

import { z } from 'zod';
import { STEPS } from '../../domain';
import { dossierView, emptyForm } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, dossierRef, type StepCards, type VerbDependencies } from './common';

export function dossierVerbs(deps: VerbDependencies, stepCards: StepCards): Record<string, Verb> {
  const { cards, dossiers } = deps;
  return {
    showDossier: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.language, viewed.access);
        return cards.render(
          'dossier',
          dossierView(
            ctx.turn.language,
            viewed.dossier,
            dossiers.school(schoolId),
            'none',
            ctx.turn.actor.id,
          ),
          ctx.turn.language,
        );
      },
    }),

    showStep: defineVerb({
      schema: dossierRef.extend({ step: z.enum(STEPS) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, step }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.language, viewed.access);
        // A closed dossier takes no new entries: steps 1–4 would only offer forms that are refused,
        // so the hub comes instead, saying it is closed and offering to reopen. Step 5 shows its
        // own closed state with the decision as it stood.
        if (viewed.dossier.status === 'closed' && step !== 'beslissen') {
          return cards.render(
            'dossier',
            dossierView(ctx.turn.language, viewed.dossier, dossiers.school(schoolId)),
            ctx.turn.language,
          );
        }
        return stepCards[step](ctx, viewed.dossier, viewed.role, emptyForm);
      },
    }),
  };
}
