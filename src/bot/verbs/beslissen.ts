// Step 5: answer the afwegingskader's questions one at a time (or change an earlier answer), and the
// ways on to the report (melden.ts) and the help plan (hulp.ts). Closing is the close form's verb.

import { z } from 'zod';
import { AFWEGINGSVRAGEN, afwegingskaderState } from '../../domain';
import { beslissenView, emptyForm, type BeslissenNotice } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, commandVerb, dossierRef, type StepCard, type VerbDependencies } from './common';
import { schoolOf } from './school-of';
import { meldenVerbs } from './melden';
import { hulpVerbs } from './hulp';

function renderBeslissen(deps: VerbDependencies, notice: BeslissenNotice): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render(
      'beslissen',
      beslissenView(ctx.turn.voice, dossier, ctx.now, state, notice, schoolOf(deps, dossier)),
      ctx.turn.voice,
    );
}

/** The step card: the current question, the answers so far and the outcome. */
export function beslissenCard(deps: VerbDependencies): StepCard {
  return renderBeslissen(deps, 'none');
}

export function beslissenVerbs(deps: VerbDependencies): Record<string, Verb> {
  const card = beslissenCard(deps);
  // After every step-5 record: the step card again, which shows what comes next.
  const recorded = renderBeslissen(deps, 'recorded');
  return {
    answerAfwegingsvraag: commandVerb(deps, {
      type: 'answerAfwegingsvraag',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        question: form.question,
        answer: form.answer,
        reasoning: form.reasoning,
        deviationReason: form.deviationReason,
      }),
      // The question travels in the button's data; a question out of order is a problem of the form.
      fieldOf: { question: 'form' },
      after: recorded,
    }),

    /** "Change": show an earlier question again, with the answer given then. */
    showAfwegingsvraag: defineVerb({
      schema: dossierRef.extend({ question: z.coerce.number().pipe(z.literal(AFWEGINGSVRAGEN)) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, question }) => {
        const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        const earlier = afwegingskaderState(viewed.dossier).answers.find((a) => a.question === question);
        const values = earlier
          ? { question, answer: String(earlier.answer), reasoning: earlier.reasoning }
          : { question };
        return card(ctx, viewed.dossier, viewed.role, { ...emptyForm, values });
      },
    }),

    ...meldenVerbs(deps, recorded),
    ...hulpVerbs(deps, recorded),
  };
}
