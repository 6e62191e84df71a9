// Step 5 as the law's afwegingskader (compulsory since 2019): five yes/no questions that end in
// closing, reporting or organising help. The tree lives in one table; the state of a dossier is
// derived from its log, where every answer stays, including answers later superseded.

import type { Dossier } from './dossier';
import { entriesOf } from './log';

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
  // Walk the tree from question 1 along the answers given.
  const answers: AnsweredQuestion[] = [];
  let nextQuestion: Afwegingsvraag | null = 1;
  let outcome: Outcome | null = null;
  while (nextQuestion !== null) {
    const answer = latest.get(nextQuestion);
    if (!answer) break;
    answers.push(answer);
    ({ outcome, next: nextQuestion } = branchOf(answer));
  }
  const onPath = new Set(answers.map((a) => a.seq));
  return {
    answers,
    nextQuestion,
    outcome,
    superseded: entries.map((e) => e.seq).filter((s) => !onPath.has(s)),
  };
}

/** May this question be answered now? Question 1 always; any other when the path leads to it. */
export function isQuestionReached(state: AfwegingskaderState, question: Afwegingsvraag): boolean {
  return question === 1 || state.answers.some((a) => branchOf(a).next === question);
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
