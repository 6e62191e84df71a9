// Working time as a school lives it: working days (Monday to Friday unless configured otherwise),
// school holidays as date ranges, and school hours in the school's time zone (Europe/Amsterdam by
// default). Reminders are only delivered inside working time, never at night, at weekends or in a
// holiday. Pure: every function takes the moment it reasons about; nothing reads a clock.
//
// Calendar dates are strings YYYY-MM-DD, computed with UTC arithmetic (a date has no zone); only the
// step from an instant to the wall clock in the school's zone (and back) uses Intl, so daylight
// saving time is handled by the platform's time-zone data.

/** An inclusive range of calendar dates, e.g. the autumn holiday. */
export interface DateRange {
  from: string;
  to: string;
  /** For people reading the configuration; not used by the rules. */
  name?: string | undefined;
}

export interface WorkingTimeSettings {
  /** IANA time zone of the school, e.g. Europe/Amsterdam (or America/Kralendijk for Bonaire). */
  timeZone: string;
  /** School hours, wall clock HH:MM in the school's zone; `end` is the first minute outside. */
  schoolHours: { start: string; end: string };
  /** ISO weekdays on which the school works: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** School holidays (and other days off): no reminder goes out on these dates. */
  holidays: readonly DateRange[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** How far the calendar looks for a working day before it calls the configuration broken. */
const MAX_DAYS_SEARCHED = 3 * 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function utcMidnight(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`Expected a date written YYYY-MM-DD, got "${date}".`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return formatUtcDate(utcMidnight(date) + days * DAY_MS);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(utcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week a date belongs to, e.g. 2026-W11 (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((utcMidnight(thursday) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the ISO week a date belongs to. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Minutes after midnight of a wall time HH:MM. */
export function minutesOfWallTime(time: string): number {
  const match = WALL_TIME.exec(time);
  if (!match) throw new Error(`Expected a wall time written HH:MM (00:00–23:59), got "${time}".`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isWallTime(value: string): boolean {
  return WALL_TIME.test(value);
}

/** Does the platform know this IANA time zone? */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Time zones change their clocks at a quarter of an hour (UTC), never within one. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** About a month of quarter hours: the moments one school's sums touch, many times over. */
const OFFSETS_KEPT = 3000;
/** Years of dates: the days one school's sums start from, many times over. */
const NEXT_WORKING_DAYS_KEPT = 3000;

/** The answer kept in `kept` for `key`, or `find`'s, kept from now on; emptied when `limit` is reached. */
function keptIn<K, V>(kept: Map<K, V>, key: K, limit: number, find: () => V): V {
  const found = kept.get(key);
  if (found !== undefined) return found;
  if (kept.size >= limit) kept.clear();
  const value = find();
  kept.set(key, value);
  return value;
}

/**
 * The working calendar of one school. It holds a formatter for the zone, which is costly to make,
 * and no state beyond its settings and what the formatter answered: make it once per school's settings and share it
 * (withWorkingCalendar and workingCalendarOf in reminders/settings.ts).
 */
export class WorkingCalendar {
  private readonly wallClock: Intl.DateTimeFormat;
  /** The zone's offset per quarter hour since 1970, as asked of the formatter (offsetAt). */
  private readonly offsets = new Map<number, number>();
  /**
   * The next working day after a date, as found (nextWorkingDayAfter). Every save sums working days
   * from the same few dates (a stalled step is 10 working days after today, each found by stepping
   * over days and holidays): kept, a sum is a few lookups. Bounded; emptied when full.
   */
  private readonly nextWorkingDays = new Map<string, string>();
  private readonly startMinutes: number;
  private readonly endMinutes: number;

  constructor(readonly settings: WorkingTimeSettings) {
    this.wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone: settings.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.startMinutes = minutesOfWallTime(settings.schoolHours.start);
    this.endMinutes = minutesOfWallTime(settings.schoolHours.end);
    if (this.endMinutes <= this.startMinutes) {
      throw new Error(
        `School hours ${settings.schoolHours.start}–${settings.schoolHours.end} are empty: ` +
          'the end must come after the start.',
      );
    }
    if (!settings.workingDays.some((day) => day >= 1 && day <= 7)) {
      throw new Error('A school needs at least one working day (ISO weekdays 1 = Monday … 7 = Sunday).');
    }
  }

  /** The calendar date in the school's zone at `instant`. */
  dateOf(instant: Date): string {
    return formatUtcDate(Math.floor(this.wallClockMs(instant.getTime()) / DAY_MS) * DAY_MS);
  }

  /** Milliseconds since local midnight (wall clock) at `instant`. */
  msIntoDay(instant: Date): number {
    const wall = this.wallClockMs(instant.getTime());
    return ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  }

  /** The instant at which the wall clock in the school's zone shows `date`, `msIntoDay` after midnight. */
  at(date: string, msIntoDay: number): Date {
    const wall = utcMidnight(date) + msIntoDay;
    const firstGuess = wall - this.offsetAt(wall);
    const offset = this.offsetAt(firstGuess);
    return new Date(wall - offset);
  }

  /** When school opens on `date`. */
  opening(date: string): Date {
    return this.at(date, this.startMinutes * MINUTE_MS);
  }

  isWorkingDay(date: string): boolean {
    return (
      this.settings.workingDays.includes(isoWeekday(date)) &&
      !this.settings.holidays.some((holiday) => holiday.from <= date && date <= holiday.to)
    );
  }

  /** Inside school hours on a working day. */
  isWorkingTime(instant: Date): boolean {
    const minutes = this.msIntoDay(instant) / MINUTE_MS;
    return (
      this.isWorkingDay(this.dateOf(instant)) && minutes >= this.startMinutes && minutes < this.endMinutes
    );
  }

  /** The first working day after `date` (not `date` itself). */
  nextWorkingDayAfter(date: string): string {
    return keptIn(this.nextWorkingDays, date, NEXT_WORKING_DAYS_KEPT, () => this.searchNextWorkingDay(date));
  }

  private searchNextWorkingDay(date: string): string {
    let day = date;
    for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) return day;
    }
    throw new Error(
      `No working day in the ${MAX_DAYS_SEARCHED} days after ${date}: check the school's working days ` +
        'and holidays in the reminder settings.',
    );
  }

  /** `instant` itself when it lies in working time, otherwise the next moment school opens. */
  nextWorkingMoment(instant: Date): Date {
    const date = this.dateOf(instant);
    const minutes = this.msIntoDay(instant) / MINUTE_MS;
    if (this.isWorkingDay(date) && minutes < this.endMinutes) {
      return minutes >= this.startMinutes ? instant : this.opening(date);
    }
    return this.opening(this.nextWorkingDayAfter(date));
  }

  /** The `n`-th working day after `date` (n = 0: `date` itself). */
  addWorkingDaysToDate(date: string, n: number): string {
    let day = date;
    for (let i = 0; i < n; i++) day = this.nextWorkingDayAfter(day);
    return day;
  }

  /**
   * The same wall-clock time `n` working days after `instant`. Not moved into school hours: pass the
   * result through nextWorkingMoment for that.
   */
  addWorkingDays(instant: Date, n: number): Date {
    if (n === 0) return instant;
    return this.at(this.addWorkingDaysToDate(this.dateOf(instant), n), this.msIntoDay(instant));
  }

  /** Working days after the date of `from`, up to and including the date of `to` (0 on the same day). */
  workingDaysBetween(from: Date, to: Date): number {
    const first = this.dateOf(from);
    const last = this.dateOf(to);
    let count = 0;
    for (let day = addDays(first, 1); day <= last; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** The wall clock at `utcMs` in the school's zone, written as if it were UTC (ms). */
  private wallClockMs(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /**
   * Offset of the zone at `utcMs`: wall clock minus UTC, in ms (+1 h in Amsterdam's winter). Asking
   * the formatter is the costly part of every date sum (a save computes the next reminder over many
   * days), and the answer only changes when the zone changes its clock, which time zones do at a
   * quarter of an hour: so it is asked once per quarter hour and kept. Bounded; emptied when full.
   */
  private offsetAt(utcMs: number): number {
    const quarter = Math.floor(utcMs / QUARTER_HOUR_MS);
    return keptIn(this.offsets, quarter, OFFSETS_KEPT, () => {
      const start = quarter * QUARTER_HOUR_MS;
      return this.formattedWallClockMs(start) - start;
    });
  }

  /** The wall clock at `utcMs` as the formatter gives it (whole seconds), written as if it were UTC. */
  private formattedWallClockMs(utcMs: number): number {
    const parts = this.wallClock.formatToParts(new Date(utcMs));
    const part = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((p) => p.type === type)?.value ?? NaN);
    const wall = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    // The formatter drops milliseconds; keep those of the instant itself.
    return wall + (((utcMs % 1000) + 1000) % 1000);
  }
}
