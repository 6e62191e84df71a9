// Issue 10, points 2 and 3, in the reminder rules: the help agreed with Veilig Thuis after a report
// has its evaluation reminder like any help plan, and after an acute report the owner is reminded to
// complete the steps recorded after it. The clock is passed in; dossiers are made through decide().

import {
  decide,
  scheduleOf,
  type Command,
  type Dossier,
  type PendingReminder,
  type School,
} from '../../src/domain';
import { answers, cmd, context, owner, stepsOneToFour } from './given';

const SCHOOL: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-directeur', name: 'Mevrouw de Boer' },
};

/** Tuesday 10 March 2026, 11:00 in Amsterdam (UTC+1). */
const OPENED = '2026-03-10T10:00:00.000Z';

function actAll(commands: Command[], when = OPENED, start?: Dossier): Dossier {
  return commands.reduce<Dossier | undefined>((dossier, command) => {
    const decision = decide(dossier, command, context({ actor: owner, now: new Date(when) }));
    if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.refusal)}`);
    return decision.dossier;
  }, start) as Dossier;
}

const summary = (pending: PendingReminder[]) =>
  pending.map((r) => ({ kind: r.kind, to: r.recipient.id, step: r.step, dueAt: r.dueAt }));

const acuteReport = cmd.recordReport({
  acute: true,
  to: 'Veilig Thuis',
  discussedWithParents: 'uitzondering',
  parentsException: 'veiligheid-in-het-geding',
  parentsExceptionReason: 'Leerling durfde niet naar huis; direct gebeld.',
});

describe('after an acute report the owner is reminded to complete the steps', () => {
  const acute = (): Dossier => actAll([cmd.openDossier(), cmd.recordSignal(), acuteReport]);

  test('the next working day, about the first step still missing, beside the report feedback', () => {
    expect(summary(scheduleOf(acute(), SCHOOL, new Date(OPENED)).pending)).toEqual([
      { kind: 'stepsAfterReport', to: owner.id, step: 'consultatie', dueAt: '2026-03-11T10:00:00.000Z' },
      { kind: 'reportFeedback', to: owner.id, step: 'beslissen', dueAt: '2026-03-18T07:00:00.000Z' },
    ]);
  });

  test('the reminder names the next missing step once one is recorded after the report', () => {
    const later = actAll([cmd.recordConsultation()], OPENED, acute());
    expect(scheduleOf(later, SCHOOL, new Date(OPENED)).pending[0]).toMatchObject({
      kind: 'stepsAfterReport',
      step: 'gesprek',
    });
  });

  test('is no longer owed once steps 1 to 4 are all recorded', () => {
    const complete = actAll(stepsOneToFour().slice(1), OPENED, acute());
    expect(scheduleOf(complete, SCHOOL, new Date(OPENED)).pending.map((r) => r.kind)).toEqual([
      'reportFeedback',
    ]);
  });

  test('an ordinary report after steps 1 to 4 owes no such reminder', () => {
    const ordinary = actAll([
      cmd.openDossier(),
      ...stepsOneToFour(),
      ...answers(true, true),
      cmd.recordReport(),
    ]);
    expect(scheduleOf(ordinary, SCHOOL, new Date(OPENED)).pending.map((r) => r.kind)).toEqual([
      'reportFeedback',
    ]);
  });
});

describe('the help agreed with Veilig Thuis after a report has its evaluation reminder', () => {
  const helpAfterReport = (): Dossier =>
    actAll([
      cmd.openDossier(),
      ...stepsOneToFour(),
      ...answers(true, true),
      cmd.recordReport(),
      cmd.recordReportFeedback({ feedback: 'Veilig Thuis: school en wijkteam bieden hulp, wij volgen.' }),
      cmd.answerAfwegingsvraag({ question: 3, reasoning: 'Met Veilig Thuis afgesproken: wijkteam.' }),
      cmd.answerAfwegingsvraag({ question: 4, reasoning: 'Ouders stemmen in.' }),
      cmd.recordHelpPlan({ followUpOn: '2026-04-15' }),
    ]);

  test('reminds the owner and the zorgcoördinator on the evaluation date', () => {
    expect(summary(scheduleOf(helpAfterReport(), SCHOOL, new Date(OPENED)).pending)).toEqual([
      { kind: 'helpFollowUp', to: 'user-ib', step: 'beslissen', dueAt: '2026-04-15T06:00:00.000Z' },
      { kind: 'helpFollowUp', to: owner.id, step: 'beslissen', dueAt: '2026-04-15T06:00:00.000Z' },
    ]);
  });

  test('is no longer owed once question 5 is answered at the evaluation', () => {
    const evaluated = actAll(
      [cmd.answerAfwegingsvraag({ question: 5, answer: true, reasoning: 'Het gaat goed.' })],
      '2026-04-15T08:00:00.000Z',
      helpAfterReport(),
    );
    expect(
      scheduleOf(evaluated, SCHOOL, new Date('2026-04-15T08:00:00.000Z')).pending.map((r) => r.kind),
    ).toEqual(['stalledStep']);
  });
});
