// Reminder cards and the weekly overview. They may be read where others read along, so they name
// the dossier number, the kind and the step — never the pupil, never anything typed.

import { section, t, type Language } from '../../i18n';
import { STEPS, type Step } from '../../domain';
import type { DossierReminderMessage, WeeklyOverviewMessage } from '../../app/notifier';
import { newSubmissionId, type ViewData } from './common';

/** The overview lists the dossiers waiting longest; the rest are counted. */
const OVERVIEW_LINES = 30;

export function reminderView(language: Language, message: DossierReminderMessage, notice = ''): ViewData {
  return {
    t: section(language, 'reminder'),
    title: t(language, 'reminder.title', { number: message.dossierNumber }),
    text: t(language, `reminder.kind.${message.kind}`, { step: t(language, `step.${message.step}`) }),
    notice,
    schoolId: message.schoolId,
    dossierId: message.dossierId,
    step: message.step,
    key: message.key,
    isFollowUp: message.kind === 'helpFollowUp',
    submissionId: newSubmissionId(),
  };
}

export function weeklyOverviewView(language: Language, message: WeeklyOverviewMessage): ViewData {
  const lines = [...message.dossiers].sort((a, b) => b.waitingWorkingDays - a.waitingWorkingDays);
  const stepName = (step: Step): string => t(language, `step.${step}`);
  return {
    t: section(language, 'overview'),
    title: t(language, 'overview.title', { week: message.week }),
    summary: t(language, 'overview.summary', { total: message.total }),
    byStep: STEPS.map((step) => ({ name: stepName(step), count: String(message.byStep[step]) })),
    lines: lines.slice(0, OVERVIEW_LINES).map((line) => ({
      line: t(language, 'overview.line', {
        number: line.dossierNumber,
        step: stepName(line.step),
        days: line.waitingWorkingDays,
      }),
    })),
    more:
      lines.length > OVERVIEW_LINES
        ? t(language, 'overview.more', { count: lines.length - OVERVIEW_LINES })
        : '',
  };
}
