import {
  WorkingCalendar,
  addDays,
  isTimeZone,
  isoWeekOf,
  isoWeekday,
  mondayOf,
  type WorkingTimeSettings,
} from '../../src/domain';

const AMSTERDAM: WorkingTimeSettings = {
  timeZone: 'Europe/Amsterdam',
  schoolHours: { start: '08:00', end: '17:00' },
  workingDays: [1, 2, 3, 4, 5],
  holidays: [{ from: '2026-04-27', to: '2026-05-08', name: 'meivakantie' }],
};

const calendar = new WorkingCalendar(AMSTERDAM);
const at = (iso: string): Date => new Date(iso);

describe('calendar dates', () => {
  it.each([
    ['2026-03-09', 1],
    ['2026-03-14', 6],
    ['2026-03-15', 7],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it.each([
    ['2026-03-10', '2026-W11'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s lies in ISO week %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('finds the Monday of a week, also from a Sunday', () => {
    expect(mondayOf('2026-03-15')).toBe('2026-03-09');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
  });
});

describe('the wall clock in the school’s time zone', () => {
  it('knows the date in Amsterdam when it is still yesterday in UTC', () => {
    expect(calendar.dateOf(at('2026-03-09T23:30:00Z'))).toBe('2026-03-10');
    expect(calendar.msIntoDay(at('2026-03-09T23:30:00Z'))).toBe(30 * 60 * 1000);
  });

  it('opens school at 08:00 Amsterdam time in winter and in summer time', () => {
    expect(calendar.opening('2026-03-10').toISOString()).toBe('2026-03-10T07:00:00.000Z');
    expect(calendar.opening('2026-06-10').toISOString()).toBe('2026-06-10T06:00:00.000Z');
  });

  it('gets the days on which the clocks change right', () => {
    expect(calendar.opening('2026-03-29').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(calendar.opening('2026-10-25').toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('uses another zone when the school configures one (Bonaire)', () => {
    const bonaire = new WorkingCalendar({ ...AMSTERDAM, timeZone: 'America/Kralendijk', holidays: [] });
    expect(bonaire.opening('2026-03-10').toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(bonaire.isWorkingTime(at('2026-03-10T10:00:00Z'))).toBe(false); // 06:00 on Bonaire
    expect(bonaire.isWorkingTime(at('2026-03-10T14:00:00Z'))).toBe(true);
  });

  it('recognises the zones the platform knows', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('Europe/Utopia')).toBe(false);
  });
});

describe('working time', () => {
  it.each([
    ['Tuesday 11:00', '2026-03-10T10:00:00Z', true],
    ['Tuesday 07:59', '2026-03-10T06:59:00Z', false],
    ['Tuesday 08:00', '2026-03-10T07:00:00Z', true],
    ['Tuesday 16:59', '2026-03-10T15:59:00Z', true],
    ['Tuesday 17:00 (closing time)', '2026-03-10T16:00:00Z', false],
    ['Tuesday 03:00 (night)', '2026-03-10T02:00:00Z', false],
    ['Saturday 11:00', '2026-03-14T10:00:00Z', false],
    ['Sunday 11:00', '2026-03-15T10:00:00Z', false],
    ['Tuesday 11:00 in the May holiday', '2026-04-28T09:00:00Z', false],
    ['Monday 11:00 after the May holiday', '2026-05-11T09:00:00Z', true],
  ])('%s is working time: %s', (_when, iso, expected) => {
    expect(calendar.isWorkingTime(at(iso))).toBe(expected);
  });

  it('treats the first and last day of a holiday as days off', () => {
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-08')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-24')).toBe(true);
  });

  it('works on the days the school configures (a school open on Saturday)', () => {
    const saturdays = new WorkingCalendar({ ...AMSTERDAM, workingDays: [1, 2, 3, 4, 5, 6] });
    expect(saturdays.isWorkingTime(at('2026-03-14T10:00:00Z'))).toBe(true);
  });

  it('refuses school hours that end before they start, and a week without working days', () => {
    expect(
      () => new WorkingCalendar({ ...AMSTERDAM, schoolHours: { start: '17:00', end: '08:00' } }),
    ).toThrow(/end must come after the start/);
    expect(() => new WorkingCalendar({ ...AMSTERDAM, workingDays: [] })).toThrow(/at least one working day/);
  });
});

describe('the next moment of working time', () => {
  it.each([
    ['inside school hours: that very moment', '2026-03-10T10:00:00Z', '2026-03-10T10:00:00.000Z'],
    ['early morning: opening time that day', '2026-03-10T05:00:00Z', '2026-03-10T07:00:00.000Z'],
    ['in the evening: opening time the next day', '2026-03-10T18:30:00Z', '2026-03-11T07:00:00.000Z'],
    ['Friday evening: Monday morning', '2026-03-13T17:00:00Z', '2026-03-16T07:00:00.000Z'],
    ['Saturday: Monday morning', '2026-03-14T10:00:00Z', '2026-03-16T07:00:00.000Z'],
    ['in the May holiday: the Monday after it', '2026-04-29T09:00:00Z', '2026-05-11T06:00:00.000Z'],
  ])('%s', (_case, iso, expected) => {
    expect(calendar.nextWorkingMoment(at(iso)).toISOString()).toBe(expected);
  });
});

describe('counting working days', () => {
  it('skips the weekend: ten working days after a Tuesday is the Tuesday two weeks on', () => {
    expect(calendar.addWorkingDays(at('2026-03-10T10:00:00Z'), 10).toISOString()).toBe(
      '2026-03-24T10:00:00.000Z',
    );
  });

  it('counts from a Friday to the Monday as one working day', () => {
    expect(calendar.addWorkingDays(at('2026-03-13T10:00:00Z'), 1).toISOString()).toBe(
      '2026-03-16T10:00:00.000Z',
    );
  });

  it('skips a holiday, and keeps the wall-clock time across the change to summer time', () => {
    // Thursday 23 April 11:00 (summer time) + 3 working days: Fri 24, then the holiday, Mon 11, Tue 12 May.
    expect(calendar.addWorkingDays(at('2026-04-23T09:00:00Z'), 3).toISOString()).toBe(
      '2026-05-12T09:00:00.000Z',
    );
    // Friday 27 March 11:00 (winter time) + 1: Monday 30 March 11:00, now summer time.
    expect(calendar.addWorkingDays(at('2026-03-27T10:00:00Z'), 1).toISOString()).toBe(
      '2026-03-30T09:00:00.000Z',
    );
  });

  it('leaves the moment alone for zero working days', () => {
    expect(calendar.addWorkingDays(at('2026-03-14T10:00:00Z'), 0).toISOString()).toBe(
      '2026-03-14T10:00:00.000Z',
    );
  });

  it('counts the working days between two moments, weekends and holidays not included', () => {
    expect(calendar.workingDaysBetween(at('2026-03-10T10:00:00Z'), at('2026-03-10T15:00:00Z'))).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-03-13T10:00:00Z'), at('2026-03-16T10:00:00Z'))).toBe(1);
    expect(calendar.workingDaysBetween(at('2026-04-24T10:00:00Z'), at('2026-05-11T10:00:00Z'))).toBe(1);
  });

  it('says how to fix a calendar without any working day ahead', () => {
    const closed = new WorkingCalendar({
      ...AMSTERDAM,
      holidays: [{ from: '2026-01-01', to: '2099-12-31' }],
    });
    expect(() => closed.nextWorkingMoment(at('2026-03-10T10:00:00Z'))).toThrow(
      /check the school's working days/,
    );
  });
});

describe("the zone's clock, kept per quarter hour", () => {
  /** The wall clock as the zone shows it, asked of Intl directly: minutes since midnight and the date. */
  function shown(timeZone: string, instant: Date): { date: string; minutes: number } {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? '';
    return {
      date: `${part('year')}-${part('month')}-${part('day')}`,
      minutes: Number(part('hour')) * 60 + Number(part('minute')),
    };
  }

  // Amsterdam's two changes of 2026; zones that change by half an hour or sit at a quarter.
  it.each([
    ['Europe/Amsterdam', '2026-03-29T00:00:00Z'],
    ['Europe/Amsterdam', '2026-10-25T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['America/St_Johns', '2026-11-01T03:00:00Z'],
  ])('agrees with the zone minute by minute around a change (%s, %s)', (timeZone, from) => {
    const zoned = new WorkingCalendar({ ...AMSTERDAM, timeZone });
    const start = Date.parse(from);
    for (let minute = 0; minute < 6 * 60; minute += 1) {
      const instant = new Date(start + minute * 60_000 + 17_000);
      const expected = shown(timeZone, instant);
      expect([zoned.dateOf(instant), Math.floor(zoned.msIntoDay(instant) / 60_000)]).toEqual([
        expected.date,
        expected.minutes,
      ]);
    }
  });
});

describe('the next working day, kept per date', () => {
  /** The next working day found by stepping over the days, as the rule reads. */
  function stepped(settings: WorkingTimeSettings, date: string): string {
    const days = new Set(settings.workingDays);
    let day = addDays(date, 1);
    while (!days.has(isoWeekday(day)) || settings.holidays.some((h) => h.from <= day && day <= h.to))
      day = addDays(day, 1);
    return day;
  }

  it('gives the same day when asked again, for every date of several years and past its bound', () => {
    const kept = new WorkingCalendar(AMSTERDAM);
    // 4,000 dates: more than the calendar keeps, so it also answers after emptying its store.
    const dates = Array.from({ length: 4000 }, (_, i) => addDays('2024-01-01', i));
    for (const round of [1, 2])
      for (const date of dates)
        expect([round, date, kept.nextWorkingDayAfter(date)]).toEqual([
          round,
          date,
          stepped(AMSTERDAM, date),
        ]);
  });

  it('keeps what one calendar found to itself: another school with other holidays answers its own', () => {
    const other = new WorkingCalendar({ ...AMSTERDAM, holidays: [{ from: '2026-03-16', to: '2026-03-20' }] });
    expect(calendar.nextWorkingDayAfter('2026-03-13')).toBe('2026-03-16');
    expect(other.nextWorkingDayAfter('2026-03-13')).toBe('2026-03-23');
    expect(calendar.nextWorkingDayAfter('2026-03-13')).toBe('2026-03-16');
  });
});
