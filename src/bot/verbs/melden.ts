// Step 5, report to Veilig Thuis: open the report form, record the report, and later record
// Veilig Thuis's feedback.

import { meldenView } from '../../cards/views';
import type { Verb } from '../verb';
import { commandVerb, showCardVerb, type DossierForm, type StepCard, type VerbDependencies } from './common';

export function meldenCard(deps: VerbDependencies): StepCard {
  return (ctx, dossier, _role, state) =>
    deps.cards.render('melden', meldenView(ctx.turn.language, dossier, ctx.now, state), ctx.turn.language);
}

/** An exception's ground and reason belong to the answer 'uitzondering' only; with 'ja' they are dropped. */
function discussion(
  form: DossierForm,
  answer: string,
  kind: string,
  reason: string,
): Record<string, unknown> {
  const given = form[answer];
  return given === 'uitzondering'
    ? { [answer]: given, [kind]: form[kind], [reason]: form[reason] }
    : { [answer]: given };
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
        on: form.on,
        to: form.to,
        reference: form.reference,
        ...discussion(form, 'discussedWithPupil', 'pupilException', 'pupilExceptionReason'),
        ...discussion(form, 'discussedWithParents', 'parentsException', 'parentsExceptionReason'),
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
