import {
  missingBeforeDecision,
  specificFormsOf,
  stepStatuses,
  veiligThuisAdviceRequired,
  type Command,
  type Step,
  type StepStatus,
} from '../../src/domain';
import { answers, cmd, dossierAfter, stepsOneToFour } from './given';

interface Row {
  name: string;
  given: Command[];
  expect: Partial<Record<Step, StepStatus>>;
}

const rows: Row[] = [
  {
    name: 'a new dossier has no step started',
    given: [],
    expect: {
      signalen: 'niet-gestart',
      consultatie: 'niet-gestart',
      gesprek: 'niet-gestart',
      wegen: 'niet-gestart',
      beslissen: 'niet-gestart',
    },
  },
  { name: 'step 1 is done with one signal', given: [cmd.recordSignal()], expect: { signalen: 'gedaan' } },
  {
    name: 'step 1 is under way with only a contact about the signals',
    given: [cmd.recordContact()],
    expect: { signalen: 'bezig' },
  },
  {
    name: 'step 2 is done with one consultation',
    given: [cmd.recordConsultation()],
    expect: { consultatie: 'gedaan' },
  },
  {
    name: 'step 2 stays under way after the consultation while a specific form waits for Veilig Thuis advice',
    given: [cmd.recordSignal({ specificForms: ['huwelijksdwang'] }), cmd.recordConsultation()],
    expect: { consultatie: 'bezig' },
  },
  {
    name: 'step 2 is done with a consultation and the Veilig Thuis advice a specific form requires',
    given: [
      cmd.recordSignal({ specificForms: ['huwelijksdwang'] }),
      cmd.recordConsultation(),
      cmd.recordVeiligThuisAdvice(),
    ],
    expect: { consultatie: 'gedaan' },
  },
  {
    name: 'step 2 is under way with Veilig Thuis advice but no consultation',
    given: [cmd.recordVeiligThuisAdvice()],
    expect: { consultatie: 'bezig' },
  },
  {
    name: 'step 3 is done when the conversation was held',
    given: [cmd.recordConversation()],
    expect: { gesprek: 'gedaan' },
  },
  {
    name: 'step 3 is skipped when skipped with a reason',
    given: [cmd.skipConversation()],
    expect: { gesprek: 'overgeslagen' },
  },
  {
    name: 'step 3 is done when the conversation was held after all, after being skipped',
    given: [cmd.skipConversation(), cmd.recordConversation()],
    expect: { gesprek: 'gedaan' },
  },
  { name: 'step 4 is done with a weighing', given: [cmd.recordWeighing()], expect: { wegen: 'gedaan' } },
  {
    name: 'step 5 is under way while the afwegingskader has no outcome',
    given: [...stepsOneToFour(), ...answers(true, false)],
    expect: { beslissen: 'bezig' },
  },
  {
    name: 'step 5 is done when the afwegingskader reached an outcome',
    given: [...stepsOneToFour(), ...answers(true, true)],
    expect: { beslissen: 'gedaan' },
  },
  {
    name: 'a correction does not undo the step of the entry it corrects',
    given: [cmd.recordSignal(), cmd.correctEntry({ seq: 2 })],
    expect: { signalen: 'gedaan' },
  },
];

describe('the status of each step follows from the log', () => {
  test.each(rows)('$name', ({ given, expect: expected }) => {
    expect(stepStatuses(dossierAfter(given))).toMatchObject(expected);
  });
});

describe('what is missing before the decision', () => {
  test('everything is missing in a new dossier', () => {
    expect(missingBeforeDecision(dossierAfter([]))).toEqual(['signalen', 'consultatie', 'gesprek', 'wegen']);
  });
  test('nothing is missing when steps 1 to 4 are done, whatever their order', () => {
    expect(missingBeforeDecision(dossierAfter([...stepsOneToFour()].reverse()))).toEqual([]);
  });
  test('a skipped conversation is not missing', () => {
    expect(
      missingBeforeDecision(
        dossierAfter([cmd.recordSignal(), cmd.recordConsultation(), cmd.skipConversation()]),
      ),
    ).toEqual(['wegen']);
  });
});

describe('the specific forms ask for Veilig Thuis advice', () => {
  test('no advice is required without a specific form', () => {
    expect(veiligThuisAdviceRequired(dossierAfter([cmd.recordSignal()]))).toBe(false);
  });
  test('advice is required when a signal names a specific form', () => {
    expect(
      veiligThuisAdviceRequired(dossierAfter([cmd.recordSignal({ specificForms: ['seksueel-misbruik'] })])),
    ).toBe(true);
  });
  test('a signal from a specific form section counts as naming that form', () => {
    const dossier = dossierAfter([cmd.recordSignal({ categories: ['eer-angst-voor-familie', 'somber'] })]);
    expect(specificFormsOf(dossier)).toEqual(['eergerelateerd-geweld']);
  });
  // Issue 10, point 9: the step plan's list of forms says "zoals"; loverboys and trafficking need the
  // same advice.
  test('sexual exploitation asks for Veilig Thuis advice like the other specific forms', () => {
    const dossier = dossierAfter([cmd.recordSignal({ categories: ['su-afwezig-rond-weekend'] })]);
    expect(specificFormsOf(dossier)).toEqual(['seksuele-uitbuiting']);
    expect(veiligThuisAdviceRequired(dossier)).toBe(true);
  });
  test('forms from several signals are gathered once each', () => {
    const dossier = dossierAfter([
      cmd.recordSignal({ specificForms: ['huwelijksdwang', 'achterlating'] }),
      cmd.recordSignal({ categories: ['hd-plotselinge-reis'] }),
    ]);
    expect(specificFormsOf(dossier)).toEqual(['huwelijksdwang', 'achterlating']);
  });
});
