// Step 5, report to Veilig Thuis: the step plan's guidance, the discussion beforehand as the pupil's
// age requires it (or the exception with its reason, or not discussed with a reason), the report
// itself, and later Veilig Thuis's feedback. An acute report (or a 112 call) may come before steps 1
// to 4; another report ("alsnog melden") after a reopening or a later outcome "report".

import { section, t, type Voice } from '../../i18n';
import {
  DISCUSS_WITH_PARENTS_UNDER_AGE,
  DISCUSS_WITH_PUPIL_FROM_AGE,
  REPORT_EXCEPTIONS,
  entriesOf,
  mustDiscussReportWith,
  todayInAmsterdam,
  type Dossier,
} from '../../domain';
import { VEILIG_THUIS_ASSESSMENT_WORKING_DAYS, reportMayBeRecorded } from '../../domain/afwegingskader';
import { REPORT_DISCUSSIONS } from '../../domain/commands';
import type { School } from '../../domain/school';
import { missingBeforeDecision, parentsNotToBeInvolved } from '../../domain/steps';
import { confirmationLine, deviationLines } from './afwijkingen';
import {
  dateHints,
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  stepList,
  type FormState,
  type ViewData,
} from './common';
import { reportLine, shorten, withRequiredMessages } from './beslissen-common';

export const REPORT_FORM_FIELDS = [
  'discussedWithPupil',
  'pupilException',
  'pupilExceptionReason',
  'discussedWithParents',
  'parentsException',
  'parentsExceptionReason',
  'pupilReaction',
  'parentsReaction',
  'parentsDespiteWarning',
  'parentsDespiteWarningReason',
  'informationFromOthers',
  'schoolActionsAfterReport',
  'on',
  'to',
  'reference',
] as const;

/** Veilig Thuis's feedback has its own inputs, shown once a report is recorded. */
export const REPORT_FEEDBACK_FORM_FIELDS = ['feedbackOn', 'feedback'] as const;

/** The inputs Teams checks before sending (the discussion ones are shown only when the age requires them). */
const REQUIRED_FIELDS = ['discussedWithPupil', 'discussedWithParents', 'on', 'to', 'feedbackOn', 'feedback'];

/** How many earlier feedbacks the card repeats, and how long; the chronology has them all. */
const RECENT_FEEDBACKS = 3;
const FEEDBACK_LENGTH = 200;

export function meldenView(
  voice: Voice,
  dossier: Dossier,
  now: Date,
  state: FormState,
  school?: School,
): ViewData {
  // The rules' numbers are filled in from the constants the rules themselves use.
  const texts = {
    ...section(voice, 'melden'),
    pupilRule: t(voice, 'melden.pupilRule', { age: DISCUSS_WITH_PUPIL_FROM_AGE }),
    parentsRule: t(voice, 'melden.parentsRule', { age: DISCUSS_WITH_PARENTS_UNDER_AGE }),
    feedbackHint: t(voice, 'melden.feedbackHint', { days: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS }),
  };
  const must = mustDiscussReportWith(dossier.pupil, now);
  const report = entriesOf(dossier, 'reportRecorded').at(-1);
  const feedbacks = entriesOf(dossier, 'reportFeedbackRecorded').slice(-RECENT_FEEDBACKS).reverse();
  const fields = formFields([...REPORT_FORM_FIELDS, ...REPORT_FEEDBACK_FORM_FIELDS], state);
  dateHints(voice, state, fields.errors, { past: ['on', 'feedbackOn'] });
  // Steps 1 to 4 not all done: only the acute route is open, and the card says what follows.
  const missing = missingBeforeDecision(dossier);
  const acute = missing.length > 0;
  const parentsWarning = must.parents && parentsNotToBeInvolved(dossier);
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    today: todayInAmsterdam(now),
    problemsText: problemsText(voice, state, texts),
    reported: report !== undefined,
    reportOpen: dossier.status === 'open' && reportMayBeRecorded(dossier),
    reportLine: report ? reportLine(voice, report.data) : '',
    acute,
    acuteText: acute ? t(voice, 'melden.acuteRoute', { steps: stepList(voice, missing) }) : '',
    againText: report ? t(voice, 'melden.again') : '',
    confirmationText: confirmationLine(voice, dossier, school),
    deviationLines: deviationLines(voice, dossier),
    askPupil: must.pupil,
    askParents: must.parents,
    parentsWarning,
    discussedChoices: REPORT_DISCUSSIONS.map((id) => ({
      id,
      title: t(voice, `melden.discussed.${id}`),
    })),
    exceptionChoices: REPORT_EXCEPTIONS.map((id) => ({ id, title: t(voice, `melden.exception.${id}`) })),
    feedbacks: feedbacks.map((entry) => ({
      line: t(voice, 'melden.feedbackLine', {
        date: formatDate(voice, entry.data.on),
        feedback: shorten(entry.data.feedback, FEEDBACK_LENGTH),
      }),
    })),
    values: {
      ...fields.values,
      // Nearly every report goes to Veilig Thuis; the user may change it.
      to: state.values['to'] === undefined ? t(voice, 'melden.defaultTo') : fields.values['to'],
      // Where the parents are not to be involved, the safety exception is the one that fits.
      parentsException:
        state.values['parentsException'] === undefined && parentsWarning
          ? 'veiligheid-in-het-geding'
          : fields.values['parentsException'],
    },
    errors: withRequiredMessages(voice, fields.errors, REQUIRED_FIELDS),
  };
}
