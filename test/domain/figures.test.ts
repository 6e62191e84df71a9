// The yearly meldcode figures: a table of dossiers (made by decide(), as users make them) in, the
// figures out. Counts under 5 read "< 5"; the school year turns on 1 August in Dutch time.

import {
  FEWER,
  meldcodeFigures,
  schoolYearDates,
  schoolYearOf,
  shownCount,
  type MeldcodeFigures,
} from '../../src/domain/figures';
import { WorkingCalendar } from '../../src/domain/working-time';
import { decide, type Command, type Dossier } from '../../src/domain';
import { cmd, context, owner } from './given';

/** Monday to Friday, with the autumn holiday of 2025. */
const calendar = new WorkingCalendar({
  timeZone: 'Europe/Amsterdam',
  schoolHours: { start: '08:00', end: '17:00' },
  workingDays: [1, 2, 3, 4, 5],
  holidays: [{ from: '2025-10-20', to: '2025-10-24', name: 'herfstvakantie' }],
});

type Act = readonly [day: string, command: Command];

/**
 * A dossier opened at `openedAt` (an instant) with its first signal observed that day, then every act
 * decided at 11:00 on its day.
 */
function dossier(id: string, openedAt: string, acts: readonly Act[], schoolId = 'school-1'): Dossier {
  const openedOn = calendar.dateOf(new Date(openedAt));
  const all: { now: Date; command: Command }[] = [
    { now: new Date(openedAt), command: cmd.openDossier({ schoolId }) },
    { now: new Date(openedAt), command: cmd.recordSignal({ observedOn: openedOn }) },
    ...acts.map(([day, command]) => ({ now: new Date(`${day}T10:00:00Z`), command })),
  ];
  let result: Dossier | undefined;
  for (const { now, command } of all) {
    const decision = decide(
      result,
      command,
      context({ actor: owner, now, newDossier: { id, number: `MC-${id}`, tenantId: 'tenant-1' } }),
    );
    if (!decision.ok) throw new Error(`${id}: ${command.type} refused: ${JSON.stringify(decision.refusal)}`);
    result = decision.dossier;
  }
  if (!result) throw new Error('no dossier');
  return result;
}

const consulted = (on: string): Act => [on, cmd.recordConsultation({ on })];
const talked = (on: string): Act => [on, cmd.recordConversation({ on })];
const weighed = (on: string): Act => [on, cmd.recordWeighing()];
const answered = (on: string, ...given: boolean[]): Act[] =>
  given.map((answer, i) => [
    on,
    cmd.answerAfwegingsvraag({ question: (i + 1) as 1 | 2 | 3 | 4 | 5, answer }),
  ]);
const reported = (on: string, discussed: 'ja' | 'uitzondering'): Act => [
  on,
  cmd.recordReport({
    on,
    discussedWithParents: discussed,
    ...(discussed === 'uitzondering'
      ? { parentsException: 'veiligheid-in-het-geding', parentsExceptionReason: 'Vader dreigde eerder.' }
      : {}),
  }),
];

/**
 * The school year 2025-2026 of school-1. Working days from the first signal (the day of opening):
 *            consultation  conversation  weighing  decision  report
 *   d1            1             3            4         5        5
 *   d2            4             5            6         7        –   (the autumn holiday does not count)
 *   d3            2             2            3         4        –   (conversation skipped; unfounded)
 *   d4            1             2            3         4        4   (reported without discussing it)
 *   d5            5             6            7         8        8
 *   d6            –             –            –         –        –   (opened at 00:30 on 1 August)
 */
const schoolYear: Dossier[] = [
  dossier('d1', '2025-09-01T09:00:00Z', [
    consulted('2025-09-02'),
    talked('2025-09-04'),
    weighed('2025-09-05'),
    ...answered('2025-09-08', true, true),
    reported('2025-09-08', 'ja'),
    ['2025-09-08', cmd.recordSignal({ categories: ['teruggetrokken'], observedOn: '2025-09-08' })],
  ]),
  dossier('d2', '2025-10-13T09:00:00Z', [
    consulted('2025-10-17'),
    talked('2025-10-27'),
    ['2025-10-28', cmd.recordWeighing({ acuteUnsafety: false, structuralUnsafety: false })],
    ...answered('2025-10-29', true, false, true, true),
    ['2025-10-29', cmd.recordHelpPlan({ deadline: '2025-11-30', followUpOn: '2025-12-15' })],
  ]),
  dossier('d3', '2025-11-03T09:00:00Z', [
    consulted('2025-11-05'),
    ['2025-11-05', cmd.skipConversation()],
    weighed('2025-11-06'),
    ...answered('2025-11-07', false),
    ['2025-11-07', cmd.closeDossier({ reason: 'ongegrond' })],
  ]),
  dossier('d4', '2026-01-12T09:00:00Z', [
    consulted('2026-01-13'),
    talked('2026-01-14'),
    weighed('2026-01-15'),
    ...answered('2026-01-16', true, true),
    reported('2026-01-16', 'uitzondering'),
  ]),
  dossier('d5', '2026-03-02T09:00:00Z', [
    consulted('2026-03-09'),
    ['2026-03-09', cmd.recordVeiligThuisAdvice({ on: '2026-03-09' })],
    talked('2026-03-10'),
    weighed('2026-03-11'),
    ...answered('2026-03-12', true, true),
    reported('2026-03-12', 'ja'),
  ]),
  dossier('d6', '2025-07-31T22:30:00Z', []),
];

/** Dossiers that are not in school-1's year 2025-2026. */
const others: Dossier[] = [
  dossier('last-year', '2025-07-31T21:30:00Z', []),
  dossier('next-year', '2026-07-31T22:00:00Z', []),
  dossier('other-school', '2025-09-01T09:00:00Z', [consulted('2025-09-02')], 'school-2'),
];

describe('the school year', () => {
  it.each([
    ['2025-07-31', 2024],
    ['2025-08-01', 2025],
    ['2025-12-31', 2025],
    ['2026-01-01', 2025],
    ['2026-07-31', 2025],
    ['2026-08-01', 2026],
  ])('%s falls in the school year that starts in %i', (date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });

  it('runs from 1 August to 31 July', () => {
    expect(schoolYearDates(2025)).toEqual({ from: '2025-08-01', to: '2026-07-31' });
    expect(schoolYearDates(2027)).toEqual({ from: '2027-08-01', to: '2028-07-31' });
  });
});

describe('small numbers', () => {
  it.each([
    [0, FEWER],
    [1, FEWER],
    [4, FEWER],
    [5, 5],
    [6, 6],
    [120, 120],
  ])('%i is shown as %s', (count, shown) => {
    expect(shownCount(count)).toBe(shown);
  });
});

describe('the figures of a school year', () => {
  const figures = meldcodeFigures([...others, ...schoolYear], {
    schoolId: 'school-1',
    schoolYear: 2025,
    calendar,
  });

  it('counts the dossiers opened between 1 August and 31 July in Dutch time, of this school only', () => {
    expect(figures.dossiers).toBe(6);
    expect(figures.stillOpen).toBe(5);
  });

  it('gives every count under 5 as "< 5": signals, forms, advice, outcomes and reports', () => {
    const expected: Omit<MeldcodeFigures, 'workingDays'> = {
      schoolId: 'school-1',
      schoolYear: 2025,
      dossiers: 6,
      stillOpen: 5,
      signalCategories: {
        lichamelijk: 6,
        'gedrag-emotioneel': FEWER,
        'relatie-ouders': FEWER,
        'relatie-leeftijdgenoten-volwassenen': FEWER,
        seksueel: FEWER,
        ontwikkeling: FEWER,
        'gezin-omgeving': FEWER,
      },
      specificForms: {
        'vrouwelijke-genitale-verminking': FEWER,
        huwelijksdwang: FEWER,
        achterlating: FEWER,
        'eergerelateerd-geweld': FEWER,
        'seksueel-misbruik': FEWER,
        'seksuele-uitbuiting': FEWER,
      },
      consultations: 5,
      veiligThuisAdvice: FEWER,
      outcomes: {
        melding: FEWER,
        hulp: FEWER,
        ongegrond: FEWER,
        monitoring: FEWER,
        vertrokken: FEWER,
        nogGeen: FEWER,
      },
      reports: { discussed: FEWER, notDiscussed: FEWER },
    };
    const { workingDays: _, ...counts } = figures;
    expect(counts).toEqual(expected);
  });

  it('gives the working days from the first signal to each step as median and middle half, over 5 or more dossiers', () => {
    expect(figures.workingDays).toEqual({
      consultatie: { dossiers: 5, median: 2, from: 1, to: 4 },
      gesprek: { dossiers: 5, median: 3, from: 2, to: 5 },
      wegen: { dossiers: 5, median: 4, from: 3, to: 6 },
      beslissen: { dossiers: 5, median: 5, from: 4, to: 7 },
      melding: { dossiers: FEWER },
    });
  });

  it('puts a dossier opened at 00:30 on 1 August in the new year, and one opened at 23:30 on 31 July in the old', () => {
    const old = meldcodeFigures([...others, ...schoolYear], {
      schoolId: 'school-1',
      schoolYear: 2024,
      calendar,
    });
    const next = meldcodeFigures([...others, ...schoolYear], {
      schoolId: 'school-1',
      schoolYear: 2026,
      calendar,
    });
    // One dossier each: too few to give as a number, and no longer 0 either way.
    expect([old.dossiers, next.dossiers]).toEqual([FEWER, FEWER]);
    const withOneMore = meldcodeFigures([...schoolYear.slice(0, 4), others[0] as Dossier], {
      schoolId: 'school-1',
      schoolYear: 2025,
      calendar,
    });
    expect(withOneMore.dossiers).toBe(FEWER);
    const withD6 = meldcodeFigures([...schoolYear.slice(0, 4), schoolYear[5] as Dossier], {
      schoolId: 'school-1',
      schoolYear: 2025,
      calendar,
    });
    expect(withD6.dossiers).toBe(5);
  });

  it('shows exact figures once there are enough dossiers of a kind', () => {
    const many = [...schoolYear, ...schoolYear.slice(0, 4).map((d) => ({ ...d, id: `${d.id}-bis` }))];
    const figures = meldcodeFigures(many, { schoolId: 'school-1', schoolYear: 2025, calendar });
    expect(figures.dossiers).toBe(10);
    expect(figures.outcomes.melding).toBe(5); // d1, d4, d5, and d1 and d4 again
    expect(figures.reports).toEqual({ discussed: FEWER, notDiscussed: FEWER });
    expect(figures.workingDays.melding).toEqual({ dossiers: 5, median: 5, from: 4, to: 5 });
  });

  it('holds no pupil data and no ids of dossiers or people', () => {
    const text = JSON.stringify(figures);
    for (const id of ['d1', 'MC-', 'JdV', 'groep', owner.id, owner.name]) expect(text).not.toContain(id);
  });
});
