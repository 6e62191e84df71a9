// Issue 10: the meldcode in its hard cases. Each point of the issue is a block of rows of the same
// decision table as decide.test.ts — {given, command, expect}: recorded, refused with its code, or
// refused until the deviation's reason (the warning) is written — plus what the dossier then shows.
// Dossiers are made through decide(), never by hand.

import {
  decide,
  type Command,
  type Decision,
  type Dossier,
  type LogKind,
  type Participant,
  type Refusal,
  type School,
} from '../../src/domain';
import { afwegingskaderState, helpPlanExpected, unsafetyOnRecord } from '../../src/domain/afwegingskader';
import { closingWarnings } from '../../src/domain/closing';
import { confirmerOf, decisionConfirmation } from '../../src/domain/consultation';
import { deviationsOf } from '../../src/domain/deviations';
import { signalenkaart } from '../../src/domain/signalenkaart';
import { stepsAfterAcuteReport } from '../../src/domain/steps';
import {
  TOMORROW,
  answers,
  cmd,
  context,
  coordinator,
  dossierAfter,
  stepsOneToFour,
  type History,
} from './given';

const director: Participant = { id: 'user-director', name: 'Directeur Visser', role: 'beslisser' };
const deputy: Participant = { id: 'user-deputy', name: 'Adjunct De Boer', role: 'beslisser' };

const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: coordinator.id, name: coordinator.name }],
  decisionMaker: { id: director.id, name: director.name },
  deputyDecisionMaker: { id: deputy.id, name: deputy.name },
};
const withoutDeputy: School = { ...school, deputyDecisionMaker: undefined };

interface Row {
  name: string;
  given: Command[];
  history?: History;
  command: Command;
  ctx?: Parameters<typeof context>[0];
  expect: { refusal: Refusal } | { kind: LogKind };
}

function run(row: Row): Decision {
  return decide(
    dossierAfter(row.given, row.history),
    row.command,
    context({ ...row.history?.ctx, ...row.ctx }),
  );
}

function check(row: Row): void {
  const decision = run(row);
  if ('refusal' in row.expect) {
    expect(decision).toEqual({ ok: false, refusal: row.expect.refusal });
    return;
  }
  expect(decision.ok).toBe(true);
  expect(decision.ok && decision.entries.map((e) => e.kind)).toEqual([row.expect.kind]);
}

/** The dossier after the commands, every one recorded (the fixture throws on a refusal). */
const after = (commands: Command[], history?: History): Dossier => dossierAfter(commands, history);

const structural = cmd.recordWeighing({
  structuralUnsafety: true,
  reasoning: 'Herhaald letsel, steeds thuis.',
});
const acute = cmd.recordWeighing({ acuteUnsafety: true, reasoning: 'Leerling durft niet naar huis.' });
const disclosure = cmd.recordSignal({
  categories: ['vertelt-zelf-over-geweld'],
  source: 'verteld-door-leerling',
  description: 'Leerling vertelt dat vader hem slaat als hij te laat thuis is.',
});
const [signal, consultation, conversation] = stepsOneToFour() as [Command, Command, Command, Command];
const q2 = (answer: boolean, deviationReason?: string): Command =>
  cmd.answerAfwegingsvraag({ question: 2, answer, ...(deviationReason ? { deviationReason } : {}) });
const report = (o: Parameters<typeof cmd.recordReport>[0] = {}): Command => cmd.recordReport(o);
const acuteReport = (o: Parameters<typeof cmd.recordReport>[0] = {}): Command =>
  cmd.recordReport({
    acute: true,
    to: '112 (politie)',
    discussedWithParents: 'niet-besproken',
    parentsExceptionReason: 'Acuut gevaar: geen tijd.',
    ...o,
  });

describe('1. acute or structural unsafety does not end in help without a word', () => {
  const rows: Row[] = [
    {
      name: 'question 2 "no" after a weighing of structural unsafety is refused until the deviation is explained',
      given: [signal, consultation, conversation, structural, ...answers(true)],
      command: q2(false),
      expect: { refusal: { code: 'deviationReasonRequired', field: 'deviationReason' } },
    },
    {
      name: 'question 2 "no" after a weighing of acute unsafety is refused until the deviation is explained',
      given: [signal, consultation, conversation, acute, ...answers(true)],
      command: q2(false),
      expect: { refusal: { code: 'deviationReasonRequired', field: 'deviationReason' } },
    },
    {
      name: 'question 2 "no" after the pupil\'s own disclosure is refused until the deviation is explained',
      given: [disclosure, consultation, conversation, cmd.recordWeighing(), ...answers(true)],
      command: q2(false),
      expect: { refusal: { code: 'deviationReasonRequired', field: 'deviationReason' } },
    },
    {
      name: 'question 2 "no" against structural unsafety is recorded with the reason for the deviation',
      given: [signal, consultation, conversation, structural, ...answers(true)],
      command: q2(false, 'Vader is vertrokken; de situatie is sinds de weging veranderd.'),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
    {
      name: 'question 2 "yes" after structural unsafety needs no reason beyond its reasoning',
      given: [signal, consultation, conversation, structural, ...answers(true)],
      command: q2(true),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
    {
      name: 'question 2 "no" after a weighing without unsafety needs no deviation reason',
      given: [...stepsOneToFour(), ...answers(true)],
      command: q2(false),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
    {
      name: 'the latest weighing counts: unsafety weighed again as absent needs no deviation reason',
      given: [signal, consultation, conversation, structural, cmd.recordWeighing(), ...answers(true)],
      command: q2(false),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
  ];
  test.each(rows)('$name', check);

  test('question 2 starts from the latest weighing and the disclosure', () => {
    expect(unsafetyOnRecord(after([structural]))).toEqual({
      acute: false,
      structural: true,
      disclosure: false,
    });
    expect(unsafetyOnRecord(after([structural, cmd.recordWeighing()]))).toEqual({
      acute: false,
      structural: false,
      disclosure: false,
    });
    expect(unsafetyOnRecord(after([disclosure]))).toMatchObject({ disclosure: true });
  });

  test('the answer against the weighing is marked as a deviation, with its reason, for the beslisser', () => {
    const reason = 'Vader is vertrokken; de situatie is sinds de weging veranderd.';
    const dossier = after([
      signal,
      consultation,
      conversation,
      structural,
      ...answers(true),
      q2(false, reason),
    ]);
    expect(deviationsOf(dossier)).toEqual([{ kind: 'unsafetyAnsweredNo', seq: 7, reason }]);
    // Answering question 2 again "yes" takes the deviation off the path.
    expect(
      deviationsOf(
        after([
          signal,
          consultation,
          conversation,
          structural,
          ...answers(true),
          q2(false, reason),
          q2(true),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('2. reporting and helping can both happen', () => {
  const reported = [...stepsOneToFour(), ...answers(true, true), report()];
  const rows: Row[] = [
    {
      name: 'without a report, question 3 does not follow "yes" to question 2',
      given: [...stepsOneToFour(), ...answers(true, true)],
      command: cmd.answerAfwegingsvraag({ question: 3 }),
      expect: { refusal: { code: 'questionOutOfOrder', field: 'question' } },
    },
    {
      name: 'after the report, question 3 is answered (together with Veilig Thuis)',
      given: reported,
      command: cmd.answerAfwegingsvraag({ question: 3, reasoning: 'Met Veilig Thuis: wijkteam kan helpen.' }),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
    {
      name: 'after the report, question 4 follows question 3',
      given: [...reported, cmd.answerAfwegingsvraag({ question: 3 })],
      command: cmd.answerAfwegingsvraag({ question: 4 }),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
    {
      name: 'after the report and help accepted, a help plan is recorded',
      given: [
        ...reported,
        cmd.answerAfwegingsvraag({ question: 3 }),
        cmd.answerAfwegingsvraag({ question: 4 }),
      ],
      command: cmd.recordHelpPlan(),
      expect: { kind: 'helpPlanRecorded' },
    },
    {
      name: 'after the report and help accepted, question 5 follows at the evaluation',
      given: [
        ...reported,
        cmd.answerAfwegingsvraag({ question: 3 }),
        cmd.answerAfwegingsvraag({ question: 4 }),
        cmd.recordHelpPlan(),
      ],
      command: cmd.answerAfwegingsvraag({ question: 5 }),
      expect: { kind: 'afwegingsvraagAnswered' },
    },
  ];
  test.each(rows)('$name', check);

  test('the outcome stays "report" until the help is accepted, then it is help beside the report', () => {
    const helpPossible = after([...reported, cmd.answerAfwegingsvraag({ question: 3 })]);
    expect(afwegingskaderState(helpPossible)).toMatchObject({
      outcome: 'melden',
      nextQuestion: 4,
      helpAfterReport: true,
    });
    const accepted = after([
      ...reported,
      ...[3, 4].map((q) => cmd.answerAfwegingsvraag({ question: q as 3 | 4 })),
    ]);
    expect(afwegingskaderState(accepted)).toMatchObject({ outcome: 'hulp', nextQuestion: 5 });
    expect(helpPlanExpected(accepted)).toBe(true);
  });

  test('a confirmed report is not asked again when question 3 is answered; accepted help is', () => {
    const confirming = decide(
      after(reported, { ctx: { school } }),
      cmd.confirmDecision(),
      context({ actor: director, school }),
    );
    if (!confirming.ok) throw new Error('confirmation refused');
    const confirmed = confirming.dossier;
    const q3 = decide(confirmed, cmd.answerAfwegingsvraag({ question: 3 }), context({ school }));
    expect(q3.ok && q3.effects).toEqual([]);
    expect(q3.ok && decisionConfirmation(q3.dossier).state).toBe('confirmed');
    const q4 = q3.ok
      ? decide(q3.dossier, cmd.answerAfwegingsvraag({ question: 4 }), context({ school }))
      : q3;
    expect(q4.ok && q4.effects).toEqual([{ type: 'askForConfirmation', seq: 11, recipientId: director.id }]);
  });
});

describe('3. the acute route: a report or a 112 call at any time', () => {
  const rows: Row[] = [
    {
      name: 'an acute report is recorded on a dossier with no steps done',
      given: [],
      command: acuteReport(),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'an acute report is recorded after one signal',
      given: [signal],
      command: acuteReport(),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'a report that is not acute still waits for steps 1 to 4',
      given: [signal],
      command: report(),
      expect: { refusal: { code: 'stepsIncomplete', missing: ['consultatie', 'gesprek', 'wegen'] } },
    },
    {
      name: 'an acute report cannot be dated after today',
      given: [],
      command: acuteReport({ on: TOMORROW }),
      expect: { refusal: { code: 'dateInFuture', field: 'on' } },
    },
    {
      name: 'an acute report still answers whether it was discussed, as the age requires',
      given: [],
      command: acuteReport({ discussedWithParents: undefined }),
      expect: { refusal: { code: 'discussionRequired', field: 'discussedWithParents' } },
    },
  ];
  test.each(rows)('$name', check);

  test('the dossier shows which steps were recorded after the report and which are still missing', () => {
    expect(stepsAfterAcuteReport(after([signal, acuteReport()]))).toEqual({
      reportSeq: 3,
      after: [],
      missing: ['consultatie', 'gesprek', 'wegen'],
    });
    expect(stepsAfterAcuteReport(after([signal, acuteReport(), consultation, conversation]))).toEqual({
      reportSeq: 3,
      after: ['consultatie', 'gesprek'],
      missing: ['wegen'],
    });
  });

  test('a report made after steps 1 to 4 is no acute route, even when marked acute', () => {
    expect(stepsAfterAcuteReport(after([...stepsOneToFour(), acuteReport()]))).toBeNull();
    expect(stepsAfterAcuteReport(after([...stepsOneToFour(), ...answers(true, true), report()]))).toBeNull();
  });
});

describe('4. a report that was not discussed beforehand', () => {
  const rows: Row[] = [
    {
      name: '"not discussed" with the parents needs a reason',
      given: stepsOneToFour(),
      command: report({ discussedWithParents: 'niet-besproken' }),
      expect: { refusal: { code: 'reasonRequired', field: 'parentsExceptionReason' } },
    },
    {
      name: '"not discussed" with the pupil needs a reason',
      given: stepsOneToFour(),
      history: { opening: cmd.openDossier({ pupil: { reference: 'AB', group: 'klas 2', age: 13 } }) },
      command: report({ discussedWithPupil: 'niet-besproken' }),
      expect: { refusal: { code: 'reasonRequired', field: 'pupilExceptionReason' } },
    },
    {
      name: 'a report not discussed with the parents is recorded with its reason (the right to report)',
      given: stepsOneToFour(),
      command: report({
        discussedWithParents: 'niet-besproken',
        parentsExceptionReason: 'Geen gelegenheid gehad.',
      }),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'a report of which the parents were informed beforehand (not discussed) is recorded',
      given: stepsOneToFour(),
      command: report({
        discussedWithParents: 'geinformeerd',
        parentsReaction: 'Moeder werd boos en hing op.',
      }),
      expect: { kind: 'reportRecorded' },
    },
  ];
  test.each(rows)('$name', check);

  test('"not discussed" is a deviation for the beslisser; "informed" and the reactions are kept, no deviation', () => {
    const notDiscussed = after([
      ...stepsOneToFour(),
      report({ discussedWithParents: 'niet-besproken', parentsExceptionReason: 'Geen gelegenheid gehad.' }),
    ]);
    expect(deviationsOf(notDiscussed)).toEqual([
      { kind: 'reportNotDiscussed', seq: 6, with: 'parents', reason: 'Geen gelegenheid gehad.' },
    ]);
    const informed = after([
      ...stepsOneToFour(),
      report({
        discussedWithParents: 'geinformeerd',
        parentsReaction: 'Moeder werd boos en hing op.',
        pupilReaction: 'Opgelucht.',
      }),
    ]);
    expect(deviationsOf(informed)).toEqual([]);
    expect(informed.log.at(-1)?.data).toMatchObject({
      discussedWithParents: 'geinformeerd',
      parentsReaction: 'Moeder werd boos en hing op.',
      pupilReaction: 'Opgelucht.',
    });
  });
});

describe('5. alsnog melden: another report after a reopening or a later outcome "report"', () => {
  const reported = [...stepsOneToFour(), ...answers(true, true), report()];
  const rows: Row[] = [
    {
      name: 'a second report on the same decision is refused',
      given: reported,
      command: report(),
      expect: { refusal: { code: 'alreadyReported' } },
    },
    {
      name: 'after a reopening, a new report is recorded',
      given: [...reported, cmd.closeDossier({ reason: 'gemeld-overgedragen' }), cmd.reopenDossier()],
      command: report(),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'when the help after the report brings no lasting safety (question 5 "no"), a new report is recorded',
      given: [
        ...reported,
        ...[3, 4].map((q) => cmd.answerAfwegingsvraag({ question: q as 3 | 4 })),
        cmd.recordHelpPlan(),
        cmd.answerAfwegingsvraag({ question: 5, answer: false, reasoning: 'Geweld gaat door.' }),
      ],
      command: report(),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'after an acute report, the afwegingskader\'s later outcome "report" allows the report of the full case',
      given: [acuteReport(), ...stepsOneToFour(), ...answers(true, true)],
      command: report(),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'after an acute report, no second report while the afwegingskader has not led to one',
      given: [acuteReport(), ...stepsOneToFour()],
      command: report(),
      expect: { refusal: { code: 'alreadyReported' } },
    },
  ];
  test.each(rows)('$name', check);
});

describe('6. nobody confirms their own decision', () => {
  const decided = [...stepsOneToFour(), ...answers(true, true)];
  const ownerDirector: History = {
    ctx: { actor: { ...director, role: 'eigenaar' }, school },
  };
  const rows: Row[] = [
    {
      name: 'the beslisser confirms a decision someone else took',
      given: decided,
      command: cmd.confirmDecision(),
      ctx: { actor: director, school },
      expect: { kind: 'decisionConfirmed' },
    },
    {
      name: 'the beslisser who owns the dossier cannot confirm its decision',
      given: decided,
      history: ownerDirector,
      command: cmd.confirmDecision(),
      ctx: { actor: director, school },
      expect: { refusal: { code: 'ownDecision' } },
    },
    {
      name: 'the deputy beslisser confirms the decision of the beslisser who owns the dossier',
      given: decided,
      history: ownerDirector,
      command: cmd.confirmDecision(),
      ctx: { actor: deputy, school },
      expect: { kind: 'decisionConfirmed' },
    },
    {
      name: 'the deputy beslisser can also send it back',
      given: decided,
      history: ownerDirector,
      command: cmd.sendBackDecision(),
      ctx: { actor: deputy, school },
      expect: { kind: 'decisionSentBack' },
    },
    {
      name: 'the deputy does not confirm a decision the beslisser did not take',
      given: decided,
      command: cmd.confirmDecision(),
      ctx: { actor: deputy, school },
      expect: { refusal: { code: 'onlyConfirmer' } },
    },
    {
      name: 'without a deputy, the beslisser still cannot confirm their own decision',
      given: decided,
      history: { ctx: { actor: { ...director, role: 'eigenaar' }, school: withoutDeputy } },
      command: cmd.confirmDecision(),
      ctx: { actor: director, school: withoutDeputy },
      expect: { refusal: { code: 'ownDecision' } },
    },
    {
      name: 'a zorgcoördinator cannot confirm',
      given: decided,
      command: cmd.confirmDecision(),
      ctx: { actor: coordinator, school },
      expect: { refusal: { code: 'onlyConfirmer' } },
    },
  ];
  test.each(rows)('$name', check);

  test('a beslisser who answered question 2 is one of the deciders; the deputy confirms', () => {
    const base = after(stepsOneToFour(), { ctx: { school } });
    const q1 = decide(base, cmd.answerAfwegingsvraag(), context({ school }));
    const q2byDirector = q1.ok ? decide(q1.dossier, q2(true), context({ actor: director, school })) : q1;
    if (!q2byDirector.ok) throw new Error('refused');
    expect(confirmerOf(q2byDirector.dossier, school)?.id).toBe(deputy.id);
    expect(q2byDirector.effects).toEqual([{ type: 'askForConfirmation', seq: 7, recipientId: deputy.id }]);
    expect(decide(q2byDirector.dossier, cmd.confirmDecision(), context({ actor: director, school }))).toEqual(
      {
        ok: false,
        refusal: { code: 'ownDecision' },
      },
    );
  });

  test('the confirmation card goes to the beslisser, or to the deputy when the beslisser decided, or to nobody', () => {
    const last = (commands: Command[], ctx: Parameters<typeof context>[0]): Decision => {
      const before = after(commands.slice(0, -1), { ctx });
      return decide(before, commands.at(-1) as Command, context(ctx));
    };
    expect(last(decided, { school }).ok && last(decided, { school })).toMatchObject({
      effects: [{ type: 'askForConfirmation', recipientId: director.id }],
    });
    const byDirector = last(decided, { actor: { ...director, role: 'eigenaar' }, school });
    expect(byDirector.ok && byDirector.effects).toEqual([
      { type: 'askForConfirmation', seq: 7, recipientId: deputy.id },
    ]);
    const noDeputy = last(decided, { actor: { ...director, role: 'eigenaar' }, school: withoutDeputy });
    expect(noDeputy.ok && noDeputy.effects).toEqual([]);
    expect(noDeputy.ok && decisionConfirmation(noDeputy.dossier).state).toBe('waiting');
    expect(noDeputy.ok && confirmerOf(noDeputy.dossier, withoutDeputy)).toBeUndefined();
  });
});

describe('7. closing reasons are checked against the outcome and the entries', () => {
  const reportOutcome = [...stepsOneToFour(), ...answers(true, true)];
  const rows: Row[] = [
    {
      name: '"unfounded" while the afwegingskader led to a report is refused without a reason to override',
      given: reportOutcome,
      command: cmd.closeDossier({ reason: 'ongegrond' }),
      expect: { refusal: { code: 'closingReasonDoesNotFit', field: 'overrideReason' } },
    },
    {
      name: '"unfounded" with a report on record is refused without a reason to override',
      given: [acuteReport()],
      command: cmd.closeDossier({ reason: 'ongegrond' }),
      expect: { refusal: { code: 'closingReasonDoesNotFit', field: 'overrideReason' } },
    },
    {
      name: '"unfounded" against the outcome is recorded with a reason to override',
      given: reportOutcome,
      command: cmd.closeDossier({
        reason: 'ongegrond',
        overrideReason: 'Beslisser stuurde terug; nieuw onderzoek wees niets uit.',
      }),
      expect: { kind: 'dossierClosed' },
    },
    {
      name: '"unfounded" after question 1 "no" fits',
      given: [...stepsOneToFour(), ...answers(false)],
      command: cmd.closeDossier({ reason: 'ongegrond' }),
      expect: { kind: 'dossierClosed' },
    },
    {
      name: '"reported" with no report recorded is refused without a reason to override',
      given: reportOutcome,
      command: cmd.closeDossier({ reason: 'gemeld-overgedragen' }),
      expect: { refusal: { code: 'closingReasonDoesNotFit', field: 'overrideReason' } },
    },
    {
      name: '"reported" with a report recorded fits',
      given: [...reportOutcome, report()],
      command: cmd.closeDossier({ reason: 'gemeld-overgedragen' }),
      expect: { kind: 'dossierClosed' },
    },
    {
      name: '"help organised" with no help plan is refused without a reason to override',
      given: [...stepsOneToFour(), ...answers(true, false, true, true)],
      command: cmd.closeDossier({ reason: 'hulp-georganiseerd' }),
      expect: { refusal: { code: 'closingReasonDoesNotFit', field: 'overrideReason' } },
    },
    {
      name: '"help organised" with a help plan fits',
      given: [...stepsOneToFour(), ...answers(true, false, true, true), cmd.recordHelpPlan()],
      command: cmd.closeDossier({ reason: 'hulp-georganiseerd' }),
      expect: { kind: 'dossierClosed' },
    },
    {
      name: '"pupil left" always fits',
      given: reportOutcome,
      command: cmd.closeDossier({ reason: 'leerling-vertrokken' }),
      expect: { kind: 'dossierClosed' },
    },
  ];
  test.each(rows)('$name', check);

  test('the close card reads the warnings per reason; an override is a deviation for the beslisser', () => {
    const dossier = after(reportOutcome);
    expect(closingWarnings(dossier, 'ongegrond')).toEqual(['unfoundedAfterReportOrHelp']);
    expect(closingWarnings(dossier, 'gemeld-overgedragen')).toEqual(['reportedWithoutReport']);
    expect(closingWarnings(dossier, 'hulp-georganiseerd')).toEqual(['helpWithoutPlan']);
    expect(closingWarnings(dossier, 'leerling-vertrokken')).toEqual([]);
    const closed = after([
      ...reportOutcome,
      cmd.closeDossier({ reason: 'ongegrond', overrideReason: 'Nieuw onderzoek.' }),
    ]);
    expect(deviationsOf(closed)).toEqual([
      { kind: 'closedDespiteWarning', seq: 8, reason: 'Nieuw onderzoek.' },
    ]);
  });
});

describe('8. the parents at the report in honour-based violence, forced marriage and abandonment', () => {
  const honour = cmd.recordSignal({ specificForms: ['eergerelateerd-geweld'] });
  const steps = [honour, consultation, cmd.recordVeiligThuisAdvice(), conversation, cmd.recordWeighing()];
  const rows: Row[] = [
    {
      name: 'a report discussed with the parents is refused with the warning when honour-based violence is suspected',
      given: steps,
      command: report({ discussedWithParents: 'ja' }),
      expect: { refusal: { code: 'parentsNotToBeConfronted', field: 'discussedWithParents' } },
    },
    {
      name: 'informing the parents beforehand is refused with the same warning',
      given: steps,
      command: report({ discussedWithParents: 'geinformeerd' }),
      expect: { refusal: { code: 'parentsNotToBeConfronted', field: 'discussedWithParents' } },
    },
    {
      name: 'the safety exception is recorded, not discussing it with the parents',
      given: steps,
      command: report({
        discussedWithParents: 'uitzondering',
        parentsException: 'veiligheid-in-het-geding',
        parentsExceptionReason: 'Eergerelateerd geweld: de ouders inlichten brengt de leerling in gevaar.',
      }),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'going ahead despite the warning needs a reason',
      given: steps,
      command: report({ discussedWithParents: 'ja', parentsDespiteWarning: true }),
      expect: { refusal: { code: 'reasonRequired', field: 'parentsDespiteWarningReason' } },
    },
    {
      name: 'going ahead despite the warning is recorded with its reason',
      given: steps,
      command: report({
        discussedWithParents: 'ja',
        parentsDespiteWarning: true,
        parentsDespiteWarningReason: 'Veilig Thuis adviseerde de moeder in te lichten.',
      }),
      expect: { kind: 'reportRecorded' },
    },
    {
      name: 'in sexual abuse the report is discussed with the parents as usual',
      given: [cmd.recordSignal({ specificForms: ['seksueel-misbruik'] }), ...steps.slice(1)],
      command: report({ discussedWithParents: 'ja' }),
      expect: { kind: 'reportRecorded' },
    },
  ];
  test.each(rows)('$name', check);
});

describe('9. smaller rules: a category, sexual exploitation, the signal list for 4 to 12', () => {
  const rows: Row[] = [
    {
      name: 'a signal without a category is refused',
      given: [],
      command: cmd.recordSignal({ categories: [] }),
      expect: { refusal: { code: 'categoryRequired', field: 'categories' } },
    },
    {
      name: 'a signal that points the other way may have no category',
      given: [],
      command: cmd.recordSignal({ categories: [], pointsOtherWay: true }),
      expect: { kind: 'signalRecorded' },
    },
    {
      name: 'a report on sexual exploitation waits for the advice of Veilig Thuis',
      given: [
        cmd.recordSignal({ specificForms: ['seksuele-uitbuiting'] }),
        consultation,
        conversation,
        cmd.recordWeighing(),
      ],
      command: report(),
      expect: { refusal: { code: 'stepsIncomplete', missing: ['consultatie'] } },
    },
    {
      name: 'a signal from the loverboy section asks for the same advice',
      given: [
        cmd.recordSignal({ categories: ['su-cadeaus-geld-of-telefoons'] }),
        consultation,
        conversation,
        cmd.recordWeighing(),
      ],
      command: report(),
      expect: { refusal: { code: 'stepsIncomplete', missing: ['consultatie'] } },
    },
    {
      name: 'a report on sexual exploitation is recorded after the advice of Veilig Thuis',
      given: [
        cmd.recordSignal({ specificForms: ['seksuele-uitbuiting'] }),
        consultation,
        cmd.recordVeiligThuisAdvice(),
        conversation,
        cmd.recordWeighing(),
      ],
      command: report(),
      expect: { kind: 'reportRecorded' },
    },
  ];
  test.each(rows)('$name', check);

  test('the list for 4 to 12 has hunger, absence or lateness, picked up late, parents unreachable, and disclosure', () => {
    const all = signalenkaart('4-12').categories.flatMap((c) => c.signals);
    expect(all).toEqual(
      expect.arrayContaining([
        'komt-met-honger-op-school',
        'vaak-afwezig-of-te-laat',
        'laat-of-niet-opgehaald',
        'ouders-onbereikbaar',
        'vertelt-zelf-over-geweld',
      ]),
    );
    expect(signalenkaart('12-18').categories.flatMap((c) => c.signals)).toContain('vertelt-zelf-over-geweld');
  });
});
