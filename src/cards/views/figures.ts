// The yearly meldcode figures of a school, as rows that the card, the PDF and the CSV all show.
// Only counts: "< 5" stays "< 5" everywhere, and working days appear only over 5 dossiers or more.

import { section, t, type Voice } from '../../i18n';
import { groupLabel } from '../../i18n/signalenkaart';
import {
  MEASURED_STEPS,
  OUTCOMES,
  schoolYearName,
  type Count,
  type MeldcodeFigures,
  type WorkingDays,
} from '../../domain/figures';
import { SIGNAL_CATEGORIES } from '../../domain/signalenkaart';
import { SPECIFIC_FORMS } from '../../domain/dossier';
import type { ViewData } from './common';

export interface FiguresRow {
  label: string;
  /** The count, or for working days the median with the middle half. */
  value: string;
  count: Count | undefined;
  workingDays: WorkingDays | undefined;
}

export interface FiguresSection {
  title: string;
  /** What the values are: counts of dossiers, or working days. */
  values: 'counts' | 'workingDays';
  rows: FiguresRow[];
}

const countRow = (label: string, count: Count): FiguresRow => ({
  label,
  value: String(count),
  count,
  workingDays: undefined,
});

/** A number as the reader writes it: 2,5 in Dutch, 2.5 in English. */
export function decimal(voice: Voice, value: number): string {
  return voice === 'nl' ? String(value).replace('.', ',') : String(value);
}

function workingDaysText(voice: Voice, days: WorkingDays): string {
  return 'median' in days
    ? t(voice, 'figures.workingDays', {
        median: decimal(voice, days.median),
        from: decimal(voice, days.from),
        to: decimal(voice, days.to),
        dossiers: days.dossiers,
      })
    : t(voice, 'figures.workingDaysFew');
}

/** The figures in sections, in the order a board reads them. */
export function figuresSections(voice: Voice, figures: MeldcodeFigures): FiguresSection[] {
  const say = (key: Parameters<typeof t>[1]): string => t(voice, key);
  return [
    {
      title: say('figures.section.dossiers'),
      values: 'counts',
      rows: [
        countRow(say('figures.dossiers'), figures.dossiers),
        countRow(say('figures.stillOpen'), figures.stillOpen),
        countRow(say('figures.consultations'), figures.consultations),
        countRow(say('figures.veiligThuisAdvice'), figures.veiligThuisAdvice),
      ],
    },
    {
      title: say('figures.section.signals'),
      values: 'counts',
      rows: SIGNAL_CATEGORIES.map((c) => countRow(groupLabel(voice, c), figures.signalCategories[c])),
    },
    {
      title: say('figures.section.forms'),
      values: 'counts',
      rows: SPECIFIC_FORMS.map((f) => countRow(say(`form.specificForm.${f}`), figures.specificForms[f])),
    },
    {
      title: say('figures.section.outcomes'),
      values: 'counts',
      rows: OUTCOMES.map((o) => countRow(say(`figures.outcome.${o}`), figures.outcomes[o])),
    },
    {
      title: say('figures.section.reports'),
      values: 'counts',
      rows: [
        countRow(say('figures.reports.discussed'), figures.reports.discussed),
        countRow(say('figures.reports.notDiscussed'), figures.reports.notDiscussed),
      ],
    },
    {
      title: say('figures.section.workingDays'),
      values: 'workingDays',
      rows: MEASURED_STEPS.map((step) => ({
        label: say(`figures.step.${step}`),
        value: workingDaysText(voice, figures.workingDays[step]),
        count: undefined,
        workingDays: figures.workingDays[step],
      })),
    },
  ];
}

export interface FiguresNavigation {
  schoolName: string;
  /** Other schools this user may see the figures of (a zorgcoördinator of several schools). */
  otherSchools: readonly { id: string; name: string }[];
  /** The school year the user's today falls in: no "next year" beyond it. */
  currentSchoolYear: number;
}

export function figuresView(voice: Voice, figures: MeldcodeFigures, nav: FiguresNavigation): ViewData {
  return {
    t: section(voice, 'figures.card'),
    title: t(voice, 'figures.card.title', { school: nav.schoolName }),
    yearText: t(voice, 'figures.card.year', { year: schoolYearName(figures.schoolYear) }),
    sections: figuresSections(voice, figures).map((s) => ({
      title: s.title,
      facts: s.rows.map((row) => ({ title: row.label, value: row.value })),
    })),
    schoolId: figures.schoolId,
    schoolYear: figures.schoolYear,
    previousYear: figures.schoolYear - 1,
    nextYear: figures.schoolYear + 1,
    hasNext: figures.schoolYear < nav.currentSchoolYear,
    otherSchools: nav.otherSchools.map((school) => ({
      id: school.id,
      schoolYear: figures.schoolYear,
      title: t(voice, 'figures.card.chooseSchool', { school: school.name }),
    })),
  };
}
