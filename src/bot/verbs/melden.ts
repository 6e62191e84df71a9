// Step 5, report to Veilig Thuis: open the report form, record the report (also the acute one, or
// another one later), and later record Veilig Thuis's feedback.

import { meldenView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, showCardVerb, type DossierForm, type StepCard, type VerbDependencies } from './common';
import { schoolOf } from './school-of';

export function meldenCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render(
      'melden',
      meldenView(ctx.turn.voice, dossier, ctx.now, state, schoolOf(deps, dossier)),
      ctx.turn.voice,
    );
}

/**
 * An exception's ground belongs to the answer 'uitzondering' only, its reason also to 'niet-besproken'
 * (not discussed, with a reason); with 'ja' or 'geinformeerd' both are dropped.
 */
function discussion(
  form: DossierForm,
  answer: string,
  kind: string,
  reason: string,
): Record<string, unknown> {
  const given = form[answer];
  if (given === 'uitzondering') return { [answer]: given, [kind]: form[kind], [reason]: form[reason] };
  if (given === 'niet-besproken') return { [answer]: given, [reason]: form[reason] };
  return { [answer]: given };
}

export function meldenVerbs(deps: VerbDependencies, after: StepCard): Record<string, Verb> {
  const card = meldenCard(deps);
  return {
    showReportForm: showCardVerb(deps, card),

    recordReport: commandVerb(deps, {
      type: 'recordReport',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        acute: form.acute,
        on: form.on,
        to: form.to,
        reference: form.reference,
        ...discussion(form, 'discussedWithPupil', 'pupilException', 'pupilExceptionReason'),
        ...discussion(form, 'discussedWithParents', 'parentsException', 'parentsExceptionReason'),
        pupilReaction: form.pupilReaction,
        parentsReaction: form.parentsReaction,
        parentsDespiteWarning: form.parentsDespiteWarning,
        parentsDespiteWarningReason: form.parentsDespiteWarningReason,
        informationFromOthers: form.informationFromOthers,
        schoolActionsAfterReport: form.schoolActionsAfterReport,
      }),
      after,
    }),

    recordReportFeedback: commandVerb(deps, {
      type: 'recordReportFeedback',
      form: card,
      toCommand: (form) => ({
        submissionId: form.submissionId,
        on: form.feedbackOn,
        feedback: form.feedback,
      }),
      fieldOf: { on: 'feedbackOn' },
      after,
    }),
  };
}
