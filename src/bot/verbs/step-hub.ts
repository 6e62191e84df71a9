// Where the forms of steps 2 to 4 lead after a success: the dossier hub, saying "recorded".

import { dossierView } from '../../cards/views';
import type { StepCard, VerbDependencies } from './common';

export function recordedHub(deps: VerbDependencies): StepCard {
  return (ctx, dossier) =>
    deps.cards.render(
      'dossier',
      dossierView(
        ctx.turn.voice,
        dossier,
        deps.dossiers.school(dossier.schoolId),
        'recorded',
        ctx.turn.actor.id,
      ),
      ctx.turn.voice,
    );
}
