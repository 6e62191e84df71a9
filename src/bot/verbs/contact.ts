// Contact or note: record a contact about the signals, or a note (an opinion is marked as one).

import { contactView, emptyForm } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, commandVerb, dossierRef, type StepCard, type VerbDependencies } from './common';
import { hubCard, recordedHub } from './step-hub';

export function contactCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('contact', contactView(ctx.turn.voice, dossier, ctx.now, state), ctx.turn.voice);
}

export function contactVerbs(deps: VerbDependencies): Record<string, Verb> {
  const card = contactCard(deps);
  const after = recordedHub(deps);
  return {
    showContactForm: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        // A closed dossier takes no new entries: the hub says so and offers to reopen.
        if (viewed.dossier.status === 'closed') {
          return hubCard(deps, ctx, viewed.dossier, 'none');
        }
        return card(ctx, viewed.dossier, viewed.role, emptyForm);
      },
    }),

    recordContact: commandVerb(deps, {
      type: 'recordContact',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        with: form['with'],
        on: form['on'],
        outcome: form['outcome'],
      }),
      after,
    }),

    recordNote: commandVerb(deps, {
      type: 'recordNote',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        text: form['text'],
        // An untouched toggle may send nothing: then it is not an opinion.
        isOpinion: form['isOpinion'] ?? 'false',
      }),
      after,
    }),
  };
}
