// The dossier hub as the answer of a card action, with a notice at the top: where a form that
// records something in a dossier leads after a success (the steps, a contact or note: "recorded"),
// and where an action shows the dossier as it is now.

import { dossierView, type DossierNotice } from '../../cards/views';
import type { Dossier } from '../../domain/dossier';
import type { CardJson } from '../../cards/render';
import type { VerbContext } from '../verb';
import type { StepCard, VerbDependencies } from './common';

/** The hub of `dossier` for the person acting (the beslisser gets the button to confirm). */
export function hubCard(
  deps: VerbDependencies,
  ctx: VerbContext,
  dossier: Dossier,
  notice: DossierNotice,
): CardJson {
  return deps.cards.render(
    'dossier',
    dossierView(ctx.turn.voice, dossier, deps.dossiers.school(dossier.schoolId), notice, ctx.turn.actor.id),
    ctx.turn.voice,
  );
}

export function recordedHub(deps: VerbDependencies): StepCard {
  return (ctx, dossier) => hubCard(deps, ctx, dossier, 'recorded');
}
