// The reminder scheduler: runs in the bot process on an interval and sends what the rules in
// domain/reminders.ts say is due. Safe with several bot instances on one store (architecture, Scale):
//
//   1. find   store.dueForReminder(school, now, page): the indexed query, so a sweep reads only the
//             dossiers whose nextReminderAt has come, whatever the total.
//   2. claim  per dossier, a conditional replace with the version just read, recording a claim token
//             and moving nextReminderAt to the end of a lease. Of two instances that read the same
//             version, one write fails with StaleVersionError and that instance leaves the dossier;
//             an instance that reads after the claim finds nothing due until the lease ends.
//   3. send   each claimed reminder through the Notifier, with its stable key.
//   4. record `reminderSent` log entries (one per key, ever), retry times for failed sends, the claim
//             released and nextReminderAt recomputed; again a conditional replace, re-applied on a
//             fresh read when a user wrote in between.
// A crash between 2 and 4 leaves the claim to expire: the reminders are due again and go out with the
// same keys (at-least-once; the key lets the Teams side recognise a resend).
//
// The weekly overview belongs to no dossier, so it cannot ride on a dossier's version. Each one
// (per week and recipient) is claimed with `store.claim` for one lease, and what was sent is
// recorded in the audit log under the week's key; a failed or crashed send's claim expires and the
// overview is claimed again in a later sweep.
//
// No module-level state: store, notifier, clock, timers and logger come in through the constructor.

import {
  REMINDER_AUTHOR,
  claimReminders,
  dueReminders,
  recordDeliveries,
  reminderSettingsOf,
  snoozeReminder,
  unchanged,
  weeklyOverview,
  weeklyOverviewDue,
  type Actor,
  type Delivery,
  type Dossier,
  type PendingReminder,
  type SnoozePeriod,
  type SnoozeRefusalCode,
  type OverviewInput,
  type WeeklyOverview,
} from '../domain';
import { claimOutbox, dueOutbox, type OutboxItem } from '../domain/outbox';
import type { School } from '../domain/school';
import type { Logger } from '../logger';
import type { Store, Versioned } from '../store/store';
import type { Courier } from './courier';
import { BOT, type DossierWriter } from './dossier-writer';
import {
  dossierReminderMessage,
  weeklyOverviewMessage,
  type Notifier,
  type NotifyOutcome,
  type ReminderMessage,
  type WeeklyOverviewMessage,
} from './notifier';

/** The timer functions the scheduler uses; index.ts passes the real ones, tests pass fakes. */
export interface SchedulerTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReminderSchedulerOptions {
  /** Dossiers asked from dueForReminder at a time. */
  pageSize: number;
  /** At most this many dossiers per school per sweep; the rest waits for the next sweep. */
  maxPerSweep: number;
  /** How long a claim holds before other instances take it for a crash. Must exceed notifyTimeoutMs. */
  leaseMs: number;
  /** A notify that takes longer counts as retryLater. */
  notifyTimeoutMs: number;
  /** Backoff after a failed send: base · 2^(attempt − 1), at most max, with jitter (×0.5–1). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many failed attempts a reminder is recorded as failed and not tried again. */
  maxAttempts: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Readonly<ReminderSchedulerOptions> = Object.freeze({
  pageSize: 50,
  maxPerSweep: 1000,
  leaseMs: 5 * 60 * 1000,
  notifyTimeoutMs: 30 * 1000,
  retryBaseMs: 60 * 1000,
  retryMaxMs: 60 * 60 * 1000,
  maxAttempts: 12,
});

export interface ReminderSchedulerDependencies {
  store: Store;
  /** The one write path: claims, recorded deliveries and snoozes are changes like any other. */
  writer: DossierWriter;
  /** Sends the cards and notices waiting in a dossier's outbox; the sweep finds them too. */
  courier?: Courier | undefined;
  schools: readonly School[];
  notifier: Notifier;
  logger: Logger;
  /** The current time; claims, retries and log entries use it (sweep's `now` decides what is due). */
  clock: () => Date;
  timers: SchedulerTimers;
  newId: () => string;
  /** For the jitter of retries; Math.random when left out. */
  random?: () => number;
  options?: Partial<ReminderSchedulerOptions>;
}

/** What one sweep did; counts only (logged as is). */
export interface SweepReport {
  /** Distinct dossiers the indexed query returned as due. */
  found: number;
  /** Dossiers this instance claimed. */
  claimed: number;
  /** Dossiers another writer changed first (another instance's claim, or a user): left alone. */
  contended: number;
  /** Dossiers found due with nothing to send now (outside school hours, claimed, resolved): moved on. */
  rescheduled: number;
  sent: number;
  unreachable: number;
  retryLater: number;
  /** Given up after maxAttempts. */
  failed: number;
  overviewsSent: number;
  errors: number;
}

export type SnoozeOutcome =
  | { ok: true; dossier: Dossier; duplicate: boolean }
  | { ok: false; code: SnoozeRefusalCode | 'notFound' | 'notInvolved' };

const emptyReport = (): SweepReport => ({
  found: 0,
  claimed: 0,
  contended: 0,
  rescheduled: 0,
  sent: 0,
  unreachable: 0,
  retryLater: 0,
  failed: 0,
  overviewsSent: 0,
  errors: 0,
});

const later = (a: Date, b: Date): Date => (a > b ? a : b);

/** Overview recipients: each zorgcoördinator, and the care-team channel when the school wants it. */
function overviewRecipients(school: School, toChannel: boolean): WeeklyOverviewMessage['recipient'][] {
  const people = school.coordinators.map((c): WeeklyOverviewMessage['recipient'] => ({
    kind: 'person',
    id: c.id,
    role: 'zorgcoordinator',
  }));
  return toChannel && school.careTeamChannelId
    ? [...people, { kind: 'careTeamChannel', id: school.careTeamChannelId }]
    : people;
}

export class ReminderScheduler {
  private readonly options: ReminderSchedulerOptions;
  private readonly random: () => number;
  private interval: unknown = undefined;
  private running: Promise<void> | undefined = undefined;
  /** Overview keys this instance knows to be recorded, for the current week only (saves a read). */
  private overviewsDone: { week: string; keys: Set<string> } = { week: '', keys: new Set() };

  constructor(private readonly deps: ReminderSchedulerDependencies) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
    this.random = deps.random ?? Math.random;
    if (this.options.notifyTimeoutMs >= this.options.leaseMs) {
      throw new Error(
        `ReminderScheduler: leaseMs (${this.options.leaseMs}) must be longer than notifyTimeoutMs ` +
          `(${this.options.notifyTimeoutMs}), or a slow send could outlive its claim.`,
      );
    }
  }

  /** Sweep now and then every `intervalMs`; a sweep still running is never overlapped. */
  start(intervalMs: number): void {
    if (this.interval !== undefined) return;
    this.interval = this.deps.timers.setInterval(() => this.tick(), intervalMs);
    this.tick();
  }

  /** Stop the interval and wait for a running sweep to finish. */
  async stop(): Promise<void> {
    if (this.interval !== undefined) this.deps.timers.clearInterval(this.interval);
    this.interval = undefined;
    await this.running;
  }

  /** One pass over every school: the due dossier reminders, then the weekly overviews. */
  async sweep(now: Date): Promise<SweepReport> {
    const report = emptyReport();
    for (const school of this.deps.schools) {
      try {
        await this.sweepSchool(school, now, report);
      } catch (error) {
        report.errors++;
        this.deps.logger.error({ schoolId: school.id, error: errorName(error) }, 'reminder sweep failed');
      }
      try {
        await this.sendWeeklyOverviews(school, now, report);
      } catch (error) {
        report.errors++;
        this.deps.logger.error({ schoolId: school.id, error: errorName(error) }, 'weekly overview failed');
      }
    }
    return report;
  }

  /**
   * The recipient of a reminder snoozes it for a day or a week (the card's buttons). Access as for
   * any dossier action: only people involved in the dossier.
   */
  async snooze(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    request: { key: string; period: SnoozePeriod },
    now: Date,
  ): Promise<SnoozeOutcome> {
    const outcome = await this.deps.writer.update(
      { person: actor },
      { schoolId, dossierId },
      (dossier, ctx) =>
        snoozeReminder(
          dossier,
          ctx.school,
          { ...request, actor: { id: actor.id, name: actor.name, role: ctx.role } },
          now,
        ),
      now,
    );
    if (outcome.ok) return { ok: true, dossier: outcome.dossier, duplicate: outcome.duplicate };
    if ('access' in outcome)
      return { ok: false, code: outcome.access.code === 'notInvolved' ? 'notInvolved' : 'notFound' };
    // A refused snooze is kept in the audit like any refused attempt (who, when; never what).
    await this.deps.writer.audit(outcome.dossier, actor.id, `refused:${outcome.refusal.code}`, now);
    return { ok: false, code: snoozeRefusalOf(outcome.refusal.code) };
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep(this.deps.clock())
      .then(
        (report) => {
          if (report.found > 0 || report.overviewsSent > 0 || report.errors > 0) {
            this.deps.logger.info({ ...report }, 'reminder sweep');
          }
        },
        (error: unknown) => this.deps.logger.error({ error: errorName(error) }, 'reminder sweep failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  private async sweepSchool(school: School, now: Date, report: SweepReport): Promise<void> {
    const { pageSize, maxPerSweep } = this.options;
    const seen = new Set<string>();
    const at = now.toISOString();
    while (seen.size < maxPerSweep) {
      const page = await this.deps.store.dueForReminder(
        school.id,
        at,
        Math.min(pageSize, maxPerSweep - seen.size),
      );
      const fresh = page.filter((summary) => !seen.has(summary.id));
      for (const summary of fresh) {
        seen.add(summary.id);
        report.found++;
        try {
          await this.remindDossier(school, summary.id, now, report);
        } catch (error) {
          report.errors++;
          this.deps.logger.error({ dossierId: summary.id, error: errorName(error) }, 'reminder failed');
        }
      }
      // Handled dossiers moved on (claimed or rescheduled), so the same query gives the next page; a
      // page of only seen ones means the rest could not be moved (errors) and waits for a next sweep.
      if (page.length < pageSize || fresh.length === 0) return;
    }
  }

  /**
   * Claim what is due on one dossier — its reminders and its outbox items — in one conditional
   * write, send it, and record the outcomes. Of two instances that read the same version, one
   * claims; the other's write is stale, and on its fresh read it finds everything claimed.
   */
  private async remindDossier(
    school: School,
    dossierId: string,
    now: Date,
    report: SweepReport,
  ): Promise<void> {
    const ref = { schoolId: school.id, dossierId };
    const token = this.deps.newId();
    const claim = { token, until: new Date(this.moment(now).getTime() + this.options.leaseMs) };
    let due: PendingReminder[] = [];
    let items: string[] = [];
    let reads = 0;
    const claimed = await this.deps.writer.update(
      BOT,
      ref,
      (dossier) => {
        reads++;
        due = dueReminders(dossier, school, now);
        items = this.deps.courier ? dueOutbox(dossier, now).map((item) => item.id) : [];
        if (due.length === 0 && items.length === 0) return unchanged(dossier);
        const withReminders = due.length > 0 ? claimReminders(dossier, claim, due) : dossier;
        const withItems = items.length > 0 ? claimOutbox(withReminders, items, claim) : withReminders;
        return { ok: true, dossier: withItems, entries: [], effects: [], duplicate: false };
      },
      now,
    );
    if (!claimed.ok) return;
    if (due.length === 0 && items.length === 0) {
      // Nothing to send now: another instance claimed it first, or it moved on (the write path
      // set nextReminderAt to its next moment).
      if (reads > 1) report.contended++;
      else report.rescheduled++;
      return;
    }
    report.claimed++;
    // Nobody else sends what this claim holds: the record usually lands on the claimed version.
    let known: Versioned<Dossier> | undefined = { value: claimed.dossier, version: claimed.version };

    if (items.length > 0 && this.deps.courier) {
      const mine = (claimed.dossier.outbox ?? []).filter(
        (item: OutboxItem) => items.includes(item.id) && item.claim?.token === token,
      );
      await this.deps.courier.deliver(claimed.dossier, school, mine, this.moment(now), claimed.version);
      // The courier wrote since the claim; the reminders are recorded on a fresh read.
      known = undefined;
    }
    if (due.length === 0) return;

    const deliveries: Delivery[] = [];
    for (const reminder of due) {
      const outcome = await this.deliver(
        reminder.recipient.id,
        dossierReminderMessage(claimed.dossier, reminder),
      );
      const delivery = this.deliveryOf(reminder, outcome, this.moment(now));
      report[delivery.outcome]++;
      deliveries.push(delivery);
    }
    const at = this.moment(now);
    await this.deps.writer.update(
      BOT,
      ref,
      (dossier) => recordDeliveries(dossier, school, { token, deliveries }, at),
      at,
      known,
    );
  }

  /** A failed send is retried after a backoff, until maxAttempts; then it is recorded as failed. */
  private deliveryOf(reminder: PendingReminder, outcome: NotifyOutcome, at: Date): Delivery {
    if (outcome !== 'retryLater') return { reminder, outcome };
    if (reminder.attempt >= this.options.maxAttempts) return { reminder, outcome: 'failed' };
    const { retryBaseMs, retryMaxMs } = this.options;
    const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** (reminder.attempt - 1));
    const jittered = backoff * (0.5 + this.random() / 2);
    return { reminder, outcome: 'retryLater', retryAt: new Date(at.getTime() + jittered) };
  }

  private async sendWeeklyOverviews(school: School, now: Date, report: SweepReport): Promise<void> {
    const moment = weeklyOverviewDue(school, now);
    if (!moment) return;
    if (this.overviewsDone.week !== moment.week) this.overviewsDone = { week: moment.week, keys: new Set() };
    const done = this.overviewsDone.keys;
    const toChannel = reminderSettingsOf(school).weeklyOverviewToCareTeamChannel;
    const keyOf = (recipientId: string): string =>
      `${school.id}:weeklyOverview:${moment.week}:${recipientId}`;
    const open = overviewRecipients(school, toChannel).filter((r) => !done.has(keyOf(r.id)));
    if (open.length === 0) return;

    // What was sent this week is in the audit log under the week's key (by this or another instance).
    const auditId = `weekly-overview-${moment.week}`;
    for (const event of await this.deps.store.auditOfDossier(school.id, auditId)) done.add(event.id);

    let overview: WeeklyOverview | undefined;
    for (const recipient of open) {
      const key = keyOf(recipient.id);
      if (done.has(key) || !(await this.claimLease(school, key, this.moment(now)))) continue;
      overview ??= await this.loadOverview(school, now);
      const outcome = await this.deliver(
        recipient.id,
        weeklyOverviewMessage(overview, school.tenantId, key, recipient),
      );
      if (outcome === 'retryLater') {
        report.retryLater++;
        continue; // Claimed again once this lease has expired.
      }
      await this.deps.store.appendAudit({
        id: key,
        schoolId: school.id,
        tenantId: school.tenantId,
        dossierId: auditId,
        actorId: REMINDER_AUTHOR.id,
        action: outcome === 'sent' ? 'weeklyOverviewSent' : 'weeklyOverviewUnreachable',
        at: this.moment(now).toISOString(),
      });
      done.add(key);
      if (outcome === 'sent') report.overviewsSent++;
      else report.unreachable++;
    }
  }

  /**
   * Claim `key` for one lease from `at`: of several instances only one sends, and the claim holds
   * for the whole lease (longer than notifyTimeoutMs), so a slow send is not repeated meanwhile.
   * A crashed or failed sender's key is free again once the lease has ended.
   */
  private claimLease(school: School, key: string, at: Date): Promise<boolean> {
    const until = new Date(at.getTime() + this.options.leaseMs).toISOString();
    return this.deps.store.claim(school.id, key, until, at.toISOString());
  }

  /**
   * The school's open dossiers as the overview needs them: from the list query alone (number,
   * step, last activity); only a dossier written before its progress was kept is read whole.
   */
  private async loadOverview(school: School, now: Date): Promise<WeeklyOverview> {
    const summaries = await this.deps.store.dossiersOfSchool(school.id, 'open');
    const inputs: (OverviewInput | Dossier)[] = [];
    for (const summary of summaries) {
      if (summary.progress) {
        inputs.push({ ...summary, progress: summary.progress });
        continue;
      }
      const loaded = await this.deps.store.getDossier(school.id, summary.id);
      if (loaded) inputs.push(loaded.value);
    }
    return weeklyOverview(inputs, school, now);
  }

  /** Notify with a time limit; a rejection or a timeout is 'retryLater'. */
  private async deliver(recipientId: string, message: ReminderMessage): Promise<NotifyOutcome> {
    let timer: unknown;
    const timeout = new Promise<NotifyOutcome>((resolve) => {
      timer = this.deps.timers.setTimeout(() => resolve('retryLater'), this.options.notifyTimeoutMs);
    });
    try {
      return await Promise.race([this.deps.notifier.notify(recipientId, message), timeout]);
    } catch (error) {
      this.deps.logger.warn({ key: message.key, error: errorName(error) }, 'notify failed; will retry');
      return 'retryLater';
    } finally {
      this.deps.timers.clearTimeout(timer);
    }
  }

  /** The later of the sweep's `now` and the clock: claims and retries count from real time. */
  private moment(now: Date): Date {
    return later(now, this.deps.clock());
  }
}

/** The snooze refusals the reminder card explains; anything else cannot come from its buttons. */
function snoozeRefusalOf(code: string): SnoozeRefusalCode {
  return code === 'dossierClosed' || code === 'notRecipient' || code === 'reminderResolved'
    ? code
    : 'unknownReminder';
}

/** For logs: the kind of error, never its message (which might quote content). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
