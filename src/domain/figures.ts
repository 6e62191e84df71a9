// The yearly meldcode figures of one school, for the aandachtsfunctionaris, the zorgcoördinator and the
// board (and the inspection that asks how the meldcode went): how many dossiers, which signals and
// forms, consultations and Veilig Thuis advice, the outcomes, reports with and without discussing them
// beforehand, and how many working days it took from the first signal to each step.
//
// Pure: the dossiers, the school's working calendar and nothing else. No pupil data leaves this
// function: only counts, and every count under SMALL_COUNT is given as "< 5" (one pupil in a small
// school must not be recognisable from the numbers), including the working days, which are only
// given over at least SMALL_COUNT dossiers.

import { afwegingskaderState } from './afwegingskader';
import { mustDiscussReportWith } from './age';
import { todayInAmsterdam } from './calendar';
import { SPECIFIC_FORMS, type Dossier, type SpecificForm } from './dossier';
import { entriesOf } from './log';
import { SIGNAL_CATEGORIES, signalenkaart, type SignalCategory } from './signalenkaart';
import { specificFormsOf } from './steps';
import { addDays } from './working-time';
import { isCoordinatorOf } from './school';

/** Counts under this are not given as such. */
export const SMALL_COUNT = 5;
/** What a count under SMALL_COUNT reads as, in every language and format. */
export const FEWER = `< ${SMALL_COUNT}` as const;
export type Count = number | typeof FEWER;

/** The school year starts on 1 August (month 8), as Dutch school years do. */
export const SCHOOL_YEAR_START_MONTH = 8;

/** The school year a calendar date (YYYY-MM-DD) falls in, named by the year it starts in. */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= SCHOOL_YEAR_START_MONTH ? year : year - 1;
}

/** The first and the last day of a school year, e.g. 2025 → 2025-08-01 … 2026-07-31. */
export function schoolYearDates(startYear: number): { from: string; to: string } {
  const month = String(SCHOOL_YEAR_START_MONTH).padStart(2, '0');
  return { from: `${startYear}-${month}-01`, to: addDays(`${startYear + 1}-${month}-01`, -1) };
}

/** "2025-2026". */
export function schoolYearName(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export function shownCount(count: number): Count {
  return count < SMALL_COUNT ? FEWER : count;
}

/** The steps after the first signal, and the report, that the working days are counted to. */
export const MEASURED_STEPS = ['consultatie', 'gesprek', 'wegen', 'beslissen', 'melding'] as const;
export type MeasuredStep = (typeof MEASURED_STEPS)[number];

/** Working days from the first signal: the median and the middle half (25th to 75th percentile). */
export type WorkingDays =
  { dossiers: number; median: number; from: number; to: number } | { dossiers: typeof FEWER };

export const OUTCOMES = ['melding', 'hulp', 'ongegrond', 'monitoring', 'vertrokken', 'nogGeen'] as const;
export type DossierOutcome = (typeof OUTCOMES)[number];

export interface MeldcodeFigures {
  schoolId: string;
  schoolYear: number;
  /** Dossiers opened in the school year. */
  dossiers: Count;
  /** …of which still open. */
  stillOpen: Count;
  /** Dossiers with at least one signal of this category (counter-indications not counted). */
  signalCategories: Record<SignalCategory, Count>;
  /** Dossiers about this specific form of violence. */
  specificForms: Record<SpecificForm, Count>;
  /** Dossiers with a consultation of a colleague or the zorgcoördinator. */
  consultations: Count;
  /** Dossiers in which Veilig Thuis was asked for advice. */
  veiligThuisAdvice: Count;
  /** Dossiers by where they ended (or not yet). */
  outcomes: Record<DossierOutcome, Count>;
  /**
   * Reports to Veilig Thuis discussed beforehand (or announced) with everyone the age rule names, and
   * those made without (on an exceptional ground, or not discussed at all).
   */
  reports: { discussed: Count; notDiscussed: Count };
  workingDays: Record<MeasuredStep, WorkingDays>;
}

/** The school's working days (weekends and holidays do not count). */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
}

export interface FiguresRequest {
  schoolId: string;
  /** The year the school year starts in: 2025 for 2025-2026. */
  schoolYear: number;
  calendar: WorkingDayCalendar;
}

/** Every signal id's category, from the three age bands' lists (the form sections have none). */
function categoryOfSignal(): ReadonlyMap<string, SignalCategory> {
  const map = new Map<string, SignalCategory>();
  for (const band of ['0-4', '4-12', '12-18'] as const)
    for (const group of signalenkaart(band).categories) for (const id of group.signals) map.set(id, group.id);
  return map;
}

const dateOf = (iso: string): string => todayInAmsterdam(new Date(iso));

/** Working days after `from` up to and including `to` (0 on the same day or when `to` is earlier). */
function workingDaysBetween(calendar: WorkingDayCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count++;
  return count;
}

/** The day of the first signal: the earliest observation that supports the concern, or the opening. */
function firstSignalDay(dossier: Dossier): string {
  const observed = entriesOf(dossier, 'signalRecorded')
    .filter((entry) => !entry.data.pointsOtherWay)
    .map((entry) => entry.data.observedOn);
  return [dateOf(dossier.openedAt), ...observed].sort()[0] ?? dateOf(dossier.openedAt);
}

/** The day each step was first reached, where it was; the dates people gave win over when they typed them. */
function stepDays(dossier: Dossier): Partial<Record<MeasuredStep, string>> {
  const earliest = (days: readonly string[]): string | undefined => [...days].sort()[0];
  const afweging = afwegingskaderState(dossier);
  const decisive = afweging.outcome !== null ? afweging.answers.at(-1) : undefined;
  const decisiveEntry = decisive && dossier.log.find((entry) => entry.seq === decisive.seq);
  const days: Partial<Record<MeasuredStep, string | undefined>> = {
    consultatie: earliest([
      ...entriesOf(dossier, 'consultationRecorded').map((e) => e.data.on),
      ...entriesOf(dossier, 'consultationAdviceRecorded').map((e) => dateOf(e.at)),
      ...entriesOf(dossier, 'veiligThuisAdviceRecorded').map((e) => e.data.on),
    ]),
    gesprek: earliest([
      ...entriesOf(dossier, 'conversationRecorded').map((e) => e.data.on),
      ...entriesOf(dossier, 'conversationSkipped').map((e) => dateOf(e.at)),
    ]),
    wegen: earliest(entriesOf(dossier, 'weighingRecorded').map((e) => dateOf(e.at))),
    beslissen: decisiveEntry ? dateOf(decisiveEntry.at) : undefined,
    melding: earliest(entriesOf(dossier, 'reportRecorded').map((e) => e.data.on)),
  };
  return Object.fromEntries(Object.entries(days).filter(([, day]) => day !== undefined));
}

function outcomeOf(dossier: Dossier): DossierOutcome {
  if (entriesOf(dossier, 'reportRecorded').length > 0) return 'melding';
  if (entriesOf(dossier, 'helpPlanRecorded').length > 0) return 'hulp';
  const closed = entriesOf(dossier, 'dossierClosed').at(-1);
  const outcome = afwegingskaderState(dossier).outcome;
  if (outcome === 'sluiten-ongegrond' || (dossier.status === 'closed' && closed?.data.reason === 'ongegrond'))
    return 'ongegrond';
  if (outcome === 'sluiten-met-monitoring') return 'monitoring';
  if (dossier.status === 'closed' && closed?.data.reason === 'leerling-vertrokken') return 'vertrokken';
  return 'nogGeen';
}

/** The value at fraction `p` of sorted numbers, between neighbours where it falls between them. */
function percentile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = sorted[Math.floor(at)] ?? 0;
  const high = sorted[Math.ceil(at)] ?? low;
  return Math.round((low + (high - low) * (at - Math.floor(at))) * 10) / 10;
}

function workingDaysFigure(days: readonly number[]): WorkingDays {
  if (days.length < SMALL_COUNT) return { dossiers: FEWER };
  const sorted = [...days].sort((a, b) => a - b);
  return {
    dossiers: sorted.length,
    median: percentile(sorted, 0.5),
    from: percentile(sorted, 0.25),
    to: percentile(sorted, 0.75),
  };
}

function countBy<K extends string>(
  keys: readonly K[],
  dossiers: readonly Dossier[],
  has: (d: Dossier, key: K) => boolean,
) {
  return Object.fromEntries(
    keys.map((key) => [key, shownCount(dossiers.filter((d) => has(d, key)).length)]),
  ) as Record<K, Count>;
}

/** The figures of one school in one school year, over the dossiers given (others are ignored). */
export function meldcodeFigures(all: readonly Dossier[], request: FiguresRequest): MeldcodeFigures {
  const { from, to } = schoolYearDates(request.schoolYear);
  const dossiers = all.filter((dossier) => {
    const opened = dateOf(dossier.openedAt);
    return dossier.schoolId === request.schoolId && opened >= from && opened <= to;
  });
  const categories = categoryOfSignal();
  const categoriesOf = (dossier: Dossier): Set<SignalCategory> =>
    new Set(
      entriesOf(dossier, 'signalRecorded')
        .filter((entry) => !entry.data.pointsOtherWay)
        .flatMap((entry) => entry.data.categories.flatMap((id) => categories.get(id) ?? [])),
    );

  const reports = dossiers.flatMap((dossier) =>
    entriesOf(dossier, 'reportRecorded').map((entry) => {
      const must = mustDiscussReportWith(dossier.pupil, new Date(entry.at));
      // Informed beforehand counts as discussed; an exception or no discussion at all does not.
      const done = (answer: string | undefined): boolean => answer === 'ja' || answer === 'geinformeerd';
      const skipped =
        (must.pupil && !done(entry.data.discussedWithPupil)) ||
        (must.parents && !done(entry.data.discussedWithParents));
      return skipped ? 'notDiscussed' : 'discussed';
    }),
  );

  const durations = Object.fromEntries(MEASURED_STEPS.map((step) => [step, [] as number[]])) as Record<
    MeasuredStep,
    number[]
  >;
  for (const dossier of dossiers) {
    const first = firstSignalDay(dossier);
    for (const [step, day] of Object.entries(stepDays(dossier)) as [MeasuredStep, string][])
      durations[step].push(workingDaysBetween(request.calendar, first, day));
  }

  return {
    schoolId: request.schoolId,
    schoolYear: request.schoolYear,
    dossiers: shownCount(dossiers.length),
    stillOpen: shownCount(dossiers.filter((d) => d.status === 'open').length),
    signalCategories: countBy(SIGNAL_CATEGORIES, dossiers, (d, category) => categoriesOf(d).has(category)),
    specificForms: countBy(SPECIFIC_FORMS, dossiers, (d, form) => specificFormsOf(d).includes(form)),
    consultations: shownCount(
      dossiers.filter(
        (d) =>
          entriesOf(d, 'consultationRecorded').length + entriesOf(d, 'consultationAdviceRecorded').length > 0,
      ).length,
    ),
    veiligThuisAdvice: shownCount(
      dossiers.filter((d) => entriesOf(d, 'veiligThuisAdviceRecorded').length > 0).length,
    ),
    outcomes: countBy(OUTCOMES, dossiers, (d, outcome) => outcomeOf(d) === outcome),
    reports: {
      discussed: shownCount(reports.filter((r) => r === 'discussed').length),
      notDiscussed: shownCount(reports.filter((r) => r === 'notDiscussed').length),
    },
    workingDays: Object.fromEntries(
      MEASURED_STEPS.map((step) => [step, workingDaysFigure(durations[step])]),
    ) as Record<MeasuredStep, WorkingDays>,
  };
}

/** Who may see a school's figures: its zorgcoördinatoren and its beslisser (the school's management). */
export function mayReadFigures(
  school: { coordinators: readonly { id: string }[]; decisionMaker: { id: string } },
  userId: string,
): boolean {
  return school.decisionMaker.id === userId || isCoordinatorOf(school, userId);
}
