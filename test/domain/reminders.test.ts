// The reminder rules with a fake clock: every moment is passed in, so each test says exactly when
// things happen. Tuesday 10 March 2026 is winter time (Amsterdam = UTC+1); from 29 March summer time
// (UTC+2). Dossiers are made through decide(); the consultation entries are appended by hand in the
// shape consultation.ts reads, so these tests do not depend on that flow's guards.

import {
  DEFAULT_REMINDER_SETTINGS,
  claimReminders,
  decide,
  dueReminders,
  nextReminderOf,
  recordDeliveries as recordDeliveriesChange,
  reminderSentData,
  reminderSettingsOf,
  reminderSettingsSchema,
  scheduleOf,
  snoozeReminder as snoozeChange,
  weeklyOverview,
  weeklyOverviewDue,
  weeklyOverviewMoment,
  withNextReminder,
  withWorkingCalendar,
  workingCalendarOf,
  type Participant,
  type Command,
  type Delivery,
  type Dossier,
  type LogEntry,
  type PendingReminder,
  type ReminderSettings,
  type School,
} from '../../src/domain';
import { withNextDue } from '../../src/domain/next-due';
import { WorkingCalendar } from '../../src/domain/working-time';
import { answers, cmd, context, coordinator, owner, stepsOneToFour } from './given';

const SCHOOL: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-directeur', name: 'Mevrouw de Boer' },
};
const decisionMaker: Participant = { id: 'user-directeur', name: 'Mevrouw de Boer', role: 'beslisser' };

const TWO_COORDINATORS: School = {
  ...SCHOOL,
  coordinators: [...SCHOOL.coordinators, { id: 'user-ib-2', name: 'Mevrouw Smit' }],
};
const schoolWith = (reminders: Partial<ReminderSettings>): School => ({ ...SCHOOL, reminders });
const at = (iso: string): Date => new Date(iso);

/** Tuesday 10 March 2026, 11:00 in Amsterdam. */
const OPENED = '2026-03-10T10:00:00.000Z';

function opened(when = OPENED): Dossier {
  return act(undefined, cmd.openDossier(), when);
}

function act(
  dossier: Dossier | undefined,
  command: Command,
  when: string,
  actor: Participant = owner,
): Dossier {
  const decision = decide(dossier, command, context({ actor, now: at(when) }));
  if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.refusal)}`);
  return decision.dossier;
}

function actAll(dossier: Dossier, commands: Command[], when: string): Dossier {
  return commands.reduce((d, command) => act(d, command, when), dossier);
}

/** An entry no command writes yet (consultation requests); appended as the app would. */
function append(
  dossier: Dossier,
  kind: LogEntry['kind'],
  when: string,
  data: Record<string, unknown> = {},
): Dossier {
  // Only the fields the reminder rules read; the rest of the entry's data does not matter here.
  const entry = {
    seq: (dossier.log.at(-1)?.seq ?? 0) + 1,
    at: when,
    authorId: owner.id,
    authorName: owner.name,
    role: 'eigenaar',
    kind,
    data,
  } as LogEntry;
  return { ...dossier, updatedAt: when, log: [...dossier.log, entry] };
}

/** recordDeliveries as the write path saves it: the change, then the dossier's next due moment. */
function recordDeliveries(...args: Parameters<typeof recordDeliveriesChange>): Dossier {
  const change = recordDeliveriesChange(...args);
  if (!change.ok) throw new Error(`recordDeliveries refused: ${change.refusal.code}`);
  return withNextDue(change.dossier, args[1], args[3]);
}

/** snoozeReminder as the write path saves it, with the entry it appended. */
function snoozeReminder(...args: Parameters<typeof snoozeChange>) {
  const change = snoozeChange(...args);
  if (!change.ok) return change;
  return {
    ok: true as const,
    dossier: withNextDue(change.dossier, args[1], args[3]),
    entry: change.entries[0] ?? null,
    duplicate: change.duplicate,
  };
}

/** What the scheduler does, without a store: claim what is due and record the given outcome. */
function deliver(
  dossier: Dossier,
  now: string,
  outcome: (r: PendingReminder) => Delivery = (r) => ({ reminder: r, outcome: 'sent' }),
  school: School = SCHOOL,
): Dossier {
  const due = dueReminders(dossier, school, at(now));
  const claimed = claimReminders(
    dossier,
    { token: 'claim-1', until: new Date(at(now).getTime() + 300_000) },
    due,
  );
  return recordDeliveries(claimed, school, { token: 'claim-1', deliveries: due.map(outcome) }, at(now));
}

const summary = (reminders: PendingReminder[]) =>
  reminders.map((r) => ({ kind: r.kind, to: r.recipient.id, dueAt: r.dueAt }));

const sentEntries = (dossier: Dossier) => dossier.log.flatMap((e) => reminderSentData(e) ?? []);

describe('a step without activity (stalledStep)', () => {
  it('reminds the owner ten working days after the last activity, in the step to do next', () => {
    const schedule = scheduleOf(opened(), SCHOOL, at(OPENED));
    expect(summary(schedule.pending)).toEqual([
      { kind: 'stalledStep', to: 'user-owner', dueAt: '2026-03-24T10:00:00.000Z' },
    ]);
    expect(schedule.pending[0]?.step).toBe('signalen');
    expect(schedule.nextAt).toBe('2026-03-24T10:00:00.000Z');
    expect(schedule.next).toEqual(schedule.pending);
  });

  it('is not due a minute early, and due on the minute', () => {
    const dossier = opened();
    expect(dueReminders(dossier, SCHOOL, at('2026-03-24T09:59:00Z'))).toEqual([]);
    expect(summary(dueReminders(dossier, SCHOOL, at('2026-03-24T10:00:00Z')))).toEqual([
      { kind: 'stalledStep', to: 'user-owner', dueAt: '2026-03-24T10:00:00.000Z' },
    ]);
  });

  it('starts counting again at every activity, and names the step that is next', () => {
    const dossier = act(opened(), cmd.recordSignal(), '2026-03-12T08:00:00.000Z');
    const [stalled] = scheduleOf(dossier, SCHOOL, at('2026-03-12T08:00:00Z')).pending;
    expect(stalled?.dueAt).toBe('2026-03-26T08:00:00.000Z');
    expect(stalled?.step).toBe('consultatie');
  });

  it('moves a reminder that would fall in the evening to the next morning (and into summer time)', () => {
    // Friday 13 March 20:00 + 10 working days = Friday 27 March 20:00 → Monday 30 March 08:00 (UTC+2).
    const dossier = act(opened(), cmd.recordNote(), '2026-03-13T19:00:00.000Z');
    expect(scheduleOf(dossier, SCHOOL, at('2026-03-13T19:00:00Z')).pending[0]?.dueAt).toBe(
      '2026-03-30T06:00:00.000Z',
    );
  });

  it('does not count the days of a school holiday', () => {
    const school = schoolWith({ holidays: [{ from: '2026-03-16', to: '2026-03-20', name: 'studieweek' }] });
    expect(scheduleOf(opened(), school, at(OPENED)).pending[0]?.dueAt).toBe('2026-03-31T09:00:00.000Z');
  });

  it('takes the period from the school’s settings', () => {
    const school = schoolWith({ stalledStepWorkingDays: 3 });
    expect(scheduleOf(opened(), school, at(OPENED)).pending[0]?.dueAt).toBe('2026-03-13T10:00:00.000Z');
  });

  it('repeats ten working days after the reminder when still nothing happens, with a new key', () => {
    const once = deliver(opened(), '2026-03-24T10:00:00.000Z');
    const [first] = sentEntries(once);
    const [again] = scheduleOf(once, SCHOOL, at('2026-03-24T10:00:00Z')).pending;
    expect(first).toMatchObject({ kind: 'stalledStep', recipientId: 'user-owner', outcome: 'sent' });
    expect(again?.kind).toBe('stalledStep');
    expect(again?.dueAt).toBe('2026-04-07T09:00:00.000Z'); // 11:00 Amsterdam, now summer time
    expect(again?.key).not.toBe(first?.key);
  });

  it('rests while the dossier waits for something with its own reminder', () => {
    const dossier = append(opened(), 'consultationRequested', OPENED, { coordinatorId: 'user-ib' });
    const kinds = scheduleOf(dossier, SCHOOL, at(OPENED)).pending.map((r) => r.kind);
    expect(kinds).not.toContain('stalledStep');
  });
});

describe('a consultation not accepted', () => {
  // As consultation.ts reads them: the request names the zorgcoördinator asked; the answers name
  // the request by its sequence number.
  const requested = (
    data: Record<string, unknown> = { coordinatorId: 'user-ib', question: 'Wat vind jij?' },
  ) => append(opened(), 'consultationRequested', '2026-03-10T12:00:00.000Z', data);
  const answered = (kind: LogEntry['kind'], dossier = requested()): Dossier =>
    append(dossier, kind, '2026-03-11T09:00:00.000Z', { consultationId: dossier.log.at(-1)?.seq });

  it('reminds the zorgcoördinator after three working days and the beslisser two working days later', () => {
    expect(summary(scheduleOf(requested(), SCHOOL, at(OPENED)).pending)).toEqual([
      { kind: 'consultationNotAccepted', to: 'user-ib', dueAt: '2026-03-13T12:00:00.000Z' },
      { kind: 'consultationEscalation', to: 'user-directeur', dueAt: '2026-03-17T12:00:00.000Z' },
    ]);
  });

  it('reminds the zorgcoördinator the request was sent to', () => {
    const other = requested({ coordinatorId: 'user-ib-2', question: 'Wat vind jij?' });
    expect(scheduleOf(other, TWO_COORDINATORS, at(OPENED)).pending[0]?.recipient).toEqual({
      id: 'user-ib-2',
      role: 'zorgcoordinator',
    });
  });

  it('reminds the school’s zorgcoördinator instead of one taken out of the settings', () => {
    const other = requested({ coordinatorId: 'user-ib-2', question: 'Wat vind jij?' });
    expect(scheduleOf(other, SCHOOL, at(OPENED)).pending[0]?.recipient).toEqual({
      id: 'user-ib',
      role: 'zorgcoordinator',
    });
  });

  it('keeps each open request apart: two requests, two pairs of reminders', () => {
    const twice = append(requested(), 'consultationRequested', '2026-03-11T12:00:00.000Z', {
      coordinatorId: 'user-ib-2',
      question: 'En jij?',
    });
    expect(
      summary(scheduleOf(twice, TWO_COORDINATORS, at(OPENED)).pending).map((r) => [r.kind, r.to]),
    ).toEqual([
      ['consultationNotAccepted', 'user-ib'],
      ['consultationNotAccepted', 'user-ib-2'],
      ['consultationEscalation', 'user-directeur'],
      ['consultationEscalation', 'user-directeur'],
    ]);
  });

  it.each(['consultationAccepted', 'consultationDeclined', 'consultationAdviceRecorded'] as const)(
    'stops once the request is answered (%s), and the owner’s step reminder takes over',
    (kind) => {
      expect(summary(scheduleOf(answered(kind), SCHOOL, at('2026-03-11T09:00:00Z')).pending)).toEqual([
        { kind: 'stalledStep', to: 'user-owner', dueAt: '2026-03-25T09:00:00.000Z' },
      ]);
    },
  );

  it('is not stopped by an answer to another request', () => {
    const other = append(requested(), 'consultationAccepted', '2026-03-11T09:00:00.000Z', {
      consultationId: 99,
    });
    expect(scheduleOf(other, SCHOOL, at(OPENED)).pending.map((r) => r.kind)).toEqual([
      'consultationNotAccepted',
      'consultationEscalation',
    ]);
  });

  it('escalates once, and after that the step reminder resumes from the escalation', () => {
    const toCoordinator = deliver(requested(), '2026-03-13T12:00:00.000Z');
    const toDecisionMaker = deliver(toCoordinator, '2026-03-17T12:00:00.000Z');
    expect(sentEntries(toDecisionMaker).map((s) => [s.kind, s.recipientId])).toEqual([
      ['consultationNotAccepted', 'user-ib'],
      ['consultationEscalation', 'user-directeur'],
    ]);
    expect(summary(scheduleOf(toDecisionMaker, SCHOOL, at('2026-03-17T12:00:00Z')).pending)).toEqual([
      { kind: 'stalledStep', to: 'user-owner', dueAt: '2026-03-31T11:00:00.000Z' },
    ]);
  });
});

describe('the follow-up date of a help plan', () => {
  const withHelpPlan = (followUpOn: string): Dossier =>
    actAll(
      opened(),
      [...stepsOneToFour(), ...answers(true, false, true, true), cmd.recordHelpPlan({ followUpOn })],
      OPENED,
    );

  it('shows on the dossier card when the next reminder goes out and to whom, by name', () => {
    expect(nextReminderOf(withHelpPlan('2026-04-15'), SCHOOL, at(OPENED))).toEqual({
      at: '2026-04-15T06:00:00.000Z',
      reminders: [
        {
          kind: 'helpFollowUp',
          step: 'beslissen',
          recipient: { id: 'user-ib', role: 'zorgcoordinator', name: 'Meneer Bakker' },
        },
        {
          kind: 'helpFollowUp',
          step: 'beslissen',
          recipient: { id: 'user-owner', role: 'eigenaar', name: 'Mevrouw Jansen' },
        },
      ],
    });
    expect(nextReminderOf(act(opened(), cmd.closeDossier(), OPENED), SCHOOL, at(OPENED))).toBeNull();
  });

  it('reminds the owner and the zorgcoördinator at the opening of that day to answer question 5', () => {
    const schedule = scheduleOf(withHelpPlan('2026-04-15'), SCHOOL, at(OPENED));
    expect(summary(schedule.pending)).toEqual([
      { kind: 'helpFollowUp', to: 'user-ib', dueAt: '2026-04-15T06:00:00.000Z' },
      { kind: 'helpFollowUp', to: 'user-owner', dueAt: '2026-04-15T06:00:00.000Z' },
    ]);
    expect(schedule.pending.map((r) => r.step)).toEqual(['beslissen', 'beslissen']);
    expect(schedule.next.map((r) => r.recipient.role).sort()).toEqual(['eigenaar', 'zorgcoordinator']);
  });

  it('waits for the end of a holiday when the follow-up date falls in it', () => {
    const school = schoolWith({ holidays: [{ from: '2026-04-27', to: '2026-05-08' }] });
    expect(scheduleOf(withHelpPlan('2026-04-28'), school, at(OPENED)).pending[0]?.dueAt).toBe(
      '2026-05-11T06:00:00.000Z',
    );
  });

  it('is not sent once question 5 is answered', () => {
    const answered = act(
      withHelpPlan('2026-04-15'),
      cmd.answerAfwegingsvraag({ question: 5, answer: true }),
      '2026-04-14T08:00:00.000Z',
    );
    const kinds = scheduleOf(answered, SCHOOL, at('2026-04-14T08:00:00Z')).pending.map((r) => r.kind);
    expect(kinds).toEqual(['stalledStep']);
  });

  it('keeps the step reminder quiet during the help period', () => {
    const kinds = scheduleOf(withHelpPlan('2026-06-15'), SCHOOL, at(OPENED)).pending.map((r) => r.kind);
    expect(kinds).toEqual(['helpFollowUp', 'helpFollowUp']);
  });
});

describe('a report made to Veilig Thuis', () => {
  const reported = (): Dossier =>
    actAll(
      opened(),
      [...stepsOneToFour(), ...answers(true, true), cmd.recordReport({ on: '2026-03-10' })],
      OPENED,
    );

  it('asks the owner for Veilig Thuis’s feedback after five full working days', () => {
    expect(summary(scheduleOf(reported(), SCHOOL, at(OPENED)).pending)).toEqual([
      { kind: 'reportFeedback', to: 'user-owner', dueAt: '2026-03-18T07:00:00.000Z' },
    ]);
  });

  it('takes the number of working days from the school', () => {
    const school = schoolWith({ reportFeedbackWorkingDays: 2 });
    expect(scheduleOf(reported(), school, at(OPENED)).pending[0]?.dueAt).toBe('2026-03-13T07:00:00.000Z');
  });

  it('is not sent once the feedback is recorded', () => {
    const feedback = act(
      reported(),
      cmd.recordReportFeedback({ on: '2026-03-16' }),
      '2026-03-16T10:00:00.000Z',
    );
    expect(scheduleOf(feedback, SCHOOL, at('2026-03-16T10:00:00Z')).pending.map((r) => r.kind)).toEqual([
      'stalledStep',
    ]);
  });
});

describe('working time', () => {
  const overdue = opened(); // its reminder fell due on Tuesday 24 March, 11:00

  it.each([
    ['at night', '2026-03-25T01:00:00Z'],
    ['before school opens', '2026-03-25T06:30:00Z'],
    ['after school closes', '2026-03-25T16:30:00Z'],
    ['on a Saturday', '2026-03-28T10:00:00Z'],
    ['on a Sunday', '2026-03-29T10:00:00Z'],
  ])('sends nothing %s, even when a reminder is overdue', (_when, iso) => {
    expect(dueReminders(overdue, SCHOOL, at(iso))).toEqual([]);
  });

  it('sends nothing in a school holiday, and does not count its days', () => {
    const school = schoolWith({ holidays: [{ from: '2026-03-24', to: '2026-03-27' }] });
    expect(dueReminders(overdue, school, at('2026-03-24T10:00:00Z'))).toEqual([]);
    // The tenth working day after Tuesday 10 March is now Monday 30 March (11:00, summer time).
    expect(scheduleOf(overdue, school, at('2026-03-24T10:00:00Z')).nextAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('moves a reminder that fell due before a holiday to the morning after it', () => {
    const school = schoolWith({ holidays: [{ from: '2026-03-25', to: '2026-03-27' }] });
    expect(scheduleOf(overdue, school, at('2026-03-24T17:00:00Z')).nextAt).toBe('2026-03-30T06:00:00.000Z');
    expect(dueReminders(overdue, school, at('2026-03-26T10:00:00Z'))).toEqual([]);
  });

  it('gives an overdue reminder the next moment of working time as nextReminderAt, never a past night', () => {
    expect(scheduleOf(overdue, SCHOOL, at('2026-03-25T01:00:00Z')).nextAt).toBe('2026-03-25T07:00:00.000Z');
    expect(scheduleOf(overdue, SCHOOL, at('2026-03-25T10:00:00Z')).nextAt).toBe('2026-03-25T10:00:00.000Z');
  });

  it('follows the school hours and zone the school configures', () => {
    const school = schoolWith({ schoolHours: { start: '09:00', end: '15:00' } });
    expect(dueReminders(overdue, school, at('2026-03-24T14:30:00Z'))).toEqual([]); // 15:30 local
    expect(dueReminders(overdue, school, at('2026-03-24T13:30:00Z'))).toHaveLength(1); // 14:30 local
  });
});

describe('a closed dossier', () => {
  const closed = (): Dossier => act(opened(), cmd.closeDossier(), '2026-03-11T10:00:00.000Z');

  it('gets no reminder at all and has no nextReminderAt', () => {
    const dossier = closed();
    expect(scheduleOf(dossier, SCHOOL, at('2026-04-30T10:00:00Z'))).toEqual({
      nextAt: null,
      next: [],
      pending: [],
    });
    expect(dueReminders(dossier, SCHOOL, at('2026-04-30T10:00:00Z'))).toEqual([]);
    expect(withNextReminder(dossier, SCHOOL, at('2026-04-30T10:00:00Z')).nextReminderAt).toBeNull();
  });

  it('drops a pending consultation reminder when closed, and reminds again when reopened', () => {
    const waiting = append(opened(), 'consultationRequested', OPENED, { coordinatorId: 'user-ib' });
    const shut = act(waiting, cmd.closeDossier(), '2026-03-11T10:00:00.000Z');
    expect(scheduleOf(shut, SCHOOL, at('2026-03-13T10:00:00Z')).pending).toEqual([]);
    const reopened = act(shut, cmd.reopenDossier(), '2026-03-12T10:00:00.000Z');
    expect(scheduleOf(reopened, SCHOOL, at('2026-03-12T10:00:00Z')).pending.map((r) => r.kind)).toEqual([
      'consultationNotAccepted',
      'consultationEscalation',
    ]);
  });
});

describe('snoozing a reminder', () => {
  const SENT_AT = '2026-03-24T10:00:00.000Z';
  const reminded = (): { dossier: Dossier; key: string } => {
    const dossier = deliver(opened(), SENT_AT);
    const key = sentEntries(dossier)[0]?.key;
    if (!key) throw new Error('no reminder was sent');
    return { dossier, key };
  };

  it('for a day: the owner gets it again the next working day at the same time', () => {
    const { dossier, key } = reminded();
    const snoozed = snoozeReminder(
      dossier,
      SCHOOL,
      { key, period: 'dag', actor: owner },
      at('2026-03-24T11:00:00Z'),
    );
    expect(snoozed.ok && snoozed.entry?.kind).toBe('reminderSnoozed');
    if (!snoozed.ok) return;
    const repeat = scheduleOf(snoozed.dossier, SCHOOL, at('2026-03-24T11:00:00Z')).pending.find(
      (r) => r.snoozedFrom,
    );
    expect(repeat).toMatchObject({
      kind: 'stalledStep',
      dueAt: '2026-03-25T11:00:00.000Z',
      snoozedFrom: key,
    });
    expect(repeat?.key).toBe(`${key}:snooze-${snoozed.entry?.seq}`);
    expect(snoozed.dossier.nextReminderAt).toBe('2026-03-25T11:00:00.000Z');
  });

  it('for a week: seven days later, in summer time if the clocks changed', () => {
    const { dossier, key } = reminded();
    const snoozed = snoozeReminder(
      dossier,
      SCHOOL,
      { key, period: 'week', actor: owner },
      at('2026-03-24T11:00:00Z'),
    );
    expect(snoozed.ok && snoozed.dossier.nextReminderAt).toBe('2026-03-31T10:00:00.000Z');
  });

  it('on a Friday afternoon for a day: Monday afternoon, not Saturday', () => {
    const { dossier, key } = reminded();
    const snoozed = snoozeReminder(
      dossier,
      SCHOOL,
      { key, period: 'dag', actor: owner },
      at('2026-03-27T15:30:00Z'),
    );
    expect(snoozed.ok && snoozed.dossier.nextReminderAt).toBe('2026-03-30T14:30:00.000Z');
  });

  it('is for the recipient only', () => {
    const { dossier, key } = reminded();
    expect(snoozeReminder(dossier, SCHOOL, { key, period: 'dag', actor: coordinator }, at(SENT_AT))).toEqual({
      ok: false,
      refusal: { code: 'notRecipient' },
    });
    expect(
      snoozeReminder(dossier, SCHOOL, { key: 'other', period: 'dag', actor: owner }, at(SENT_AT)),
    ).toEqual({
      ok: false,
      refusal: { code: 'unknownReminder' },
    });
  });

  it('records one snooze when the button is pressed twice', () => {
    const { dossier, key } = reminded();
    const first = snoozeReminder(dossier, SCHOOL, { key, period: 'dag', actor: owner }, at(SENT_AT));
    if (!first.ok) throw new Error('refused');
    const second = snoozeReminder(first.dossier, SCHOOL, { key, period: 'week', actor: owner }, at(SENT_AT));
    expect(second).toEqual({ ok: true, dossier: first.dossier, entry: null, duplicate: true });
  });

  it('drops the repeat when someone works on the dossier in the meantime', () => {
    const { dossier, key } = reminded();
    const snoozed = snoozeReminder(dossier, SCHOOL, { key, period: 'dag', actor: owner }, at(SENT_AT));
    if (!snoozed.ok) throw new Error('refused');
    const worked = act(snoozed.dossier, cmd.recordSignal(), '2026-03-24T13:00:00.000Z');
    const pending = scheduleOf(worked, SCHOOL, at('2026-03-24T13:00:00Z')).pending;
    expect(pending.some((r) => r.snoozedFrom)).toBe(false);
    expect(pending.map((r) => r.kind)).toEqual(['stalledStep']);
  });

  it('is refused once the dossier has moved on', () => {
    const { dossier, key } = reminded();
    const worked = act(dossier, cmd.recordSignal(), '2026-03-24T13:00:00.000Z');
    expect(snoozeReminder(worked, SCHOOL, { key, period: 'dag', actor: owner }, at(SENT_AT))).toEqual({
      ok: false,
      refusal: { code: 'reminderResolved' },
    });
  });

  it('sends the repeat once, and the dossier is quiet again until the next rule', () => {
    const { dossier, key } = reminded();
    const snoozed = snoozeReminder(dossier, SCHOOL, { key, period: 'dag', actor: owner }, at(SENT_AT));
    if (!snoozed.ok) throw new Error('refused');
    const repeated = deliver(snoozed.dossier, '2026-03-25T11:00:00.000Z');
    expect(sentEntries(repeated).map((s) => s.snoozedFrom)).toEqual([undefined, key]);
    expect(dueReminders(repeated, SCHOOL, at('2026-03-25T11:05:00Z'))).toEqual([]);
  });

  it('is refused on a closed dossier', () => {
    const { dossier, key } = reminded();
    const shut = act(dossier, cmd.closeDossier(), '2026-03-24T10:30:00.000Z');
    expect(snoozeReminder(shut, SCHOOL, { key, period: 'dag', actor: owner }, at(SENT_AT))).toEqual({
      ok: false,
      refusal: { code: 'dossierClosed' },
    });
  });
});

describe('claims and delivery records (what the scheduler writes)', () => {
  const DUE = '2026-03-24T10:00:00.000Z';
  const dossier = opened();
  const due = dueReminders(dossier, SCHOOL, at(DUE));
  const claimed = claimReminders(dossier, { token: 'claim-a', until: at('2026-03-24T10:05:00Z') }, due);

  it('a claim moves nextReminderAt to its end and hides the reminders from other instances', () => {
    expect(claimed.nextReminderAt).toBe('2026-03-24T10:05:00.000Z');
    expect(claimed.reminderDelivery?.claim).toEqual({
      token: 'claim-a',
      until: '2026-03-24T10:05:00.000Z',
      keys: due.map((r) => r.key),
    });
    expect(dueReminders(claimed, SCHOOL, at('2026-03-24T10:04:59Z'))).toEqual([]);
    expect(withNextReminder(claimed, SCHOOL, at('2026-03-24T10:01:00Z')).nextReminderAt).toBe(
      '2026-03-24T10:05:00.000Z',
    );
  });

  it('an expired claim (the sender crashed) makes the same reminders due again, with the same keys', () => {
    const again = dueReminders(claimed, SCHOOL, at('2026-03-24T10:05:00Z'));
    expect(again.map((r) => r.key)).toEqual(due.map((r) => r.key));
  });

  it('a delivery is logged once with its key, the claim released, the next reminder scheduled', () => {
    const deliveries: Delivery[] = due.map((reminder) => ({ reminder, outcome: 'sent' }));
    const recorded = recordDeliveries(
      claimed,
      SCHOOL,
      { token: 'claim-a', deliveries },
      at('2026-03-24T10:00:10Z'),
    );
    const twice = recordDeliveries(
      recorded,
      SCHOOL,
      { token: 'claim-a', deliveries },
      at('2026-03-24T10:00:20Z'),
    );
    expect(sentEntries(twice)).toEqual([
      expect.objectContaining({ key: due[0]?.key, outcome: 'sent', attempt: 1 }),
    ]);
    const entry = twice.log.at(-1);
    expect(entry).toMatchObject({ kind: 'reminderSent', authorId: 'meldcode-bot', role: 'eigenaar' });
    expect(twice.reminderDelivery?.claim).toBeNull();
    expect(twice.nextReminderAt).toBe('2026-04-07T09:00:10.000Z');
    expect(twice.updatedAt).toBe(dossier.updatedAt);
  });

  it('a failed send is due again after its retry time, as attempt 2', () => {
    const retryAt = at('2026-03-24T10:02:00Z');
    const deliveries: Delivery[] = due.map((reminder) => ({ reminder, outcome: 'retryLater', retryAt }));
    const recorded = recordDeliveries(
      claimed,
      SCHOOL,
      { token: 'claim-a', deliveries },
      at('2026-03-24T10:00:10Z'),
    );
    expect(sentEntries(recorded)).toEqual([]);
    expect(recorded.nextReminderAt).toBe('2026-03-24T10:02:00.000Z');
    expect(dueReminders(recorded, SCHOOL, at('2026-03-24T10:01:59Z'))).toEqual([]);
    const retried = dueReminders(recorded, SCHOOL, at('2026-03-24T10:02:00Z'));
    expect(retried.map((r) => [r.key, r.attempt])).toEqual([[due[0]?.key, 2]]);
  });

  it('an unreachable recipient is recorded and not retried', () => {
    const deliveries: Delivery[] = due.map((reminder) => ({ reminder, outcome: 'unreachable' }));
    const recorded = recordDeliveries(
      claimed,
      SCHOOL,
      { token: 'claim-a', deliveries },
      at('2026-03-24T10:00:10Z'),
    );
    expect(sentEntries(recorded).map((s) => s.outcome)).toEqual(['unreachable']);
    expect(dueReminders(recorded, SCHOOL, at('2026-03-24T10:10:00Z'))).toEqual([]);
  });

  it('leaves another instance’s newer claim in place', () => {
    const newer = claimReminders(claimed, { token: 'claim-b', until: at('2026-03-24T10:20:00Z') }, due);
    const recorded = recordDeliveries(
      newer,
      SCHOOL,
      { token: 'claim-a', deliveries: [] },
      at('2026-03-24T10:10:00Z'),
    );
    expect(recorded.reminderDelivery?.claim?.token).toBe('claim-b');
  });

  it('is not work on the case: the overview’s waiting time and the next step ignore reminder entries', () => {
    const deliveries: Delivery[] = due.map((reminder) => ({ reminder, outcome: 'sent' }));
    const recorded = recordDeliveries(claimed, SCHOOL, { token: 'claim-a', deliveries }, at(DUE));
    const [line] = weeklyOverview([recorded], SCHOOL, at('2026-03-30T08:00:00Z')).dossiers;
    expect(line?.waitingWorkingDays).toBe(14);
  });
});

describe('after every command the app recomputes nextReminderAt', () => {
  it('in one place: withNextReminder(decide(…).dossier, school, now)', () => {
    const decision = decide(opened(), cmd.recordSignal(), context({ now: at('2026-03-11T10:00:00Z') }));
    if (!decision.ok) throw new Error('refused');
    expect(decision.dossier.nextReminderAt).toBeNull(); // decide does not know the school's settings
    const saved = withNextReminder(decision.dossier, SCHOOL, at('2026-03-11T10:00:00Z'));
    expect(saved.nextReminderAt).toBe('2026-03-25T10:00:00.000Z');
    expect(withNextReminder(saved, SCHOOL, at('2026-03-11T10:00:00Z'))).toBe(saved);
  });
});

describe('the weekly overview', () => {
  it('is due from Monday 08:00 of each week, in working time', () => {
    expect(weeklyOverviewMoment(SCHOOL, at('2026-03-12T10:00:00Z'))).toEqual({
      week: '2026-W11',
      dueAt: '2026-03-09T07:00:00.000Z',
    });
    expect(weeklyOverviewDue(SCHOOL, at('2026-03-09T06:59:00Z'))).toBeNull();
    expect(weeklyOverviewDue(SCHOOL, at('2026-03-09T07:00:00Z'))).not.toBeNull();
    expect(weeklyOverviewDue(SCHOOL, at('2026-03-14T10:00:00Z'))).toBeNull(); // Saturday
  });

  it('moves to Tuesday when Monday is a holiday, and skips a week without working days', () => {
    const easter = schoolWith({
      holidays: [{ from: '2026-04-06', to: '2026-04-06', name: 'Tweede Paasdag' }],
    });
    expect(weeklyOverviewMoment(easter, at('2026-04-08T10:00:00Z'))?.dueAt).toBe('2026-04-07T06:00:00.000Z');
    const may = schoolWith({ holidays: [{ from: '2026-04-27', to: '2026-05-08' }] });
    expect(weeklyOverviewMoment(may, at('2026-04-29T10:00:00Z'))).toBeNull();
  });

  it('follows the configured weekday, or is switched off', () => {
    expect(
      weeklyOverviewMoment(schoolWith({ weeklyOverviewWeekday: 3 }), at('2026-03-12T10:00:00Z'))?.dueAt,
    ).toBe('2026-03-11T07:00:00.000Z');
    expect(
      weeklyOverviewMoment(schoolWith({ weeklyOverviewWeekday: null }), at('2026-03-12T10:00:00Z')),
    ).toBeNull();
  });

  it('lists the open dossiers of the school with their steps and waiting times, and nothing about the pupil', () => {
    const quiet = opened('2026-03-02T10:00:00.000Z');
    const busy = act({ ...opened(), id: 'dossier-2', number: 'MC-2026-0002' }, cmd.recordSignal(), OPENED);
    const shut = act({ ...opened(), id: 'dossier-3', number: 'MC-2026-0003' }, cmd.closeDossier(), OPENED);
    const elsewhere = { ...opened(), id: 'dossier-4', number: 'MC-2026-0004', schoolId: 'school-2' };

    const overview = weeklyOverview([busy, quiet, shut, elsewhere], SCHOOL, at('2026-03-16T07:00:00Z'));
    expect(overview).toEqual({
      schoolId: 'school-1',
      week: '2026-W12',
      total: 2,
      byStep: { signalen: 1, consultatie: 1, gesprek: 0, wegen: 0, beslissen: 0 },
      dossiers: [
        { dossierNumber: 'MC-2026-0001', step: 'signalen', waitingWorkingDays: 10 },
        { dossierNumber: 'MC-2026-0002', step: 'consultatie', waitingWorkingDays: 4 },
      ],
    });
    const text = JSON.stringify(overview);
    expect(text).not.toContain('JdV');
    expect(text).not.toContain('groep 6');
    expect(text).not.toContain('Blauwe plek');
  });
});

describe('the working calendar a school carries', () => {
  const studieweek = { holidays: [{ from: '2026-03-16', to: '2026-03-20', name: 'studieweek' }] };

  it('is made once with the school and then shared by every question', () => {
    const school = withWorkingCalendar(schoolWith(studieweek));
    const calendar = workingCalendarOf(school);
    expect(calendar).toBe(school.workingCalendar?.calendar);
    expect(workingCalendarOf(school)).toBe(calendar);
    expect(calendar.isWorkingDay('2026-03-17')).toBe(false);
  });

  it('is what the schedule counts with', () => {
    // A calendar that works on Saturdays only, carried for these very settings: the schedule
    // follows it, so it is used rather than a new one made from the settings.
    const reminders = {};
    const saturdays = new WorkingCalendar({ ...DEFAULT_REMINDER_SETTINGS, workingDays: [6] });
    const school: School = {
      ...SCHOOL,
      reminders,
      workingCalendar: { from: reminders, calendar: saturdays },
    };
    expect(dueReminders(opened(), SCHOOL, at('2026-03-24T10:00:00Z'))).toHaveLength(1);
    expect(dueReminders(opened(), school, at('2026-03-24T10:00:00Z'))).toEqual([]);
  });

  it('is left out of a copy and of the school as JSON: it is derived, not configuration', () => {
    const school = withWorkingCalendar(schoolWith(studieweek));
    expect({ ...school }.workingCalendar).toBeUndefined();
    expect(JSON.parse(JSON.stringify(school))).toEqual(schoolWith(studieweek));
  });

  it('is made anew for a copy of the school with other settings', () => {
    const school = withWorkingCalendar(schoolWith(studieweek));
    // Even when the old calendar is carried over by hand, it was made from other settings.
    const copy: School = { ...school, reminders: { holidays: [] }, workingCalendar: school.workingCalendar };
    expect(workingCalendarOf(copy)).not.toBe(workingCalendarOf(school));
    expect(workingCalendarOf(copy).isWorkingDay('2026-03-17')).toBe(true);
    expect(scheduleOf(opened(), copy, at(OPENED)).pending[0]?.dueAt).toBe('2026-03-24T10:00:00.000Z');
    expect(scheduleOf(opened(), school, at(OPENED)).pending[0]?.dueAt).toBe('2026-03-31T09:00:00.000Z');
  });

  it('is made for a school built by hand without one', () => {
    expect(workingCalendarOf(SCHOOL).settings).toEqual(reminderSettingsOf(SCHOOL));
  });
});

describe('reminder settings per school', () => {
  it('fills in the defaults: 10, 3 + 2 and 5 working days, 08:00–17:00 in Amsterdam, no holidays', () => {
    expect(reminderSettingsOf(SCHOOL)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(DEFAULT_REMINDER_SETTINGS).toMatchObject({
      stalledStepWorkingDays: 10,
      consultationWorkingDays: 3,
      consultationEscalationWorkingDays: 2,
      reportFeedbackWorkingDays: 5,
      timeZone: 'Europe/Amsterdam',
      schoolHours: { start: '08:00', end: '17:00' },
      holidays: [],
    });
  });

  it('takes what the school sets and keeps the defaults for the rest', () => {
    const settings = reminderSettingsOf(
      schoolWith({ stalledStepWorkingDays: 7, weeklyOverviewWeekday: null }),
    );
    expect(settings.stalledStepWorkingDays).toBe(7);
    expect(settings.weeklyOverviewWeekday).toBeNull();
    expect(settings.consultationWorkingDays).toBe(3);
  });

  it('parses the configuration JSON', () => {
    const parsed = reminderSettingsSchema.safeParse({
      timeZone: 'Europe/Amsterdam',
      schoolHours: { start: '08:30', end: '16:00' },
      workingDays: [1, 2, 3, 4, 5],
      holidays: [{ from: '2026-10-17', to: '2026-10-25', name: 'herfstvakantie' }],
      stalledStepWorkingDays: 10,
      consultationWorkingDays: 3,
      consultationEscalationWorkingDays: 2,
      reportFeedbackWorkingDays: 5,
      weeklyOverviewWeekday: 1,
      weeklyOverviewToCareTeamChannel: true,
    });
    expect(parsed.success).toBe(true);
    expect(reminderSettingsSchema.safeParse({}).success).toBe(true);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Europe/Utopia' }, 'timeZone'],
    [
      'school hours that end before they start',
      { schoolHours: { start: '17:00', end: '08:00' } },
      'schoolHours.end',
    ],
    ['a time that is not HH:MM', { schoolHours: { start: '8 uur', end: '17:00' } }, 'schoolHours.start'],
    [
      'a holiday that ends before it starts',
      { holidays: [{ from: '2026-10-25', to: '2026-10-17' }] },
      'holidays.0.to',
    ],
    [
      'a date that does not exist',
      { holidays: [{ from: '2026-02-30', to: '2026-03-01' }] },
      'holidays.0.from',
    ],
    ['zero working days', { stalledStepWorkingDays: 0 }, 'stalledStepWorkingDays'],
    ['a week without working days', { workingDays: [] }, 'workingDays'],
    ['an unknown setting', { stalledDays: 10 }, ''],
  ])('refuses %s', (_case, input, path) => {
    const parsed = reminderSettingsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });
});

describe('the decision-maker as a recipient', () => {
  it('is the school’s beslisser with that role', () => {
    const dossier = append(opened(), 'consultationRequested', OPENED, { coordinatorId: 'user-ib' });
    const escalation = scheduleOf(dossier, SCHOOL, at(OPENED)).pending.find(
      (r) => r.kind === 'consultationEscalation',
    );
    expect(escalation?.recipient).toEqual({ id: decisionMaker.id, role: 'beslisser' });
    expect(escalation?.step).toBe('consultatie');
  });
});
