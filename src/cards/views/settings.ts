// The configuration as an administrator sees it in the chat (`instellingen`): who is who per school
// and the reminder periods. No secrets, no dossiers.

import { section, t, type Voice } from '../../i18n';
import { reminderSettingsOf } from '../../domain';
import type { School } from '../../domain/school';
import type { ViewData } from './common';

export function settingsView(voice: Voice, schools: readonly School[]): ViewData {
  const texts = section(voice, 'settings');
  return {
    t: texts,
    schools: schools.map((school) => {
      const r = reminderSettingsOf(school);
      return {
        name: school.name,
        facts: [
          { title: texts.id, value: school.id },
          { title: texts.coordinators, value: school.coordinators.map((c) => c.name).join(', ') },
          { title: texts.decisionMaker, value: school.decisionMaker.name },
          { title: texts.channel, value: school.careTeamChannelId ? texts.channelYes : texts.channelNo },
          {
            title: texts.retention,
            value: school.retention
              ? t(voice, 'settings.retentionDays', { days: school.retention.closedDossierDays })
              : (texts.retentionNone ?? ''),
          },
          {
            title: texts.reminders,
            value: t(voice, 'settings.remindersText', {
              stalled: r.stalledStepWorkingDays,
              consultation: r.consultationWorkingDays,
              escalation: r.consultationEscalationWorkingDays,
              feedback: r.reportFeedbackWorkingDays,
              start: r.schoolHours.start,
              end: r.schoolHours.end,
              holidays: r.holidays.length,
            }),
          },
        ],
      };
    }),
  };
}
