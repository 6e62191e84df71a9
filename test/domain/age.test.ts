import {
  ageBand,
  ageRange,
  mustDiscussReportWith,
  type AgeBand,
  type PupilReference,
} from '../../src/domain';

const on = (date: string) => new Date(`${date}T10:00:00Z`);
const aged = (years: number, recordedOn: string): PupilReference => ({
  reference: 'AB',
  group: '7',
  age: { years, recordedOn },
});
const bornIn = (birthYear: number): PupilReference => ({ reference: 'AB', group: '7', birthYear });

interface Row {
  name: string;
  pupil: PupilReference;
  now: string;
  expect: { range: [number, number]; band: AgeBand; pupil: boolean; parents: boolean };
}

const rows: Row[] = [
  {
    name: 'a pupil of 8 is discussed with the parents only and sees the 4–12 list',
    pupil: aged(8, '2026-03-10'),
    now: '2026-03-10',
    expect: { range: [8, 8], band: '4-12', pupil: false, parents: true },
  },
  {
    name: 'a pupil of 12 is discussed with pupil and parents and sees the 12–18 list',
    pupil: aged(12, '2026-03-10'),
    now: '2026-03-10',
    expect: { range: [12, 12], band: '12-18', pupil: true, parents: true },
  },
  {
    name: 'a pupil of 16 is discussed with the pupil only',
    pupil: aged(16, '2026-03-10'),
    now: '2026-03-10',
    expect: { range: [16, 16], band: '12-18', pupil: true, parents: false },
  },
  {
    name: 'a pupil recorded as 11 is still 11 the day before the anniversary of the recording',
    pupil: aged(11, '2025-03-10'),
    now: '2026-03-09',
    expect: { range: [11, 11], band: '4-12', pupil: false, parents: true },
  },
  {
    name: 'a pupil recorded as 11 is 12 a year after the recording',
    pupil: aged(11, '2025-03-10'),
    now: '2026-03-10',
    expect: { range: [12, 12], band: '12-18', pupil: true, parents: true },
  },
  {
    name: 'a pupil recorded as 15 two years ago is 17 and no longer discussed with the parents',
    pupil: aged(15, '2024-01-01'),
    now: '2026-03-10',
    expect: { range: [17, 17], band: '12-18', pupil: true, parents: false },
  },
  {
    name: 'a pupil born in 2014 is 11 or 12 in 2026, counts as 12 and is discussed with',
    pupil: bornIn(2014),
    now: '2026-03-10',
    expect: { range: [11, 12], band: '12-18', pupil: true, parents: true },
  },
  {
    name: 'a pupil born in 2015 is 10 or 11 in 2026 and is not yet discussed with',
    pupil: bornIn(2015),
    now: '2026-12-31',
    expect: { range: [10, 11], band: '4-12', pupil: false, parents: true },
  },
  {
    name: 'a pupil born in 2010 is 15 or 16 in 2026 and counts as under 16',
    pupil: bornIn(2010),
    now: '2026-03-10',
    expect: { range: [15, 16], band: '12-18', pupil: true, parents: true },
  },
  {
    name: 'a pupil born in 2009 is 16 or 17 in 2026 and is not discussed with the parents',
    pupil: bornIn(2009),
    now: '2026-03-10',
    expect: { range: [16, 17], band: '12-18', pupil: true, parents: false },
  },
  {
    name: 'a pupil born in 2023 is shown the 0–4 list for context',
    pupil: bornIn(2023),
    now: '2026-03-10',
    expect: { range: [2, 3], band: '0-4', pupil: false, parents: true },
  },
];

describe('the age of the pupil decides with whom a report is discussed', () => {
  test.each(rows)('$name', ({ pupil, now, expect: expected }) => {
    const { min, max } = ageRange(pupil, on(now));
    expect([min, max]).toEqual(expected.range);
    expect(ageBand(pupil, on(now))).toBe(expected.band);
    expect(mustDiscussReportWith(pupil, on(now))).toEqual({
      pupil: expected.pupil,
      parents: expected.parents,
    });
  });

  test('a pupil without a known age is discussed with both, to be safe', () => {
    expect(mustDiscussReportWith({ reference: 'AB', group: '7' }, on('2026-03-10'))).toEqual({
      pupil: true,
      parents: true,
    });
  });

  test('a new year in Amsterdam makes a pupil given by year of birth a year older, even while it is still the old year in UTC', () => {
    expect(ageRange(bornIn(2014), new Date('2025-12-31T23:30:00Z'))).toEqual({ min: 11, max: 12 });
  });
});
