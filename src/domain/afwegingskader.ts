// Step 5 as the law's afwegingskader (compulsory since 2019): five yes/no questions that end in
// closing, reporting or organising help. The tree lives in one table; the state of a dossier is
// derived from its log, where every answer stays, including answers later superseded.

import type { Dossier } from './dossier';
import { entriesOf } from './log';
import { DISCLOSURE_SIGNALS } from './signalenkaart';

export const AFWEGINGSVRAGEN = [1, 2, 3, 4, 5] as const;
export type Afwegingsvraag = (typeof AFWEGINGSVRAGEN)[number];

/** Where the afwegingskader can lead. `hulp` is reached at question 4 and is followed by question 5. */
export type Outcome = 'sluiten-ongegrond' | 'melden' | 'hulp' | 'sluiten-met-monitoring';

interface Branch {
  outcome: Outcome | null;
  next: Afwegingsvraag | null;
}

/**
 * 1 Still a suspicion?                        no: close as unfounded             yes: 2
 * 2 Acute and/or structural unsafety?         no: 3                               yes: report
 * 3 Can we offer or organise enough help?     no: report                          yes: 4
 * 4 Do those involved accept the help?        no: report                          yes: help, then 5
 * 5 Does the help bring lasting safety?       no: report after all                yes: close with monitoring
 *
 * Reporting and helping can go together ("Is hulp verlenen of organiseren (ook) mogelijk?"): once a
 * report is recorded after "yes" to question 2, the path goes on at question 3, now answered together
 * with Veilig Thuis (HELP_AFTER_REPORT_QUESTION); the outcome stays "report" until help is accepted.
 */
export const AFWEGINGSKADER: Record<Afwegingsvraag, { nee: Branch; ja: Branch }> = {
  1: { nee: { outcome: 'sluiten-ongegrond', next: null }, ja: { outcome: null, next: 2 } },
  2: { nee: { outcome: null, next: 3 }, ja: { outcome: 'melden', next: null } },
  3: { nee: { outcome: 'melden', next: null }, ja: { outcome: null, next: 4 } },
  4: { nee: { outcome: 'melden', next: null }, ja: { outcome: 'hulp', next: 5 } },
  5: { nee: { outcome: 'melden', next: null }, ja: { outcome: 'sluiten-met-monitoring', next: null } },
};

/**
 * The question answered at the help's follow-up: the one the tree leads to after "yes, they accept the
 * help". Read from the table so that the texts that name it ("answer question 5 at the follow-up")
 * cannot drift from the tree.
 */
export const FOLLOW_UP_QUESTION: Afwegingsvraag = (() => {
  const afterHelp = AFWEGINGSVRAGEN.map((q) => AFWEGINGSKADER[q].ja).find((b) => b.outcome === 'hulp');
  if (!afterHelp?.next) throw new Error('The afwegingskader must continue after the outcome "hulp".');
  return afterHelp.next;
})();

/** After a report, the help questions start here (answered together with Veilig Thuis). */
export const HELP_AFTER_REPORT_QUESTION: Afwegingsvraag = 3;

/** The question that asks about acute or structural unsafety: the one that leads straight to a report. */
export const UNSAFETY_QUESTION: Afwegingsvraag = 2;

/** The question that follows an answer, when the tree goes on from there (for the help texts). */
export function nextQuestionAfter(question: Afwegingsvraag, answer: boolean): Afwegingsvraag | null {
  return AFWEGINGSKADER[question][answer ? 'ja' : 'nee'].next;
}

/**
 * After a report Veilig Thuis assesses the pupil's safety within this many working days and tells the
 * reporter what it will do (Uitvoeringsbesluit Wmo 2015, art. 4.1.7). The texts about feedback state it.
 */
export const VEILIG_THUIS_ASSESSMENT_WORKING_DAYS = 5;

export interface AnsweredQuestion {
  question: Afwegingsvraag;
  answer: boolean;
  reasoning: string;
  /** The log entry that holds this answer. */
  seq: number;
}

export interface AfwegingskaderState {
  /** The answers on the current path, from question 1. */
  answers: AnsweredQuestion[];
  /** The question to answer now, or null when the path has ended. */
  nextQuestion: Afwegingsvraag | null;
  /** Where the path has led so far, or null when no outcome is reached yet. */
  outcome: Outcome | null;
  /** Log entries of answers that were given again later, or lie beyond a changed answer. */
  superseded: number[];
  /** The log entry of the answer that led to the outcome (null without one): what the beslisser confirms. */
  outcomeSeq: number | null;
  /** A report was recorded on this path, and questions 3 to 5 are asked together with Veilig Thuis. */
  helpAfterReport: boolean;
}

const branchOf = (a: { question: Afwegingsvraag; answer: boolean }): Branch =>
  AFWEGINGSKADER[a.question][a.answer ? 'ja' : 'nee'];

export function afwegingskaderState(dossier: Dossier): AfwegingskaderState {
  const entries = entriesOf(dossier, 'afwegingsvraagAnswered');
  // Answering a question again discards the answers after it: they belonged to another path.
  const latest = new Map<Afwegingsvraag, AnsweredQuestion>();
  for (const { seq, data } of entries) {
    for (const question of latest.keys()) if (question > data.question) latest.delete(question);
    latest.set(data.question, {
      question: data.question,
      answer: data.answer,
      reasoning: data.reasoning,
      seq,
    });
  }
  const reports = entriesOf(dossier, 'reportRecorded').filter((e) => e.seq > lastReopening(dossier));
  // Walk the tree from question 1 along the answers given.
  const answers: AnsweredQuestion[] = [];
  let nextQuestion: Afwegingsvraag | null = 1;
  let outcome: Outcome | null = null;
  let outcomeSeq: number | null = null;
  let helpAfterReport = false;
  while (nextQuestion !== null) {
    const answer = latest.get(nextQuestion);
    if (!answer) break;
    answers.push(answer);
    const branch = branchOf(answer);
    nextQuestion = branch.next;
    // An answer that leads where the path already was (no help after the report: still "report")
    // does not ask the beslisser again.
    if (branch.outcome !== null && branch.outcome !== outcome) {
      outcome = branch.outcome;
      outcomeSeq = answer.seq;
    }
    // "Report" at question 2 with a report on record: the help questions follow, with Veilig Thuis.
    if (answer.question === UNSAFETY_QUESTION && branch.outcome === 'melden' && reports.length > 0) {
      nextQuestion = HELP_AFTER_REPORT_QUESTION;
      helpAfterReport = true;
    }
  }
  const onPath = new Set(answers.map((a) => a.seq));
  return {
    answers,
    nextQuestion,
    outcome,
    superseded: entries.map((e) => e.seq).filter((s) => !onPath.has(s)),
    outcomeSeq,
    helpAfterReport,
  };
}

/** The sequence number of the last reopening (0 when the dossier was never reopened). */
export function lastReopening(dossier: Dossier): number {
  return entriesOf(dossier, 'dossierReopened').at(-1)?.seq ?? 0;
}

/** Did the pupil tell about the violence themselves (a disclosure signal on record)? */
export function pupilDisclosed(dossier: Dossier): boolean {
  return entriesOf(dossier, 'signalRecorded').some(({ data }) =>
    data.categories.some((id) => DISCLOSURE_SIGNALS.has(id)),
  );
}

/**
 * What the dossier says about question 2 before it is answered: yes when the latest weighing found
 * acute or structural unsafety, or the pupil disclosed the violence. The card starts from it.
 */
export function unsafetyOnRecord(dossier: Dossier): {
  acute: boolean;
  structural: boolean;
  disclosure: boolean;
} {
  const weighing = entriesOf(dossier, 'weighingRecorded').at(-1)?.data;
  return {
    acute: weighing?.acuteUnsafety ?? false,
    structural: weighing?.structuralUnsafety ?? false,
    disclosure: pupilDisclosed(dossier),
  };
}

/** Would this answer go against what the dossier says, so that it needs a reason (a deviation)? */
export function answerDeviates(dossier: Dossier, question: Afwegingsvraag, answer: boolean): boolean {
  if (question !== UNSAFETY_QUESTION || answer) return false;
  const onRecord = unsafetyOnRecord(dossier);
  return onRecord.acute || onRecord.structural || onRecord.disclosure;
}

/** May this question be answered now? Question 1 always; any other when the path leads to it. */
export function isQuestionReached(state: AfwegingskaderState, question: Afwegingsvraag): boolean {
  return (
    question === 1 ||
    state.answers.some((a) => branchOf(a).next === question) ||
    (state.helpAfterReport && question === HELP_AFTER_REPORT_QUESTION)
  );
}

/**
 * After "yes, they accept the help" (question 4) a help plan is expected: what, who, a deadline and a
 * follow-up date for question 5. True until one is recorded after that answer.
 */
export function helpPlanExpected(dossier: Dossier): boolean {
  const state = afwegingskaderState(dossier);
  const acceptance = state.answers.find((a) => a.question === 4);
  if (state.outcome !== 'hulp' || !acceptance) return false;
  return !entriesOf(dossier, 'helpPlanRecorded').some((e) => e.seq > acceptance.seq);
}

/**
 * May a report be recorded now? The first always; another ("alsnog melden") after a reopening or a
 * later outcome "report" of the afwegingskader, e.g. when the help did not bring lasting safety.
 */
export function reportMayBeRecorded(dossier: Dossier): boolean {
  const last = entriesOf(dossier, 'reportRecorded').at(-1);
  if (!last) return true;
  const state = afwegingskaderState(dossier);
  const laterOutcome = state.outcome === 'melden' && (state.outcomeSeq ?? 0) > last.seq;
  return lastReopening(dossier) > last.seq || laterOutcome;
}
