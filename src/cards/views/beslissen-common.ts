// Helpers the step-5 screens (beslissen, melden, hulp) share. Not re-exported from the views index:
// the names are too general to share with every other screen.

import { t, type Voice } from '../../i18n';
import { AFWEGINGSVRAGEN, entriesOf, type Afwegingsvraag, type Dossier } from '../../domain';
import { nextQuestionAfter } from '../../domain/afwegingskader';
import { formatDate } from './common';

export { shorten } from './common';

/** A question number as a card sends it back ("2" or 2), or undefined. */
export function asQuestion(value: unknown): Afwegingsvraag | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return AFWEGINGSVRAGEN.find((q) => q === number);
}

/**
 * The words of one afwegingsvraag: the question as the law's framework asks it, a short form for
 * lists of answers, and what each answer leads to. One key family (`afwegingsvraag.N.*`) serves the
 * step-5 card, the export and the reminder, so the wordings cannot drift apart; the number of the
 * question an answer leads to comes from the tree in the domain.
 */
export function afwegingsvraagTexts(
  voice: Voice,
  question: Afwegingsvraag,
  /** A report was made already: "no" at questions 3 and 4 leaves the report as the outcome. */
  afterReport = false,
): { question: string; short: string; help: string } {
  const next = nextQuestionAfter(question, true) ?? nextQuestionAfter(question, false);
  const help =
    afterReport && question === 3
      ? ('afwegingsvraag.3.helpAfterReport' as const)
      : afterReport && question === 4
        ? ('afwegingsvraag.4.helpAfterReport' as const)
        : (`afwegingsvraag.${question}.help` as const);
  return {
    question: t(voice, `afwegingsvraag.${question}.question`),
    short: t(voice, `afwegingsvraag.${question}.short`),
    help: t(voice, help, next === null ? {} : { next }),
  };
}

/** The help plan in force: the latest one recorded. */
export function currentHelpPlan(dossier: Dossier) {
  return entriesOf(dossier, 'helpPlanRecorded').at(-1);
}

export function reportLine(
  voice: Voice,
  report: { on: string; to: string; reference?: string | undefined },
): string {
  const params = { date: formatDate(voice, report.on), to: report.to };
  return report.reference === undefined
    ? t(voice, 'melden.reported', params)
    : t(voice, 'melden.reportedWithReference', { ...params, reference: report.reference });
}

export function planLine(voice: Voice, plan: { who: string; deadline: string; followUpOn: string }): string {
  return t(voice, 'hulp.planLine', {
    who: plan.who,
    deadline: formatDate(voice, plan.deadline),
    followUpOn: formatDate(voice, plan.followUpOn),
  });
}

/** The calendar day after a YYYY-MM-DD date: the first day a deadline or follow-up may fall on. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Teams checks required inputs itself and then shows the input's errorMessage; a required input
 * therefore always carries one, the server's problem when there is one, else a plain "fill this in".
 */
export function withRequiredMessages(
  voice: Voice,
  errors: Record<string, unknown>,
  required: readonly string[],
): Record<string, unknown> {
  const filled = { ...errors };
  for (const field of required) filled[field] ??= t(voice, 'beslissen.required');
  return filled;
}
