// Reminder settings per school: the periods of the rules, school hours, working days, holidays.

import { z } from 'zod';
import { isCalendarDate } from '../calendar';
import type { School } from '../school';
import {
  WorkingCalendar,
  isTimeZone,
  isWallTime,
  minutesOfWallTime,
  type WorkingTimeSettings,
} from '../working-time';

export interface ReminderSettings extends WorkingTimeSettings {
  /** No activity for this many working days: the owner is reminded. */
  stalledStepWorkingDays: number;
  /** A consultation not accepted within this many working days: the zorgcoördinator is reminded. */
  consultationWorkingDays: number;
  /** …and when it is still not accepted this many working days later: the beslisser. */
  consultationEscalationWorkingDays: number;
  /** Full working days after a report before the owner is asked for Veilig Thuis's feedback. */
  reportFeedbackWorkingDays: number;
  /** ISO weekday of the weekly overview (1 = Monday), or null for none. */
  weeklyOverviewWeekday: number | null;
  /** Also post the weekly overview in the care-team channel (when the school has one). */
  weeklyOverviewToCareTeamChannel: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  timeZone: 'Europe/Amsterdam',
  schoolHours: Object.freeze({ start: '08:00', end: '17:00' }),
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
  holidays: Object.freeze([]),
  stalledStepWorkingDays: 10,
  consultationWorkingDays: 3,
  consultationEscalationWorkingDays: 2,
  reportFeedbackWorkingDays: 5,
  weeklyOverviewWeekday: 1,
  weeklyOverviewToCareTeamChannel: false,
});

const workingDayCount = z.number().int().min(1).max(60);
const calendarDate = z.string().refine(isCalendarDate, 'expected a date written YYYY-MM-DD');
const wallTime = z.string().refine(isWallTime, 'expected a time written HH:MM');

/**
 * The `reminders` object of a school in the configuration (every field optional; defaults in
 * DEFAULT_REMINDER_SETTINGS). For config.ts: `reminders: reminderSettingsSchema.optional()`.
 */
export const reminderSettingsSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Amsterdam'),
    schoolHours: z
      .strictObject({ start: wallTime, end: wallTime })
      // Runs even when a time failed above: then that failure is the one to report.
      .refine(
        (h) =>
          !isWallTime(h.start) || !isWallTime(h.end) || minutesOfWallTime(h.start) < minutesOfWallTime(h.end),
        {
          message: 'school hours must end after they start',
          path: ['end'],
        },
      ),
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'at least one working day (1 = Monday … 7 = Sunday)'),
    holidays: z.array(
      z
        .strictObject({ from: calendarDate, to: calendarDate, name: z.string().max(100).optional() })
        .refine((h) => h.from <= h.to, { message: 'a holiday ends on or after its first day', path: ['to'] }),
    ),
    stalledStepWorkingDays: workingDayCount,
    consultationWorkingDays: workingDayCount,
    consultationEscalationWorkingDays: workingDayCount,
    reportFeedbackWorkingDays: workingDayCount,
    weeklyOverviewWeekday: z.number().int().min(1).max(7).nullable(),
    weeklyOverviewToCareTeamChannel: z.boolean(),
  })
  .partial();

/** The school's reminder settings with the defaults filled in. */
export function reminderSettingsOf(school: Pick<School, 'reminders'>): ReminderSettings {
  const given = Object.fromEntries(
    Object.entries(school.reminders ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<ReminderSettings>;
  return { ...DEFAULT_REMINDER_SETTINGS, ...given };
}

/**
 * The school with its working calendar made once, to be carried with it. A calendar holds an
 * Intl.DateTimeFormat for the school's zone, which costs CPU and native memory to make; every save
 * (nextReminderAt), every dossier card and every sweep asks for one. It travels with the School and
 * is not kept in a module-level cache, because the codebase keeps no module-level mutable state:
 * whoever makes the schools (the configuration) makes their calendars, and a test that builds a
 * school by hand still gets a correct one from workingCalendarOf.
 */
export function withWorkingCalendar<S extends School>(school: S): S {
  const workingCalendar = {
    from: school.reminders,
    calendar: new WorkingCalendar(reminderSettingsOf(school)),
  };
  // Not enumerable: it is derived from `reminders`, not configuration, so a copy ({ ...school })
  // and the school as JSON leave it out; a copy then gets a calendar of its own settings.
  return Object.defineProperty({ ...school }, 'workingCalendar', {
    value: workingCalendar,
    enumerable: false,
  });
}

/**
 * The school's working calendar (working days, holidays, school hours, time zone): the one made
 * with the school when it was made from these very settings, otherwise a new one.
 */
export function workingCalendarOf(school: Pick<School, 'reminders' | 'workingCalendar'>): WorkingCalendar {
  const made = school.workingCalendar;
  return made && made.from === school.reminders
    ? made.calendar
    : new WorkingCalendar(reminderSettingsOf(school));
}
