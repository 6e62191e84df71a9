// Step 5: the afwegingskader one question at a time, the answers so far, and the outcome they lead to
// with the way on to the matching form (report, help plan, close).

import { section, t, type Voice } from '../../i18n';
import {
  afwegingskaderState,
  entriesOf,
  helpPlanExpected,
  missingBeforeDecision,
  todayInAmsterdam,
  type Afwegingsvraag,
  type AfwegingskaderState,
  type Dossier,
  type Outcome,
} from '../../domain';
import {
  AFWEGINGSVRAGEN,
  FOLLOW_UP_QUESTION,
  HELP_AFTER_REPORT_QUESTION,
  UNSAFETY_QUESTION,
  VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
  isQuestionReached,
  nextQuestionAfter,
  unsafetyOnRecord,
} from '../../domain/afwegingskader';
import { deviationsOf } from '../../domain/deviations';
import type { School } from '../../domain/school';
import { confirmationLine, deviationLines } from './afwijkingen';
import {
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  stepList,
  type FormState,
  type ViewData,
} from './common';
import {
  afwegingsvraagTexts,
  asQuestion,
  currentHelpPlan,
  planLine,
  reportLine,
  shorten,
  withRequiredMessages,
} from './beslissen-common';

export const ANSWER_FORM_FIELDS = ['answer', 'reasoning', 'deviationReason'] as const;

/** Earlier answers show their reasoning shortened; the chronology has it in full. */
const REASONING_LENGTH = 200;

export type BeslissenNotice = 'recorded' | 'none';

/**
 * Question 5 belongs to the follow-up: it is offered once a follow-up was recorded after the plan,
 * or once the follow-up date has come.
 */
function followUpReached(dossier: Dossier, now: Date): boolean {
  const plan = currentHelpPlan(dossier);
  if (!plan || helpPlanExpected(dossier)) return false;
  const followedUp = entriesOf(dossier, 'followUpRecorded').some((e) => e.seq > plan.seq);
  return followedUp || todayInAmsterdam(now) >= plan.data.followUpOn;
}

/**
 * The question on the card: the one the user asked to change (if the path reaches it), else the next
 * one — except the follow-up question (5) before the follow-up.
 */
function questionOnCard(
  dossier: Dossier,
  state: AfwegingskaderState,
  requested: Afwegingsvraag | undefined,
  now: Date,
): Afwegingsvraag | null {
  if (requested !== undefined && isQuestionReached(state, requested)) return requested;
  if (state.nextQuestion === FOLLOW_UP_QUESTION && !followUpReached(dossier, now)) return null;
  return state.nextQuestion;
}

/** The report on record and Veilig Thuis's feedback on it, as lines; none without a report. */
function reportLines(voice: Voice, dossier: Dossier): string[] {
  const report = entriesOf(dossier, 'reportRecorded').at(-1);
  if (!report) return [];
  const feedback = entriesOf(dossier, 'reportFeedbackRecorded').at(-1);
  return [
    reportLine(voice, report.data),
    feedback
      ? t(voice, 'beslissen.feedbackRecorded', { date: formatDate(voice, feedback.data.on) })
      : t(voice, 'beslissen.noFeedback', { days: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS }),
  ];
}

function outcomeView(voice: Voice, dossier: Dossier, state: AfwegingskaderState, now: Date) {
  const outcome: Outcome | null = state.outcome;
  const open = dossier.status === 'open';
  const none = {
    outcomeTitle: '',
    outcomeText: '',
    outcomeStatus: [] as { line: string }[],
    showReport: false,
    showHelp: false,
    showClose: false,
    reportButton: '',
    helpButton: '',
  };
  // A report on record stays in sight whatever the outcome (made at once in acute danger, before
  // any outcome; or "report and help"), with the way to record Veilig Thuis's feedback.
  const reported = reportLines(voice, dossier);
  const withReport = <V extends typeof none>(view: V): V =>
    reported.length === 0
      ? view
      : {
          ...view,
          outcomeStatus: [...reported.map((line) => ({ line })), ...view.outcomeStatus],
          showReport: open,
          reportButton: t(voice, 'beslissen.toReportDone'),
        };
  if (outcome === null)
    return reported.length === 0
      ? none
      : withReport({
          ...none,
          outcomeTitle: t(voice, 'beslissen.reportedTitle'),
          outcomeText: t(voice, 'beslissen.reportedText'),
        });
  const lastQuestion = state.answers.at(-1)?.question;
  const textKey =
    outcome === 'melden' && (lastQuestion === 2 || lastQuestion === 5)
      ? (`beslissen.outcomeText.melden.${lastQuestion}` as const)
      : (`beslissen.outcomeText.${outcome}` as const);
  const view = {
    ...none,
    outcomeTitle: t(voice, `beslissen.outcome.${outcome}`),
    // "questions 3 to 5 together with Veilig Thuis": the questions after the one that led to the report.
    outcomeText: t(voice, textKey, {
      from: lastQuestion === undefined ? '' : (nextQuestionAfter(lastQuestion, false) ?? ''),
      to: AFWEGINGSVRAGEN[AFWEGINGSVRAGEN.length - 1] ?? '',
    }),
  };
  switch (outcome) {
    case 'melden': {
      const lines = reported.length > 0 ? reported : [t(voice, 'beslissen.noReport')];
      return {
        ...view,
        outcomeStatus: lines.map((line) => ({ line })),
        showReport: open,
        reportButton: t(voice, reported.length > 0 ? 'beslissen.toReportDone' : 'beslissen.toReport'),
      };
    }
    case 'hulp': {
      const plan = currentHelpPlan(dossier);
      const expected = helpPlanExpected(dossier) || !plan;
      const lines = expected || !plan ? [t(voice, 'beslissen.noPlan')] : [planLine(voice, plan.data)];
      if (!expected && plan && !followUpReached(dossier, now)) {
        lines.push(
          t(voice, 'beslissen.q5Later', {
            question: FOLLOW_UP_QUESTION,
            date: formatDate(voice, plan.data.followUpOn),
          }),
        );
      }
      return withReport({
        ...view,
        outcomeStatus: lines.map((line) => ({ line })),
        showHelp: open,
        helpButton: t(voice, expected ? 'beslissen.toHelp' : 'beslissen.toHelpDone'),
      });
    }
    case 'sluiten-ongegrond':
      return withReport({
        ...view,
        showHelp: open,
        helpButton: t(voice, 'beslissen.toHelpAnyway'),
        showClose: open,
      });
    case 'sluiten-met-monitoring':
      return withReport({ ...view, showClose: open });
  }
}

/**
 * Question 2 starts from the dossier: what the latest weighing and the pupil's own words say, as a
 * sentence above the answer (empty when nothing points to unsafety) and as the answer filled in.
 */
function unsafetyView(voice: Voice, dossier: Dossier, question: Afwegingsvraag | null) {
  if (question !== UNSAFETY_QUESTION) return { unsafetyText: '', suggested: undefined };
  const onRecord = unsafetyOnRecord(dossier);
  const weighed = entriesOf(dossier, 'weighingRecorded').length > 0;
  const what = [
    onRecord.acute ? t(voice, 'beslissen.unsafety.acute') : '',
    onRecord.structural ? t(voice, 'beslissen.unsafety.structural') : '',
    onRecord.disclosure ? t(voice, 'beslissen.unsafety.disclosure') : '',
  ].filter((line) => line !== '');
  const unsafe = what.length > 0;
  return {
    unsafetyText: unsafe ? t(voice, 'beslissen.unsafetyOnRecord', { what: what.join('; ') }) : '',
    suggested: unsafe ? 'true' : weighed ? 'false' : undefined,
  };
}

export function beslissenView(
  voice: Voice,
  dossier: Dossier,
  now: Date,
  state: FormState,
  notice: BeslissenNotice = 'none',
  school?: School,
): ViewData {
  const texts = section(voice, 'beslissen');
  const afweging = afwegingskaderState(dossier);
  const missing = missingBeforeDecision(dossier);
  const closed = dossier.status === 'closed';
  const blockedText = closed
    ? t(voice, 'beslissen.closed')
    : missing.length > 0
      ? t(voice, 'beslissen.blocked', { steps: stepList(voice, missing) })
      : '';
  const question =
    blockedText === '' ? questionOnCard(dossier, afweging, asQuestion(state.values['question']), now) : null;
  const yesNo = (answer: boolean) => t(voice, answer ? 'beslissen.yes' : 'beslissen.no');
  const fields = formFields(ANSWER_FORM_FIELDS, state);
  const unsafety = unsafetyView(voice, dossier, question);
  const deviations = deviationsOf(dossier);
  const deviationOf = (seq: number): string => {
    const deviation = deviations.find((d) => d.kind === 'unsafetyAnsweredNo' && d.seq === seq);
    return deviation
      ? t(voice, 'beslissen.deviationLine', { reason: shorten(deviation.reason, REASONING_LENGTH) })
      : '';
  };
  // After a report, questions 3 to 5 are answered together with Veilig Thuis: the card says so.
  const withVeiligThuis =
    afweging.helpAfterReport && question !== null && question >= HELP_AFTER_REPORT_QUESTION;
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    notice: notice === 'recorded' ? t(voice, 'dossier.recorded') : '',
    problemsText: problemsText(voice, state, texts),
    blockedText,
    canChange: blockedText === '',
    answers: afweging.answers.map((a) => ({
      question: a.question,
      line: t(voice, 'beslissen.answerLine', {
        number: a.question,
        question: afwegingsvraagTexts(voice, a.question).short,
        answer: yesNo(a.answer),
      }),
      reasoning: shorten(a.reasoning, REASONING_LENGTH),
      deviation: deviationOf(a.seq),
    })),
    hasQuestion: question !== null,
    question,
    questionHeading:
      question === null
        ? ''
        : t(voice, 'beslissen.questionHeading', { number: question, count: AFWEGINGSVRAGEN.length }),
    questionText: question === null ? '' : afwegingsvraagTexts(voice, question).question,
    questionHelp:
      question === null
        ? ''
        : [
            withVeiligThuis ? t(voice, 'beslissen.helpAfterReport') : '',
            afwegingsvraagTexts(voice, question, withVeiligThuis).help,
          ]
            .filter((line) => line !== '')
            .join(' '),
    unsafetyText: unsafety.unsafetyText,
    changingText:
      question !== null && afweging.answers.some((a) => a.question === question)
        ? t(voice, 'beslissen.changing')
        : '',
    answerChoices: [
      { id: 'true', title: yesNo(true) },
      { id: 'false', title: yesNo(false) },
    ],
    values: {
      ...fields.values,
      answer: state.values['answer'] === undefined ? (unsafety.suggested ?? null) : fields.values['answer'],
    },
    errors: withRequiredMessages(voice, fields.errors, ['answer', 'reasoning']),
    confirmationText: confirmationLine(voice, dossier, school),
    deviationLines: deviationLines(voice, dossier),
    ...outcomeView(voice, dossier, afweging, now),
  };
}
