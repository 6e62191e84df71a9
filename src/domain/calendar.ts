// Calendar dates as the school lives them. Users type dates (YYYY-MM-DD) without a time; "today" is
// the date in the Netherlands, whatever zone the server runs in. The clock itself is passed in.

const SCHOOL_TIME_ZONE = 'Europe/Amsterdam';

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (YYYY-MM-DD) in Amsterdam at the moment `now`. Canadian English writes a date
 * as YYYY-MM-DD, so one format() gives it: picking it out of formatToParts() allocated a list of
 * parts on every card (measured as the costliest line of the domain in the benchmark).
 */
export function todayInAmsterdam(now: Date): string {
  return amsterdamDay.format(now);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real date written YYYY-MM-DD: 2026-02-30 is not one. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whole years from one calendar date to a later one, as birthdays count them. */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** The year of a calendar date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
