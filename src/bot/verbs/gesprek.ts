// Step 3: record the conversation with the pupil (and/or the parents), or skip it with the reason.

import { gesprekView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, type StepCard, type VerbDependencies } from './common';
import { recordedHub } from './step-hub';

export function gesprekCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('gesprek', gesprekView(ctx.turn.voice, dossier, ctx.now, state), ctx.turn.voice);
}

export function gesprekVerbs(deps: VerbDependencies): Record<string, Verb> {
  const card = gesprekCard(deps);
  return {
    recordConversation: commandVerb(deps, {
      type: 'recordConversation',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        on: form.on,
        participants: {
          pupil: form.withPupil,
          parents: form.withParents,
          coordinator: form.coordinatorPresent,
        },
        said: form.said,
        reaction: form.reaction,
        outcome: form.outcome,
        // Only on the card when the warning applies; elsewhere not sent, which means no.
        parentsDespiteWarning: form.parentsDespiteWarning ?? 'false',
        parentsDespiteWarningReason: form.parentsDespiteWarningReason,
      }),
      fieldOf: {
        participants: 'participants',
        'participants.pupil': 'withPupil',
        'participants.parents': 'withParents',
        'participants.coordinator': 'coordinatorPresent',
      },
      after: recordedHub(deps),
    }),
    skipConversation: commandVerb(deps, {
      type: 'skipConversation',
      form: card,
      toCommand: (form) => ({ submissionId: form.submissionId, reason: form.reason }),
      after: recordedHub(deps),
    }),
  };
}
