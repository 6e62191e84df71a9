import { afwegingskaderState, helpPlanExpected, type Command } from '../../src/domain';
import { answers, cmd, dossierAfter, stepsOneToFour } from './given';

const decidedAfter = (...commands: Command[]) =>
  afwegingskaderState(dossierAfter([...stepsOneToFour(), ...commands]));
const path = (...given: boolean[]) => decidedAfter(...answers(...given));

interface Row {
  name: string;
  answers: boolean[];
  expect: { nextQuestion: number | null; outcome: string | null };
}

const rows: Row[] = [
  {
    name: 'the afwegingskader starts at question 1',
    answers: [],
    expect: { nextQuestion: 1, outcome: null },
  },
  {
    name: 'no suspicion left closes the dossier as unfounded',
    answers: [false],
    expect: { nextQuestion: null, outcome: 'sluiten-ongegrond' },
  },
  {
    name: 'a suspicion leads to the question of safety',
    answers: [true],
    expect: { nextQuestion: 2, outcome: null },
  },
  {
    name: 'acute or structural unsafety means reporting',
    answers: [true, true],
    expect: { nextQuestion: null, outcome: 'melden' },
  },
  {
    name: 'without unsafety the question is whether help is possible',
    answers: [true, false],
    expect: { nextQuestion: 3, outcome: null },
  },
  {
    name: 'when the school cannot offer or organise enough help, it reports',
    answers: [true, false, false],
    expect: { nextQuestion: null, outcome: 'melden' },
  },
  {
    name: 'when help is possible the question is whether it is accepted',
    answers: [true, false, true],
    expect: { nextQuestion: 4, outcome: null },
  },
  {
    name: 'when help is refused, the school reports',
    answers: [true, false, true, false],
    expect: { nextQuestion: null, outcome: 'melden' },
  },
  {
    name: 'when help is accepted, help starts and its result is asked later',
    answers: [true, false, true, true],
    expect: { nextQuestion: 5, outcome: 'hulp' },
  },
  {
    name: 'when the help does not bring lasting safety, the school reports after all',
    answers: [true, false, true, true, false],
    expect: { nextQuestion: null, outcome: 'melden' },
  },
  {
    name: 'when the help brings lasting safety, the dossier closes with monitoring',
    answers: [true, false, true, true, true],
    expect: { nextQuestion: null, outcome: 'sluiten-met-monitoring' },
  },
];

describe('the afwegingskader leads from five questions to one outcome', () => {
  test.each(rows)('$name', ({ answers: given, expect: expected }) => {
    const state = path(...given);
    expect({ nextQuestion: state.nextQuestion, outcome: state.outcome }).toEqual(expected);
    expect(state.answers.map((a) => a.answer)).toEqual(given);
    expect(state.superseded).toEqual([]);
  });
});

describe('answering an earlier question again', () => {
  test('discards the later answers from the path but keeps them in the log as superseded', () => {
    const dossier = dossierAfter([
      ...stepsOneToFour(),
      ...answers(true, false, true),
      cmd.answerAfwegingsvraag({ question: 2, answer: true }),
    ]);
    const state = afwegingskaderState(dossier);
    // Log: 1 opened, 2–5 steps, 6 q1, 7 q2, 8 q3, 9 q2 again.
    expect(state.answers.map((a) => [a.question, a.answer, a.seq])).toEqual([
      [1, true, 6],
      [2, true, 9],
    ]);
    expect(state.superseded).toEqual([7, 8]);
    expect(state.outcome).toBe('melden');
    expect(dossier.log.filter((e) => e.kind === 'afwegingsvraagAnswered')).toHaveLength(4);
  });

  test('keeps the reasoning given with each answer', () => {
    const state = decidedAfter(
      cmd.answerAfwegingsvraag({ question: 1, answer: true, reasoning: 'Onthulling door de leerling.' }),
    );
    expect(state.answers[0]?.reasoning).toBe('Onthulling door de leerling.');
  });
});

describe('a help plan is expected after the help was accepted', () => {
  test('no help plan is expected before question 4', () => {
    expect(helpPlanExpected(dossierAfter([...stepsOneToFour(), ...answers(true, false, true)]))).toBe(false);
  });
  test('a help plan is expected after yes to question 4', () => {
    expect(helpPlanExpected(dossierAfter([...stepsOneToFour(), ...answers(true, false, true, true)]))).toBe(
      true,
    );
  });
  test('the help plan recorded after yes to question 4 meets the expectation', () => {
    const dossier = dossierAfter([
      ...stepsOneToFour(),
      ...answers(true, false, true, true),
      cmd.recordHelpPlan(),
    ]);
    expect(helpPlanExpected(dossier)).toBe(false);
  });
  test('a help plan from before question 4 was answered does not count', () => {
    const dossier = dossierAfter([
      ...stepsOneToFour(),
      cmd.recordHelpPlan(),
      ...answers(true, false, true, true),
    ]);
    expect(helpPlanExpected(dossier)).toBe(true);
  });
});
