// The weekly overview for the zorgcoördinatoren: numbers, steps and waiting times, no pupil data.

import { STEPS, type Dossier, type DossierProgress, type Step } from '../dossier';
import type { School } from '../school';
import { addDays, isoWeekOf, mondayOf } from '../working-time';
import { currentStep, lastActivityAt } from './schedule';
import { reminderSettingsOf, workingCalendarOf } from './settings';

export interface OverviewLine {
  dossierNumber: string;
  step: Step;
  /** Working days since someone last worked on the dossier. */
  waitingWorkingDays: number;
}

/** The open dossiers of a school for its zorgcoördinatoren: numbers, steps, waiting times. */
export interface WeeklyOverview {
  schoolId: string;
  /** ISO week, e.g. 2026-W11. */
  week: string;
  total: number;
  byStep: Record<Step, number>;
  /** Longest waiting first. */
  dossiers: OverviewLine[];
}

/** The moment of this week's overview (the first working day from the configured weekday), if any. */
export function weeklyOverviewMoment(school: School, now: Date): { week: string; dueAt: string } | null {
  const settings = reminderSettingsOf(school);
  if (settings.weeklyOverviewWeekday === null) return null;
  const calendar = workingCalendarOf(school);
  const today = calendar.dateOf(now);
  const monday = mondayOf(today);
  for (let offset = settings.weeklyOverviewWeekday - 1; offset < 7; offset++) {
    const day = addDays(monday, offset);
    if (calendar.isWorkingDay(day))
      return { week: isoWeekOf(today), dueAt: calendar.opening(day).toISOString() };
  }
  return null; // A week off (a holiday): no overview.
}

/** This week's overview is due now: its moment has come and it is working time. */
export function weeklyOverviewDue(school: School, now: Date): { week: string; dueAt: string } | null {
  const moment = weeklyOverviewMoment(school, now);
  if (!moment || now.toISOString() < moment.dueAt) return null;
  return workingCalendarOf(school).isWorkingTime(now) ? moment : null;
}

/** An open dossier as the overview needs it: its number and where it stands. */
export interface OverviewInput {
  schoolId: string;
  number: string;
  status: 'open' | 'closed';
  progress: DossierProgress;
}

/** What the overview needs of a whole dossier (a list summary carries the same, without the log). */
export function overviewInputOf(dossier: Dossier): OverviewInput {
  return {
    schoolId: dossier.schoolId,
    number: dossier.number,
    status: dossier.status,
    progress: { step: currentStep(dossier), lastActivityAt: lastActivityAt(dossier) },
  };
}

/** The overview of the given dossiers; only the open ones of this school count. */
export function weeklyOverview(
  dossiers: readonly (Dossier | OverviewInput)[],
  school: School,
  now: Date,
): WeeklyOverview {
  const calendar = workingCalendarOf(school);
  const byStep = Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<Step, number>;
  const lines = dossiers
    .map((d) => ('log' in d ? overviewInputOf(d) : d))
    .filter((d) => d.schoolId === school.id && d.status === 'open')
    .map((d): OverviewLine => {
      const { step, lastActivityAt: last } = d.progress;
      byStep[step] += 1;
      return {
        dossierNumber: d.number,
        step,
        waitingWorkingDays: calendar.workingDaysBetween(new Date(last), now),
      };
    })
    .sort(
      (a, b) => b.waitingWorkingDays - a.waitingWorkingDays || a.dossierNumber.localeCompare(b.dossierNumber),
    );
  return {
    schoolId: school.id,
    week: isoWeekOf(calendar.dateOf(now)),
    total: lines.length,
    byStep,
    dossiers: lines,
  };
}
