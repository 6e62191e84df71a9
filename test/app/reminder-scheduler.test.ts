// The reminder scheduler against both stores: SQLite on a temporary file and Cosmos DB on the local
// in-process server. Time is a fake clock the tests move; the Notifier is a recording fake (Teams
// delivery is the bot's part); timers are fakes that fire only when a test says so. "Two instances"
// are two schedulers with their own store connections to one database, as two bot processes would be.

import type { Notifier, NotifyOutcome, ReminderMessage } from '../../src/app/notifier';
import {
  ReminderScheduler,
  type ReminderSchedulerOptions,
  type SchedulerTimers,
} from '../../src/app/reminder-scheduler';
import {
  decide,
  reminderSentData,
  withNextReminder,
  type Command,
  type Dossier,
  type ReminderSentData,
  type School,
  withProgress,
} from '../../src/domain';
import { createLogger } from '../../src/logger';
import { bothStores, type Connect } from '../support/both-stores';
import { storeWith } from '../support/store-with';
import { DossierWriter } from '../../src/app/dossier-writer';
import type { DossierSummary, Store, Versioned } from '../../src/store/store';
import { cmd, owner } from '../domain/given';

// ---- The world -------------------------------------------------------------------------------------------

const SCHOOL: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-directeur', name: 'Mevrouw de Boer' },
  // The weekly overview has tests of its own; here it would add messages to every sweep.
  reminders: { weeklyOverviewWeekday: null },
};

const at = (iso: string): Date => new Date(iso);
/** Tuesday 10 March 2026, 11:00 in Amsterdam: dossiers opened now fall due on 24 March, 11:00. */
const OPENED = '2026-03-10T10:00:00.000Z';
const DUE = '2026-03-24T10:00:00.000Z';
const MINUTE = 60_000;

let sequence = 0;

/** A dossier opened as the app opens one: decide(), then nextReminderAt from the schedule. */
function opened(when = OPENED, school: School = SCHOOL): Dossier {
  sequence += 1;
  const id = `dossier-${String(sequence).padStart(5, '0')}`;
  const decision = decide(undefined, cmd.openDossier({ schoolId: school.id }), {
    actor: owner,
    now: at(when),
    newDossier: { id, number: `MC-2026-${String(sequence).padStart(4, '0')}`, tenantId: school.tenantId },
  });
  if (!decision.ok) throw new Error(`openDossier refused: ${JSON.stringify(decision.refusal)}`);
  return withNextReminder(decision.dossier, school, at(when));
}

async function seed(store: Store, count: number, when = OPENED, school: School = SCHOOL): Promise<Dossier[]> {
  const dossiers: Dossier[] = [];
  for (let i = 0; i < count; i++) dossiers.push((await store.createDossier(opened(when, school))).value);
  return dossiers;
}

/** A user's command, saved as the app saves it (decide, recompute the schedule, conditional replace). */
async function userActs(store: Store, dossier: Dossier, command: Command, when: string): Promise<Dossier> {
  const current = await store.getDossier(dossier.schoolId, dossier.id);
  if (!current) throw new Error('dossier gone');
  const decision = decide(current.value, command, { actor: owner, now: at(when) });
  if (!decision.ok) throw new Error(`${command.type} refused`);
  const saved = await store.replaceDossier(
    withNextReminder(decision.dossier, SCHOOL, at(when)),
    current.version,
  );
  return saved.value;
}

async function reload(store: Store, dossier: Dossier): Promise<Dossier> {
  const current = await store.getDossier(dossier.schoolId, dossier.id);
  if (!current) throw new Error('dossier gone');
  return current.value;
}

const sentOf = (dossier: Dossier): ReminderSentData[] =>
  dossier.log.flatMap((e) => reminderSentData(e) ?? []);

// ---- Test doubles ----------------------------------------------------------------------------------------

interface Call {
  recipientId: string;
  message: ReminderMessage;
}

/** Records every notify; answers with `outcome` after yielding once, so two schedulers interleave. */
class RecordingNotifier implements Notifier {
  readonly calls: Call[] = [];
  outcome: (message: ReminderMessage, recipientId: string) => NotifyOutcome | Promise<NotifyOutcome> = () =>
    'sent';

  async notify(recipientId: string, message: ReminderMessage): Promise<NotifyOutcome> {
    this.calls.push({ recipientId, message });
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.outcome(message, recipientId);
  }

  keys(): string[] {
    return this.calls.map((c) => c.message.key);
  }
}

/** Timers that fire only when the test calls fire…(). */
class FakeTimers implements SchedulerTimers {
  private next = 0;
  readonly intervals = new Map<number, { callback: () => void; ms: number }>();
  readonly timeouts = new Map<number, () => void>();

  setInterval(callback: () => void, ms: number): number {
    this.intervals.set(++this.next, { callback, ms });
    return this.next;
  }
  clearInterval(handle: unknown): void {
    if (typeof handle === 'number') this.intervals.delete(handle);
  }
  setTimeout(callback: () => void, _ms: number): number {
    this.timeouts.set(++this.next, callback);
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timeouts.delete(handle);
  }
  fireIntervals(): void {
    for (const { callback } of [...this.intervals.values()]) callback();
  }
}

/** The store as it is, with counts of what was read and a hook to make a write fail (a crash). */
function instrumented(inner: Store) {
  const counts = { dueForReminder: 0, summariesRead: 0, getDossier: 0, replaceDossier: 0 };
  const store = storeWith(inner, {
    counts,
    failReplace: undefined as ((call: number) => Error | undefined) | undefined,
    getDossier(schoolId: string, id: string): Promise<Versioned<Dossier> | undefined> {
      counts.getDossier++;
      return inner.getDossier(schoolId, id);
    },
    replaceDossier(dossier: Dossier, expectedVersion: string): Promise<Versioned<Dossier>> {
      counts.replaceDossier++;
      const failure = store.failReplace?.(counts.replaceDossier);
      return failure ? Promise.reject(failure) : inner.replaceDossier(dossier, expectedVersion);
    },
    async dueForReminder(schoolId: string, now: string, limit: number): Promise<DossierSummary[]> {
      counts.dueForReminder++;
      const due = await inner.dueForReminder(schoolId, now, limit);
      counts.summariesRead += due.length;
      return due;
    },
  });
  return store;
}
type InstrumentedStore = ReturnType<typeof instrumented>;

// ---- The two stores ---------------------------------------------------------------------------------------

const STORES = bothStores('reminders');

describe.each(STORES)('the reminder scheduler on the %s store', (_name, newDatabase) => {
  let connect: Connect;
  let connections: Store[];
  let store: InstrumentedStore;
  let now: Date;
  let ids: number;

  beforeEach(async () => {
    connect = newDatabase();
    connections = [];
    store = await connection();
    now = at(DUE);
    ids = 0;
  });

  afterEach(async () => {
    for (const c of connections) await c.close();
  });

  async function connection(): Promise<InstrumentedStore> {
    const opened = instrumented(await connect());
    connections.push(opened);
    return opened;
  }

  function scheduler(
    notifier: Notifier,
    options: Partial<ReminderSchedulerOptions> & {
      store?: Store;
      timers?: SchedulerTimers;
      school?: School;
    } = {},
  ): ReminderScheduler {
    const { store: on = store, timers = new FakeTimers(), school = SCHOOL, ...rest } = options;
    const newId = (): string => `id-${(ids += 1)}`;
    return new ReminderScheduler({
      store: on,
      writer: new DossierWriter({
        store: on,
        schools: [school],
        logger: createLogger('silent'),
        newId,
        outboxLeaseMs: 60_000,
      }),
      schools: [school],
      notifier,
      logger: createLogger('silent'),
      clock: () => now,
      timers,
      newId: () => `id-${(ids += 1)}`,
      random: () => 1, // no jitter: the backoff is exactly base · 2^(attempt − 1)
      options: { leaseMs: 5 * MINUTE, retryBaseMs: MINUTE, ...rest },
    });
  }

  async function sweepAt(s: ReminderScheduler, iso: string) {
    now = at(iso);
    return s.sweep(now);
  }

  it('sends each due reminder once, records it in the dossier and schedules the next one', async () => {
    const due = await seed(store, 3);
    const notDue = await seed(store, 2, '2026-03-20T10:00:00.000Z');
    const notifier = new RecordingNotifier();
    const s = scheduler(notifier);

    const report = await sweepAt(s, DUE);

    expect(report).toMatchObject({ found: 3, claimed: 3, sent: 3, contended: 0, errors: 0 });
    expect(notifier.calls.map((c) => c.recipientId)).toEqual(['user-owner', 'user-owner', 'user-owner']);
    expect(notifier.calls.map((c) => c.message)).toContainEqual({
      type: 'dossierReminder',
      key: `${due[0]?.id}:stalledStep:1:user-owner`,
      kind: 'stalledStep',
      schoolId: 'school-1',
      tenantId: 'tenant-1',
      dossierId: due[0]?.id,
      dossierNumber: due[0]?.number,
      step: 'signalen',
      recipient: { kind: 'person', id: 'user-owner', role: 'eigenaar' },
      dueAt: DUE,
      attempt: 1,
      snoozeOptions: ['dag', 'week'],
    });
    for (const dossier of due) {
      const after = await reload(store, dossier);
      expect(sentOf(after)).toEqual([expect.objectContaining({ kind: 'stalledStep', outcome: 'sent' })]);
      expect(after.nextReminderAt).toBe('2026-04-07T09:00:00.000Z');
      expect(after.reminderDelivery?.claim).toBeNull();
    }
    for (const dossier of notDue) expect(sentOf(await reload(store, dossier))).toEqual([]);

    expect(await sweepAt(s, '2026-03-24T10:01:00.000Z')).toMatchObject({ found: 0, sent: 0 });
    expect(notifier.calls).toHaveLength(3);
  });

  it('puts no pupil data in a reminder, which may be posted where others read along', async () => {
    await seed(store, 1);
    const notifier = new RecordingNotifier();
    await sweepAt(scheduler(notifier), DUE);
    const text = JSON.stringify(notifier.calls);
    expect(notifier.calls).toHaveLength(1);
    expect(text).not.toContain('JdV');
    expect(text).not.toContain('groep 6');
    expect(text).not.toContain('Blauwe plek');
  });

  it('with two schedulers at once, sends each due reminder exactly once', async () => {
    const due = await seed(store, 20);
    const [first, second] = [new RecordingNotifier(), new RecordingNotifier()];
    const a = scheduler(first);
    const b = scheduler(second, { store: await connection() });

    now = at(DUE);
    const [ra, rb] = await Promise.all([a.sweep(now), b.sweep(now)]);

    const keys = [...first.keys(), ...second.keys()].sort();
    expect(keys).toEqual(due.map((d) => `${d.id}:stalledStep:1:user-owner`).sort());
    expect(ra.sent + rb.sent).toBe(20);
    for (const dossier of due) expect(sentOf(await reload(store, dossier))).toHaveLength(1);
    // Both looked at the same dossiers: whatever one claimed, the other found taken.
    expect(ra.found + rb.found).toBeGreaterThan(20);
  });

  it('retries a failed send after a backoff, with the same key, and records it once', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    notifier.outcome = () => (notifier.calls.length === 1 ? 'retryLater' : 'sent');
    const s = scheduler(notifier);

    expect(await sweepAt(s, DUE)).toMatchObject({ retryLater: 1, sent: 0 });
    expect(sentOf(await reload(store, dossier as Dossier))).toEqual([]);
    expect((await reload(store, dossier as Dossier)).nextReminderAt).toBe('2026-03-24T10:01:00.000Z');

    expect(await sweepAt(s, '2026-03-24T10:00:30.000Z')).toMatchObject({ found: 0 });
    expect(await sweepAt(s, '2026-03-24T10:01:00.000Z')).toMatchObject({ sent: 1 });

    expect(
      notifier.calls.map((c) => [c.message.key, c.message.type === 'dossierReminder' && c.message.attempt]),
    ).toEqual([
      [`${dossier?.id}:stalledStep:1:user-owner`, 1],
      [`${dossier?.id}:stalledStep:1:user-owner`, 2],
    ]);
    expect(sentOf(await reload(store, dossier as Dossier))).toEqual([
      expect.objectContaining({ attempt: 2, outcome: 'sent' }),
    ]);
  });

  it('counts a notifier that throws as a failed send to retry, and backs off further each time', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    notifier.outcome = () => Promise.reject(new Error('connector down'));
    const s = scheduler(notifier);

    expect(await sweepAt(s, DUE)).toMatchObject({ retryLater: 1, errors: 0 });
    expect(await sweepAt(s, '2026-03-24T10:01:00.000Z')).toMatchObject({ retryLater: 1 });
    expect((await reload(store, dossier as Dossier)).nextReminderAt).toBe('2026-03-24T10:03:00.000Z');
  });

  it('gives up after the last attempt and records the reminder as failed', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    notifier.outcome = () => 'retryLater';
    const s = scheduler(notifier, { maxAttempts: 2 });

    await sweepAt(s, DUE);
    expect(await sweepAt(s, '2026-03-24T10:01:00.000Z')).toMatchObject({ failed: 1 });
    expect(sentOf(await reload(store, dossier as Dossier)).map((e) => e.outcome)).toEqual(['failed']);
    expect(await sweepAt(s, '2026-03-24T11:00:00.000Z')).toMatchObject({ found: 0 });
  });

  it('does not lose a reminder when the sender dies after the claim: the next one sends it, same key', async () => {
    const [dossier] = await seed(store, 1);
    const dying = new RecordingNotifier();
    dying.outcome = () => new Promise<NotifyOutcome>(() => undefined); // never returns: the process died
    const a = scheduler(dying);
    now = at(DUE);
    void a.sweep(now);
    while (dying.calls.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));

    const notifier = new RecordingNotifier();
    const b = scheduler(notifier, { store: await connection() });
    expect(await sweepAt(b, '2026-03-24T10:04:59.000Z')).toMatchObject({ sent: 0 });
    expect(await sweepAt(b, '2026-03-24T10:05:00.000Z')).toMatchObject({ found: 1, sent: 1 });

    expect(notifier.keys()).toEqual(dying.keys());
    expect(sentOf(await reload(store, dossier as Dossier))).toHaveLength(1);
  });

  it('resends with the same key when the sender dies after sending but before recording, and logs once', async () => {
    const [dossier] = await seed(store, 1);
    const crashing = await connection();
    crashing.failReplace = (call) => (call === 2 ? new Error('process died') : undefined); // 1 = the claim
    const first = new RecordingNotifier();
    expect(await sweepAt(scheduler(first, { store: crashing }), DUE)).toMatchObject({ sent: 1, errors: 1 });
    expect(sentOf(await reload(store, dossier as Dossier))).toEqual([]);

    const second = new RecordingNotifier();
    const b = scheduler(second);
    expect(await sweepAt(b, '2026-03-24T10:05:00.000Z')).toMatchObject({ sent: 1 });
    expect(second.keys()).toEqual(first.keys());
    expect(sentOf(await reload(store, dossier as Dossier))).toHaveLength(1);
    expect(await sweepAt(b, '2026-03-24T10:10:00.000Z')).toMatchObject({ found: 0 });
  });

  it('records an unreachable recipient and does not try again', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    notifier.outcome = () => 'unreachable';
    const s = scheduler(notifier);
    expect(await sweepAt(s, DUE)).toMatchObject({ unreachable: 1 });
    expect(sentOf(await reload(store, dossier as Dossier)).map((e) => e.outcome)).toEqual(['unreachable']);
    expect(await sweepAt(s, '2026-03-24T11:00:00.000Z')).toMatchObject({ found: 0 });
    expect(notifier.calls).toHaveLength(1);
  });

  it('sends nothing at the weekend: the dossier waits for Monday morning', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    const s = scheduler(notifier);
    expect(await sweepAt(s, '2026-03-28T10:00:00.000Z')).toMatchObject({ found: 1, rescheduled: 1, sent: 0 });
    expect((await reload(store, dossier as Dossier)).nextReminderAt).toBe('2026-03-30T06:00:00.000Z');
    expect(await sweepAt(s, '2026-03-29T10:00:00.000Z')).toMatchObject({ found: 0 });
    expect(await sweepAt(s, '2026-03-30T06:00:00.000Z')).toMatchObject({ sent: 1 });
    expect(notifier.calls).toHaveLength(1);
  });

  it('sends nothing for a closed dossier, even one with an old nextReminderAt', async () => {
    const [closed, old] = await seed(store, 2);
    await userActs(store, closed as Dossier, cmd.closeDossier(), '2026-03-20T10:00:00.000Z');
    const current = await store.getDossier('school-1', (old as Dossier).id);
    if (!current) throw new Error('dossier gone');
    await store.replaceDossier({ ...current.value, status: 'closed' }, current.version); // nextReminderAt kept

    const notifier = new RecordingNotifier();
    expect(await sweepAt(scheduler(notifier), DUE)).toMatchObject({ found: 1, sent: 0 });
    expect(notifier.calls).toEqual([]);
    expect((await reload(store, old as Dossier)).nextReminderAt).toBeNull();
  });

  it('reads only the due dossiers: 3 due among 300 cost 3 summaries and 3 dossier reads', async () => {
    await seed(store, 3);
    await seed(store, 297, '2026-03-20T10:00:00.000Z');
    const notifier = new RecordingNotifier();
    await sweepAt(scheduler(notifier), DUE);
    expect(notifier.calls).toHaveLength(3);
    expect(store.counts).toMatchObject({ dueForReminder: 1, summariesRead: 3, getDossier: 3 });
  });

  it('pages through more due dossiers than fit in one page', async () => {
    await seed(store, 10);
    const notifier = new RecordingNotifier();
    expect(await sweepAt(scheduler(notifier, { pageSize: 4 }), DUE)).toMatchObject({ found: 10, sent: 10 });
    expect(store.counts.dueForReminder).toBe(3);
  });

  it('records the reminder on the fresh dossier when a user writes between claim and record', async () => {
    const [dossier] = await seed(store, 1);
    const other = await connection();
    const notifier = new RecordingNotifier();
    notifier.outcome = async (): Promise<NotifyOutcome> => {
      await userActs(other, dossier as Dossier, cmd.recordSignal(), DUE);
      return 'sent';
    };
    expect(await sweepAt(scheduler(notifier), DUE)).toMatchObject({ sent: 1, errors: 0 });
    const after = await reload(store, dossier as Dossier);
    expect(after.log.map((e) => e.kind)).toEqual(['dossierOpened', 'signalRecorded', 'reminderSent']);
    expect(after.reminderDelivery?.claim).toBeNull();
  });

  it('lets the recipient snooze a reminder for a day, and sends it again then', async () => {
    const [dossier] = await seed(store, 1);
    const notifier = new RecordingNotifier();
    const s = scheduler(notifier);
    await sweepAt(s, DUE);
    const key = notifier.keys()[0] ?? '';

    const stranger = { id: 'user-stranger', name: 'Iemand', tenantId: 'tenant-1' };
    const me = { id: owner.id, name: owner.name, tenantId: 'tenant-1' };
    const request = { key, period: 'dag' as const };
    expect(await s.snooze(stranger, 'school-1', (dossier as Dossier).id, request, now)).toEqual({
      ok: false,
      code: 'notInvolved',
    });
    const snoozed = await s.snooze(
      me,
      'school-1',
      (dossier as Dossier).id,
      request,
      at('2026-03-24T10:30:00Z'),
    );
    expect(snoozed.ok && snoozed.dossier.nextReminderAt).toBe('2026-03-25T10:30:00.000Z');

    expect(await sweepAt(s, '2026-03-25T10:29:00.000Z')).toMatchObject({ found: 0 });
    expect(await sweepAt(s, '2026-03-25T10:30:00.000Z')).toMatchObject({ sent: 1 });
    expect(notifier.keys()).toEqual([key, `${key}:snooze-3`]);
  });

  it('runs on its interval without overlapping a sweep still running, and stops cleanly', async () => {
    await seed(store, 1);
    const timers = new FakeTimers();
    const gate: { release?: () => void } = {};
    const notifier = new RecordingNotifier();
    notifier.outcome = () => new Promise<NotifyOutcome>((resolve) => (gate.release = () => resolve('sent')));
    const s = scheduler(notifier, { timers });

    now = at(DUE);
    s.start(60_000);
    expect([...timers.intervals.values()].map((i) => i.ms)).toEqual([60_000]);
    while (!gate.release) await new Promise<void>((resolve) => setImmediate(resolve));
    timers.fireIntervals(); // the first sweep is still waiting for the notifier
    timers.fireIntervals();
    gate.release();
    await s.stop();

    expect(timers.intervals.size).toBe(0);
    expect(store.counts.dueForReminder).toBe(1);
    expect(notifier.calls).toHaveLength(1);
  });

  describe('the weekly overview', () => {
    const WITH_OVERVIEW: School = {
      ...SCHOOL,
      coordinators: [
        { id: 'user-ib', name: 'Meneer Bakker' },
        { id: 'user-ib-2', name: 'Mevrouw Yilmaz' },
      ],
      careTeamChannelId: '19:zorgteam@thread.tacv2',
      reminders: { weeklyOverviewWeekday: 1, weeklyOverviewToCareTeamChannel: true },
    };
    /** Monday 16 March 2026, 08:00 in Amsterdam. */
    const MONDAY = '2026-03-16T07:00:00.000Z';

    it('goes to every zorgcoördinator and the care-team channel once, with two schedulers at once', async () => {
      await seed(store, 2, OPENED, WITH_OVERVIEW);
      const [first, second] = [new RecordingNotifier(), new RecordingNotifier()];
      const a = scheduler(first, { school: WITH_OVERVIEW });
      const b = scheduler(second, { school: WITH_OVERVIEW, store: await connection() });

      now = at(MONDAY);
      await Promise.all([a.sweep(now), b.sweep(now)]);
      await Promise.all([sweepAt(a, '2026-03-16T08:00:00.000Z'), b.sweep(now)]);

      const calls = [...first.calls, ...second.calls];
      expect(calls.map((c) => c.recipientId).sort()).toEqual([
        '19:zorgteam@thread.tacv2',
        'user-ib',
        'user-ib-2',
      ]);
      expect(calls[0]?.message).toMatchObject({
        type: 'weeklyOverview',
        week: '2026-W12',
        total: 2,
        byStep: { signalen: 2, consultatie: 0, gesprek: 0, wegen: 0, beslissen: 0 },
      });
      const text = JSON.stringify(calls);
      expect(text).not.toContain('JdV');
      expect(text).not.toContain('groep 6');
    });

    it('is made from the list query alone: no dossier is read for it, whatever the number of dossiers', async () => {
      // Dossiers as the write path saves them: with where they stand (progress) on the list.
      for (let i = 0; i < 30; i++) await store.createDossier(withProgress(opened(OPENED, WITH_OVERVIEW)));
      const notifier = new RecordingNotifier();
      const s = scheduler(notifier, { school: WITH_OVERVIEW, store });
      const reads = store.counts.getDossier;
      now = at(MONDAY);
      const report = await s.sweep(now);
      expect(report.overviewsSent).toBe(3);
      expect(notifier.calls[0]?.message).toMatchObject({ type: 'weeklyOverview', total: 30 });
      // The sweep read the due dossiers (none are due yet), and nothing for the overview.
      expect(store.counts.getDossier - reads).toBe(0);
    });

    it('is sent again in a later slot after a failed send, and not at all outside working time', async () => {
      await seed(store, 1, OPENED, WITH_OVERVIEW);
      const notifier = new RecordingNotifier();
      notifier.outcome = (_m, recipient) =>
        recipient === 'user-ib' && notifier.calls.filter((c) => c.recipientId === 'user-ib').length === 1
          ? 'retryLater'
          : 'sent';
      const s = scheduler(notifier, { school: WITH_OVERVIEW });

      expect(await sweepAt(s, '2026-03-16T06:59:00.000Z')).toMatchObject({ overviewsSent: 0 });
      expect(await sweepAt(s, MONDAY)).toMatchObject({ overviewsSent: 2, retryLater: 1 });
      expect(await sweepAt(s, '2026-03-16T07:10:00.000Z')).toMatchObject({ overviewsSent: 1 });
      expect(await sweepAt(s, '2026-03-17T07:10:00.000Z')).toMatchObject({ overviewsSent: 0 });

      const toCoordinator = notifier.calls
        .filter((c) => c.recipientId === 'user-ib')
        .map((c) => c.message.key);
      expect(toCoordinator).toEqual([
        'school-1:weeklyOverview:2026-W12:user-ib',
        'school-1:weeklyOverview:2026-W12:user-ib',
      ]);
    });

    it('stays with a slow sender: an instance in the next lease slot does not send it too', async () => {
      await seed(store, 1, OPENED, WITH_OVERVIEW);
      const slow = new RecordingNotifier();
      slow.outcome = () => new Promise<NotifyOutcome>(() => undefined); // still sending to user-ib
      now = at('2026-03-16T07:04:59.000Z'); // the last second of a five-minute slot
      void scheduler(slow, { school: WITH_OVERVIEW }).sweep(now);
      while (slow.calls.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));

      const other = new RecordingNotifier();
      const b = scheduler(other, { school: WITH_OVERVIEW, store: await connection() });
      await sweepAt(b, '2026-03-16T07:05:00.000Z');
      expect(slow.calls.map((c) => c.recipientId)).toEqual(['user-ib']);
      expect(other.calls.map((c) => c.recipientId).sort()).toEqual(['19:zorgteam@thread.tacv2', 'user-ib-2']);
    });

    it('remembers across instances what was sent this week (a restarted bot sends nothing again)', async () => {
      await seed(store, 1, OPENED, WITH_OVERVIEW);
      const notifier = new RecordingNotifier();
      await sweepAt(scheduler(notifier, { school: WITH_OVERVIEW }), MONDAY);
      const restarted = new RecordingNotifier();
      expect(
        await sweepAt(
          scheduler(restarted, { school: WITH_OVERVIEW, store: await connection() }),
          '2026-03-18T10:00:00.000Z',
        ),
      ).toMatchObject({ overviewsSent: 0 });
      expect(restarted.calls).toEqual([]);
      expect(notifier.calls).toHaveLength(3);
    });
  });
});
