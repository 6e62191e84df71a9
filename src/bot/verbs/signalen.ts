// Step 1: record a signal from the signalenkaart card.

import { signalenView, SIGNAL_INPUT_PREFIX } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, type DossierForm, type StepCard, type VerbDependencies } from './common';
import { recordedHub } from './step-hub';

export function signalenCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('signalen', signalenView(ctx.turn.voice, dossier, ctx.now, state), ctx.turn.voice);
}

/** The chosen signals arrive as one "a,b" string per category input; the command wants one list. */
function chosenSignals(form: DossierForm): string[] {
  return Object.entries(form)
    .filter(([key, value]) => key.startsWith(SIGNAL_INPUT_PREFIX) && typeof value === 'string')
    .flatMap(([, value]) => (value as string).split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

export function signalenVerbs(deps: VerbDependencies): Record<string, Verb> {
  const card = signalenCard(deps);
  return {
    recordSignal: commandVerb(deps, {
      type: 'recordSignal',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        categories: chosenSignals(form),
        specificForms: form.specificForms,
        observedOn: form.observedOn,
        place: form.place,
        description: form.description,
        source: form.source,
        sourceName: form.sourceName,
        pointsOtherWay: form.pointsOtherWay ?? 'false',
      }),
      fieldOf: { categories: 'form' },
      after: recordedHub(deps),
    }),
  };
}
