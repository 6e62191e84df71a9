// The pupil's age, as far as the school may know it. A dossier stores either the age on the day it was
// recorded or only the year of birth (never a birth date: minimal data). Two meldcode rules depend on
// the age: discuss a report beforehand with the pupil from 12, and with the parents under 16.

import type { AgeBand, PupilReference } from './dossier';
import { todayInAmsterdam, wholeYearsBetween, yearOf } from './calendar';

/** Pupils of a school: the youngest in group 1, the oldest finishing secondary or vocational school. */
export const PUPIL_MIN_AGE = 4;
export const PUPIL_MAX_AGE = 20;

/** Discuss the report beforehand with the pupil from this age (step 5, melden). */
export const DISCUSS_WITH_PUPIL_FROM_AGE = 12;
/** Discuss the report beforehand with the parents while the pupil is younger than this. */
export const DISCUSS_WITH_PARENTS_UNDER_AGE = 16;

/** The youngest and the oldest the pupil can be today. */
export interface AgeRange {
  min: number;
  max: number;
}

/**
 * How old the pupil can be at `now`.
 * - A recorded age grows by one on every anniversary of the day it was recorded; it is taken as exact
 *   on that day (the user said so), so min and max are equal.
 * - With only a year of birth the pupil may or may not have had this year's birthday yet, so the age
 *   is uncertain by one: min is this year minus the birth year minus one, max is without the minus one.
 * - With neither (only possible for data from outside decide) nothing is known: 0 to infinity, so
 *   every rule below falls on its careful side.
 */
export function ageRange(pupil: PupilReference, now: Date): AgeRange {
  const today = todayInAmsterdam(now);
  if (pupil.age) {
    const years = pupil.age.years + wholeYearsBetween(pupil.age.recordedOn, today);
    return { min: years, max: years };
  }
  if (pupil.birthYear !== undefined) {
    const max = yearOf(today) - pupil.birthYear;
    return { min: max - 1, max };
  }
  return { min: 0, max: Number.POSITIVE_INFINITY };
}

/** Can this pupil be of school age? With a birth year it is enough that one of the two ages fits. */
export function ageWithinSchoolBounds(pupil: PupilReference, now: Date): boolean {
  const { min, max } = ageRange(pupil, now);
  return max >= PUPIL_MIN_AGE && min <= PUPIL_MAX_AGE;
}

/**
 * The signalenkaart band to show. Uses the oldest possible age, the same careful reading as the
 * report rule below ("possibly 12" counts as 12). Pupils of 18 and over get the 12–18 list.
 */
export function ageBand(pupil: PupilReference, now: Date): AgeBand {
  const { max } = ageRange(pupil, now);
  if (max < 4) return '0-4';
  if (max < DISCUSS_WITH_PUPIL_FROM_AGE) return '4-12';
  return '12-18';
}

/**
 * With whom a report must be discussed beforehand (unless one of the two exceptions applies).
 * Where the age is uncertain, the pupil who is possibly 12 counts as 12 or older, and the pupil who is
 * possibly under 16 counts as under 16: discussing once too often is the safer mistake, because
 * leaving out a conversation the law expects cannot be put right afterwards.
 */
export function mustDiscussReportWith(
  pupil: PupilReference,
  now: Date,
): { pupil: boolean; parents: boolean } {
  const { min, max } = ageRange(pupil, now);
  return { pupil: max >= DISCUSS_WITH_PUPIL_FROM_AGE, parents: min < DISCUSS_WITH_PARENTS_UNDER_AGE };
}
