import { isCalendarDate, todayInAmsterdam } from '../../src/domain';

describe('today is the date in the Netherlands', () => {
  test.each([
    ['2026-03-10T10:00:00Z', '2026-03-10'],
    ['2026-03-10T22:59:59Z', '2026-03-10'],
    ['2026-03-10T23:00:00Z', '2026-03-11'], // winter time: UTC+1
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'], // summer time: UTC+2
    ['2025-12-31T23:30:00Z', '2026-01-01'],
  ])('at %s it is %s in Amsterdam', (instant, date) => {
    expect(todayInAmsterdam(new Date(instant))).toBe(date);
  });

  test.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-3-1', false],
    ['10-03-2026', false],
  ])('%s is a calendar date: %p', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });
});
