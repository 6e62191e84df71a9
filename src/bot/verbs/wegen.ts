// Step 4: record the weighing. The Veilig Thuis advice form on this card is the step 2 verb
// recordVeiligThuisAdvice (registered once, in consultatie.ts), sent with `from: 'wegen'`.

import { wegenView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, type StepCard, type VerbDependencies } from './common';
import { recordedHub } from './step-hub';

export function wegenCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('wegen', wegenView(ctx.turn.voice, dossier, ctx.now, state), ctx.turn.voice);
}

export function wegenVerbs(deps: VerbDependencies): Record<string, Verb> {
  return {
    recordWeighing: commandVerb(deps, {
      type: 'recordWeighing',
      form: wegenCard(deps),
      toCommand: (form) => ({
        submissionId: form.submissionId,
        suspicion: form.suspicion,
        acuteUnsafety: form.acuteUnsafety,
        structuralUnsafety: form.structuralUnsafety,
        reasoning: form.reasoning,
      }),
      after: recordedHub(deps),
    }),
  };
}
