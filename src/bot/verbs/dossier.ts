// Verbs on one dossier as a whole: the hub card and opening a step.

import { z } from 'zod';
import { STEPS } from '../../domain';
import { emptyForm } from '../../cards/views';
import { t } from '../../i18n';
import { defineVerb, type Verb } from '../verb';
import { accessCard, dossierRef, type StepCards, type VerbDependencies } from './common';
import { hubCard } from './step-hub';

export function dossierVerbs(deps: VerbDependencies, stepCards: StepCards): Record<string, Verb> {
  const { dossiers } = deps;
  return {
    showDossier: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        return hubCard(deps, ctx, viewed.dossier, 'none');
      },
    }),

    /** A card that did not reach its person, sent again (it goes out after this answer). */
    resendCard: defineVerb({
      schema: dossierRef.extend({ itemId: z.string().min(1).max(200) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, itemId }) => {
        const sent = await dossiers.resendCard(ctx.turn.actor, schoolId, dossierId, itemId, ctx.now);
        if (!sent.ok) return accessCard(deps, ctx.turn.voice, sent.access);
        return hubCard(deps, ctx, sent.dossier, { text: t(ctx.turn.voice, 'dossier.card.sentAgain') });
      },
    }),

    showStep: defineVerb({
      schema: dossierRef.extend({ step: z.enum(STEPS) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, step }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        // A closed dossier takes no new entries: steps 1–4 would only offer forms that are refused,
        // so the hub comes instead, saying it is closed and offering to reopen. Step 5 shows its
        // own closed state with the decision as it stood.
        if (viewed.dossier.status === 'closed' && step !== 'beslissen') {
          return hubCard(deps, ctx, viewed.dossier, 'none');
        }
        return stepCards[step](ctx, viewed.dossier, viewed.role, emptyForm);
      },
    }),
  };
}
