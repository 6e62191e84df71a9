// Step 2: record a consultation and Veilig Thuis advice. The advice form is on the step 4 card too
// (in doubt, consult Veilig Thuis again); a refused advice comes back on the card it was sent from.

import { consultatieView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, type StepCard, type VerbDependencies } from './common';
import { recordedHub } from './step-hub';
import { wegenCard } from './wegen';

export function consultatieCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, role, state) =>
    deps.cards.render(
      'consultatie',
      consultatieView(ctx.turn.voice, dossier, deps.dossiers.school(dossier.schoolId), ctx.now, state, role),
      ctx.turn.voice,
    );
}

export function consultatieVerbs(deps: VerbDependencies): Record<string, Verb> {
  const card = consultatieCard(deps);
  const weighCard = wegenCard(deps);
  const adviceCard: StepCard = (ctx, dossier, role, state) =>
    (state.values['from'] === 'wegen' ? weighCard : card)(ctx, dossier, role, state);
  return {
    recordConsultation: commandVerb(deps, {
      type: 'recordConsultation',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        with: form.consultWith,
        on: form.consultOn,
        advice: form.consultAdvice,
      }),
      fieldOf: { with: 'consultWith', on: 'consultOn', advice: 'consultAdvice' },
      after: recordedHub(deps),
    }),
    withdrawConsultation: commandVerb(deps, {
      type: 'withdrawConsultation',
      form: card,
      toCommand: (form) => ({ submissionId: form.submissionId, consultationId: form['consultationId'] }),
      after: card,
    }),
    recordVeiligThuisAdvice: commandVerb(deps, {
      type: 'recordVeiligThuisAdvice',
      form: adviceCard,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        on: form.vtOn,
        advice: form.vtAdvice,
        anonymous: form.vtAnonymous,
      }),
      fieldOf: { on: 'vtOn', advice: 'vtAdvice', anonymous: 'vtAnonymous' },
      after: recordedHub(deps),
    }),
  };
}
