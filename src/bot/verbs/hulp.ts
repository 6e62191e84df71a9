// Step 5, organise help: open the help-plan card, record the plan (what, who, by when, follow-up
// date), and record each follow-up; question 5 is then answered on the step card.

import { hulpView, emptyForm } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, commandVerb, dossierRef, type StepCard, type VerbDependencies } from './common';

export function hulpCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('hulp', hulpView(ctx.turn.language, dossier, ctx.now, state), ctx.turn.language);
}

export function hulpVerbs(deps: VerbDependencies, after: StepCard): Record<string, Verb> {
  const card = hulpCard(deps);
  return {
    showHelpPlanForm: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.language, viewed.access);
        return card(ctx, viewed.dossier, viewed.role, emptyForm);
      },
    }),

    recordHelpPlan: commandVerb(deps, {
      type: 'recordHelpPlan',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        what: form.what,
        who: form.who,
        deadline: form.deadline,
        followUpOn: form.followUpOn,
      }),
      after,
    }),

    recordFollowUp: commandVerb(deps, {
      type: 'recordFollowUp',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        on: form.followUpHeldOn,
        text: form.followUpText,
      }),
      fieldOf: { on: 'followUpHeldOn', text: 'followUpText' },
      after,
    }),
  };
}
