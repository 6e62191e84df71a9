// Step 5, organise help: open the help-plan card, record the plan (what, who, by when, follow-up
// date), and record each follow-up; question 5 is then answered on the step card.

import { hulpView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, showCardVerb, type StepCard, type VerbDependencies } from './common';

export function hulpCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('hulp', hulpView(ctx.turn.voice, dossier, ctx.now, state), ctx.turn.voice);
}

export function hulpVerbs(deps: VerbDependencies, after: StepCard): Record<string, Verb> {
  const card = hulpCard(deps);
  return {
    showHelpPlanForm: showCardVerb(deps, card),

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
