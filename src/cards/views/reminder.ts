// Reminder cards and the weekly overview. They may be read where others read along, so they name
// the dossier number, the kind and the step — never the pupil, never anything typed.

import { section, t, type Voice } from '../../i18n';
import { STEPS, type ReminderKind, type Step, type WeeklyOverview } from '../../domain';
import { FOLLOW_UP_QUESTION, VEILIG_THUIS_ASSESSMENT_WORKING_DAYS } from '../../domain/afwegingskader';
import { newSubmissionId, type ViewData } from './common';
import { afwegingsvraagTexts } from './beslissen-common';

/**
 * What a reminder card shows: the dossier's number and ids, the kind and the step, nothing else (the
 * card may be read where others read along). The notifier's message carries these fields; declared
 * here because cards may not import use cases.
 */
export interface ReminderFacts {
  key: string;
  kind: ReminderKind;
  schoolId: string;
  dossierId: string;
  dossierNumber: string;
  step: Step;
  /** A consultation waiting to be accepted: the button opens its card instead of the step. */
  consultationId?: number | undefined;
}

/** The overview's numbers: counts per step and the dossiers waiting longest, by number only. */
export type OverviewFacts = Pick<WeeklyOverview, 'week' | 'total' | 'byStep' | 'dossiers'>;

/** The overview lists the dossiers waiting longest; the rest are counted. */
const OVERVIEW_LINES = 30;

export function reminderView(voice: Voice, message: ReminderFacts, notice = ''): ViewData {
  return {
    t: {
      ...section(voice, 'reminder'),
      // The follow-up card asks the afwegingsvraag itself, in the words of step 5 and the export.
      answerFive: t(voice, 'reminder.answerFive', { question: FOLLOW_UP_QUESTION }),
      questionFive: afwegingsvraagTexts(voice, FOLLOW_UP_QUESTION).question,
    },
    title: t(voice, 'reminder.title', { number: message.dossierNumber }),
    text: t(voice, `reminder.kind.${message.kind}`, {
      step: t(voice, `step.${message.step}`),
      question: FOLLOW_UP_QUESTION,
      days: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
    }),
    notice,
    schoolId: message.schoolId,
    dossierId: message.dossierId,
    step: message.step,
    consultationId: message.consultationId ?? 0,
    opensConsultation: message.consultationId !== undefined,
    key: message.key,
    isFollowUp: message.kind === 'helpFollowUp',
    submissionId: newSubmissionId(),
  };
}

/** The ISO week (2026-W47) as a school says it: 47. */
function weekAsSaid(isoWeek: string): string {
  const week = /-W(\d{2})$/.exec(isoWeek)?.[1];
  return week === undefined ? isoWeek : String(Number(week));
}

export function weeklyOverviewView(voice: Voice, message: OverviewFacts): ViewData {
  const lines = [...message.dossiers].sort((a, b) => b.waitingWorkingDays - a.waitingWorkingDays);
  const stepName = (step: Step): string => t(voice, `step.${step}`);
  return {
    t: section(voice, 'overview'),
    title: t(voice, 'overview.title', { week: weekAsSaid(message.week) }),
    summary: t(voice, 'overview.summary', { total: message.total }),
    byStep: STEPS.map((step) => ({ name: stepName(step), count: String(message.byStep[step]) })),
    lines: lines.slice(0, OVERVIEW_LINES).map((line) => ({
      line: t(voice, 'overview.line', {
        number: line.dossierNumber,
        step: stepName(line.step),
        days: line.waitingWorkingDays,
      }),
    })),
    more:
      lines.length > OVERVIEW_LINES
        ? t(voice, 'overview.more', { count: lines.length - OVERVIEW_LINES })
        : '',
  };
}
