// The chronology: every log entry, paged, with a correction form per entry (a correction is a new
// entry that refers to the old one; nothing is ever changed or removed).

import { z } from 'zod';
import {
  chronologyPages,
  chronologyView,
  correctionInputId,
  emptyForm,
  pageOfEntry,
} from '../../cards/views';
import type { FormState } from '../../cards/views';
import { defineVerb, type Verb } from '../verb';
import { accessCard, commandVerb, dossierRef, type StepCard, type VerbDependencies } from './common';

/** The seq a correction form was sent for, as far as it is a number at all. */
function seqOf(values: Record<string, unknown>): number {
  const seq = Number(values['seq']);
  return Number.isInteger(seq) ? seq : 0;
}

export function chronologyVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers } = deps;

  /** A refused correction: the page with that entry, what was typed, the problem at its input. */
  const correctionForm: StepCard = (ctx, dossier, _role, state) => {
    const seq = seqOf(state.values);
    const errors: FormState['errors'] = {};
    for (const [field, message] of Object.entries(state.errors))
      errors[field === 'text' ? correctionInputId(seq) : field] = message;
    return cards.render(
      'chronology',
      chronologyView(ctx.turn.voice, dossier, pageOfEntry(dossier, seq), { values: state.values, errors }),
      ctx.turn.voice,
    );
  };

  /** After a correction: the last page, where the correction now stands. */
  const corrected: StepCard = (ctx, dossier) =>
    cards.render(
      'chronology',
      chronologyView(ctx.turn.voice, dossier, chronologyPages(dossier), emptyForm, 'recorded'),
      ctx.turn.voice,
    );

  return {
    showChronology: defineVerb({
      // A page out of range shows the nearest one; a page that is no number shows the first.
      schema: dossierRef.extend({ page: z.coerce.number().int().min(1).catch(1) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, page }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        return cards.render(
          'chronology',
          chronologyView(ctx.turn.voice, viewed.dossier, page, emptyForm),
          ctx.turn.voice,
        );
      },
    }),

    correctEntry: commandVerb(deps, {
      type: 'correctEntry',
      form: correctionForm,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        seq: form['seq'],
        text: form[correctionInputId(seqOf(form))],
      }),
      after: corrected,
    }),
  };
}
