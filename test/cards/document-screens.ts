// The screens of the documents (issue 14) for the card contract: the documents card of a dossier as
// the owner and as the zorgcoördinator sees it, the ready cards, and the yearly figures.

import { meldcodeFigures, type MeldcodeFigures } from '../../src/domain/figures';
import type { Dossier } from '../../src/domain';
import { WorkingCalendar } from '../../src/domain/working-time';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminders/settings';
import { documentReadyView, documentsView, figuresReadyView, figuresView } from '../../src/cards/views';
import { NOW, SCHOOL } from './dossiers';
import type { Screen } from './screens';

const URL = 'https://meldcode.example.nl/export/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cQ';

/** The documents screens of one dossier. */
export function documentScreens(name: string, dossier: Dossier): Screen[] {
  return [
    {
      screen: `the documents of ${name}, as its owner sees them`,
      template: 'documents',
      view: (language, state) => documentsView(language, dossier, 'eigenaar', NOW, state),
    },
    {
      screen: `the documents of ${name}, as the zorgcoördinator sees them (with the copy for the parents)`,
      template: 'documents',
      view: (language, state) => documentsView(language, dossier, 'zorgcoordinator', NOW, state),
      form: true,
    },
    {
      screen: `the PDF of ${name}, ready`,
      template: 'export',
      view: (language) => documentReadyView(language, dossier, URL, 10, { format: 'pdf' }),
    },
    {
      screen: `the copy for the parents of ${name}, ready`,
      template: 'export',
      view: (language) =>
        documentReadyView(language, dossier, URL, 10, { copyFor: 'ouders', format: 'docx' }),
    },
  ];
}

/** Every count at its largest, every duration given: the widest the figures card gets. */
function fullFigures(): MeldcodeFigures {
  const some = meldcodeFigures([], {
    schoolId: SCHOOL.id,
    schoolYear: 2025,
    calendar: { isWorkingDay: () => true },
  });
  const many = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(record).map((k) => [k, 123456]));
  const days = { dossiers: 123456, median: 1234.5, from: 1234.5, to: 1234.5 };
  return {
    ...some,
    dossiers: 123456,
    stillOpen: 123456,
    signalCategories: many(some.signalCategories) as MeldcodeFigures['signalCategories'],
    specificForms: many(some.specificForms) as MeldcodeFigures['specificForms'],
    consultations: 123456,
    veiligThuisAdvice: 123456,
    outcomes: many(some.outcomes) as MeldcodeFigures['outcomes'],
    reports: { discussed: 123456, notDiscussed: 123456 },
    workingDays: { consultatie: days, gesprek: days, wegen: days, beslissen: days, melding: days },
  };
}

/** The figures card: a school with too few dossiers for any number, and a board with many schools. */
export function figuresScreens(worst: boolean): Screen[] {
  const calendar = new WorkingCalendar(DEFAULT_REMINDER_SETTINGS);
  const few = meldcodeFigures([], { schoolId: SCHOOL.id, schoolYear: 2025, calendar });
  const others = Array.from({ length: worst ? 25 : 1 }, (_, i) => ({
    id: `school-${i}`,
    name: `${SCHOOL.name} ${i}`,
  }));
  return [
    {
      screen: worst ? 'the figures of a school of a board with 25 schools' : 'the figures of a small school',
      template: 'figures',
      view: (language) =>
        figuresView(language, worst ? fullFigures() : few, {
          schoolName: SCHOOL.name,
          otherSchools: others,
          currentSchoolYear: 2026,
        }),
    },
    {
      screen: 'the figures of the current school year (no next year)',
      template: 'figures',
      view: (language) =>
        figuresView(language, few, { schoolName: SCHOOL.name, otherSchools: [], currentSchoolYear: 2025 }),
    },
    {
      screen: 'the figures as a file, ready',
      template: 'figures-ready',
      view: (language) => figuresReadyView(language, SCHOOL, 2025, URL, 10),
    },
  ];
}
