// Closing a dossier with a reason, and reopening it; both are logged like everything else.

import { closeView, emptyForm, type CloseMode } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, commandVerb, dossierRef, type StepCard, type VerbDependencies } from './common';
import { hubCard } from './step-hub';

export function closeVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers } = deps;

  const form =
    (mode: CloseMode): StepCard =>
    (ctx, dossier, _role, state) =>
      cards.render(
        'close',
        closeView(ctx.turn.voice, dossier, mode, state, dossiers.school(dossier.schoolId)),
        ctx.turn.voice,
      );

  const hub =
    (notice: 'recorded' | 'none'): StepCard =>
    (ctx, dossier) =>
      hubCard(deps, ctx, dossier, notice);

  /** The form, when the dossier is still in the state it expects; else the hub as it is now. */
  const show = (mode: CloseMode): Verb =>
    defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        const fits = (mode === 'close') === (viewed.dossier.status === 'open');
        return fits
          ? form(mode)(ctx, viewed.dossier, viewed.role, emptyForm)
          : hub('none')(ctx, viewed.dossier, viewed.role, emptyForm);
      },
    });

  return {
    showCloseForm: show('close'),
    showReopenForm: show('reopen'),

    closeDossier: commandVerb(deps, {
      type: 'closeDossier',
      form: form('close'),
      toCommand: (f) => ({
        submissionId: f.submissionId,
        reason: f['reason'],
        note: f['note'],
        overrideReason: f['overrideReason'],
      }),
      // The hub of a closed dossier says so itself.
      after: hub('none'),
    }),

    reopenDossier: commandVerb(deps, {
      type: 'reopenDossier',
      form: form('reopen'),
      toCommand: (f) => ({ submissionId: f.submissionId, reason: f['reopenReason'] }),
      fieldOf: { reason: 'reopenReason' },
      after: hub('recorded'),
    }),
  };
}
