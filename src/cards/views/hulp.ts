// Step 5, organise help with the zorgcoördinator: the help plan (what, who, by when, the evaluation
// date), then the evaluations that lead to question 5. Also after a report, as agreed with Veilig Thuis.

import { section, t, type Voice } from '../../i18n';
import { entriesOf, helpPlanExpected, todayInAmsterdam, type Dossier } from '../../domain';
import { FOLLOW_UP_QUESTION, afwegingskaderState } from '../../domain/afwegingskader';
import {
  dateHints,
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  type FormState,
  type ViewData,
} from './common';
import { currentHelpPlan, dayAfter, planLine, shorten, withRequiredMessages } from './beslissen-common';

export const HELP_PLAN_FORM_FIELDS = ['what', 'who', 'deadline', 'followUpOn'] as const;
/** The follow-up's inputs have their own ids: `followUpOn` is the plan's date. */
export const FOLLOW_UP_FORM_FIELDS = ['followUpHeldOn', 'followUpText'] as const;

const RECENT_FOLLOW_UPS = 3;
const SUMMARY_LENGTH = 300;

export function hulpView(voice: Voice, dossier: Dossier, now: Date, state: FormState): ViewData {
  const texts = {
    ...section(voice, 'hulp'),
    followUpHint: t(voice, 'hulp.followUpHint', { question: FOLLOW_UP_QUESTION }),
    guidance: t(voice, 'hulp.guidance', { question: FOLLOW_UP_QUESTION }),
  };
  const today = todayInAmsterdam(now);
  const plan = currentHelpPlan(dossier);
  const followUps = plan
    ? entriesOf(dossier, 'followUpRecorded')
        .filter((e) => e.seq > plan.seq)
        .slice(-RECENT_FOLLOW_UPS)
        .reverse()
    : [];
  const fields = formFields([...HELP_PLAN_FORM_FIELDS, ...FOLLOW_UP_FORM_FIELDS], state);
  dateHints(voice, state, fields.errors, { past: ['followUpHeldOn'], future: ['deadline', 'followUpOn'] });
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    today,
    tomorrow: dayAfter(today),
    problemsText: problemsText(voice, state, texts),
    // Help beside a report: agreed with Veilig Thuis (questions 3 to 5 were answered with them).
    afterReportText: afwegingskaderState(dossier).helpAfterReport ? t(voice, 'hulp.afterReport') : '',
    showPlanForm: !plan || helpPlanExpected(dossier),
    planLine: plan ? planLine(voice, plan.data) : '',
    planWhat: plan ? shorten(plan.data.what, SUMMARY_LENGTH) : '',
    followUps: followUps.map((entry) => ({
      line: t(voice, 'hulp.followUpLine', {
        date: formatDate(voice, entry.data.on),
        text: shorten(entry.data.text, SUMMARY_LENGTH),
      }),
    })),
    values: fields.values,
    // Every input of both forms is required.
    errors: withRequiredMessages(voice, fields.errors, [...HELP_PLAN_FORM_FIELDS, ...FOLLOW_UP_FORM_FIELDS]),
  };
}
