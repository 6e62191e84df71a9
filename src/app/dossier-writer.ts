// The one write path of a dossier. Every change — a staff member's command, a snooze, a reminder
// claim or delivery, the recorded outcome of a card sent — goes through `update`:
//
//   load → access (a refusal is audited) → change (pure: decide, or a reminder rule) → outbox (the
//   change's effects, queued in the dossier) → schedule (nextReminderAt) → conditional write →
//   log line
//
// The write is conditional on the version that was read. When someone else wrote first
// (StaleVersionError), or the store's answer was lost (a reset connection, a timeout), the whole
// path runs again on a fresh read after a short backoff with jitter: a conditional write is safe to
// repeat, and a change recorded already is found again by its submission id and not recorded twice.
// The change's audit events are its log entries (domain/audit.ts), so they are written with it.
//
// No dossier lives between requests; no state lives in this object between calls.

import { createHash } from 'node:crypto';
import {
  REMINDER_AUTHOR,
  roleOf,
  type Actor,
  type Change,
  withProgress,
  type Dossier,
  type LogEntry,
  type Refusal,
  type Role,
} from '../domain';
import { queueEffects, withoutStaleConsultationCards, type OutboxItem } from '../domain/outbox';
import { withAttention } from '../domain/attention';
import { withNextDue } from '../domain/next-due';
import type { School } from '../domain/school';
import type { LogContext, Logger } from '../logger';
import {
  AlreadyExistsError,
  StaleVersionError,
  isTransientStoreError,
  type Store,
  type Versioned,
} from '../store/store';

export interface DossierRef {
  schoolId: string;
  dossierId: string;
}

export type AccessRefusal = { code: 'notFound' } | { code: 'notInvolved' } | { code: 'unknownSchool' };

/**
 * Who changes the dossier: a person, whose access is checked, or the bot itself for its own
 * bookkeeping (reminder claims and deliveries, the outcome of a card it sent), which acts for the
 * people involved and needs no access of its own.
 */
export type Writer = { person: Actor } | { bot: true };

export const BOT: Writer = { bot: true };

/** What a change function gets besides the dossier. */
export interface ChangeContext {
  school: School;
  /** The role of the person acting; the bot's own changes act in no role ('eigenaar' for the record). */
  role: Role;
  now: Date;
}

export type ChangeFn = (dossier: Dossier, ctx: ChangeContext) => Change;

export type UpdateOutcome =
  | {
      ok: true;
      dossier: Dossier;
      /** The version `dossier` was read or written at: a next change may start from it unread. */
      version: string;
      role: Role;
      /** The change was recorded before (a double press, a retry): nothing was written now. */
      duplicate: boolean;
      entries: readonly LogEntry[];
      /** What this write queued in the outbox, claimed for this instance to deliver at once. */
      queued: readonly OutboxItem[];
    }
  | { ok: false; refusal: Refusal; dossier: Dossier; role: Role }
  | { ok: false; access: AccessRefusal };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /**
   * No new attempt starts after this much time since the first (ms): a click must be answered
   * within the few seconds Teams waits, with the form kept, rather than late or never.
   */
  budgetMs: number;
  /** Backoff before attempt n + 1: base · 2^(n − 1), at most max, times a jitter of 0.5–1. */
  baseMs: number;
  maxMs: number;
}

/**
 * Enough for ten people acting on one dossier at the same moment, on two instances, without anyone
 * having to press again (test/app/dossier-writer.test.ts); a few seconds at worst.
 */
export const DEFAULT_WRITE_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 12,
  budgetMs: 3000,
  baseMs: 10,
  maxMs: 400,
});

export interface DossierWriterDependencies {
  store: Store;
  schools: readonly School[];
  logger: Logger;
  logContext?: LogContext | undefined;
  newId: () => string;
  /** How long a card queued by this instance is held for it before another instance may send it. */
  outboxLeaseMs: number;
  retry?: RetryPolicy | undefined;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class DossierWriter {
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: DossierWriterDependencies) {
    this.retry = deps.retry ?? DEFAULT_WRITE_RETRY;
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  school(schoolId: string): School | undefined {
    return this.deps.schools.find((school) => school.id === schoolId);
  }

  /**
   * The school as the writer may reach it: a school of another tenant is, for a person, a school that
   * does not exist (nothing is read, nothing written into its audit trail); the bot reaches every one.
   */
  private schoolFor(schoolId: string, writer: Writer): School | undefined {
    const school = this.school(schoolId);
    return school && ('bot' in writer || writer.person.tenantId === school.tenantId) ? school : undefined;
  }

  /** The schools of a tenant: where a person of that tenant can be involved. */
  schoolsOfTenant(tenantId: string): School[] {
    return this.deps.schools.filter((school) => school.tenantId === tenantId);
  }

  /**
   * Apply one change through the whole path; see the top of this file. `current` is the dossier as
   * the caller just read or wrote it: the first attempt starts from it without reading again.
   */
  async update(
    writer: Writer,
    ref: DossierRef,
    change: ChangeFn,
    now: Date,
    current?: Versioned<Dossier>,
  ): Promise<UpdateOutcome> {
    const school = this.schoolFor(ref.schoolId, writer);
    if (!school) return { ok: false, access: { code: 'notFound' } };
    let known = current;
    let seen: { dossier: Dossier; role: Role } | undefined;
    try {
      return await this.withRetries(ref.dossierId, async () => {
        const loaded = known ?? (await this.deps.store.getDossier(ref.schoolId, ref.dossierId));
        known = undefined; // A retry reads afresh: the known version may be what went stale.
        if (!loaded) return { ok: false, access: { code: 'notFound' } };
        this.deps.logContext?.note({ dossierNumber: loaded.value.number });
        const role = await this.access(writer, loaded.value, school, now);
        if (!role) return { ok: false, access: { code: 'notInvolved' } };
        seen = { dossier: loaded.value, role };

        const result = change(loaded.value, { school, role, now });
        if (!result.ok) return { ok: false, refusal: result.refusal, dossier: loaded.value, role };
        const { version } = loaded;
        if (result.duplicate)
          return { ok: true, dossier: loaded.value, version, role, duplicate: true, entries: [], queued: [] };

        const { dossier, queued } = this.prepare(result, school, now);
        if (dossier === loaded.value)
          return { ok: true, dossier, version, role, duplicate: false, entries: [], queued: [] };
        const saved = await this.deps.store.replaceDossier(dossier, loaded.version);
        this.logged(result.entries);
        return {
          ok: true,
          dossier: saved.value,
          version: saved.version,
          role,
          duplicate: false,
          entries: result.entries,
          queued,
        };
      });
    } catch (error) {
      // Out of time: nothing was recorded (or a recorded change shows up on the next look). A
      // person gets their form back as typed, to send again; the bot's own work runs again later.
      if (!(error instanceof GaveUp)) throw error;
      if (!seen || 'bot' in writer) throw error.last;
      this.deps.logger.warn({ dossierId: ref.dossierId }, 'gave up writing in time');
      return { ok: false, refusal: { code: 'tryAgain' }, dossier: seen.dossier, role: seen.role };
    }
  }

  /**
   * Create a dossier that `change` makes out of nothing (opening). Its id comes from the caller and
   * is the same for a double press, so a second create finds the first one's dossier.
   */
  async create(
    actor: Actor,
    schoolId: string,
    id: string,
    change: (ctx: ChangeContext) => Promise<Change>,
    now: Date,
  ): Promise<
    | { ok: true; dossier: Dossier; duplicate: boolean }
    | { ok: false; refusal: Refusal }
    | { ok: false; access: AccessRefusal }
  > {
    const school = this.schoolFor(schoolId, { person: actor });
    if (!school) return { ok: false, access: { code: 'unknownSchool' } };
    // The same form pressed again later finds the dossier it opened: shown only to someone who is
    // still involved (the dossier may have been handed over since), with the same audited check.
    const found = async (
      dossier: Dossier,
    ): Promise<{ ok: true; dossier: Dossier; duplicate: true } | { ok: false; access: AccessRefusal }> =>
      (await this.access({ person: actor }, dossier, school, now))
        ? { ok: true, dossier, duplicate: true }
        : { ok: false, access: { code: 'notInvolved' } };
    try {
      return await this.withRetries(id, async () => {
        const existing = await this.deps.store.getDossier(schoolId, id);
        if (existing) return found(existing.value);
        const result = await change({ school, role: 'eigenaar', now });
        if (!result.ok) return { ok: false, refusal: result.refusal };
        const { dossier } = this.prepare(result, school, now);
        try {
          const created = await this.deps.store.createDossier(dossier);
          this.deps.logContext?.note({ dossierNumber: created.value.number });
          this.logged(result.entries, 'dossier opened');
          return { ok: true, dossier: created.value, duplicate: false };
        } catch (error) {
          // Someone (or an earlier attempt whose answer was lost) created it first: that one counts.
          if (!(error instanceof AlreadyExistsError)) throw error;
          const raced = await this.deps.store.getDossier(schoolId, id);
          if (!raced) throw error;
          return found(raced.value);
        }
      });
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      this.deps.logger.warn({ dossierId: id }, 'gave up opening in time');
      return { ok: false, refusal: { code: 'tryAgain' } };
    }
  }

  /**
   * Read a dossier for a person involved in it, with the same access check (a refusal audited) as
   * every change: what views, exports and lists use.
   */
  async read(
    actor: Actor,
    ref: DossierRef,
    now: Date,
  ): Promise<
    { ok: true; dossier: Dossier; role: Role; school: School } | { ok: false; access: AccessRefusal }
  > {
    const school = this.schoolFor(ref.schoolId, { person: actor });
    if (!school) return { ok: false, access: { code: 'notFound' } };
    const loaded = await this.deps.store.getDossier(ref.schoolId, ref.dossierId);
    if (!loaded) return { ok: false, access: { code: 'notFound' } };
    this.deps.logContext?.note({ dossierNumber: loaded.value.number });
    const role = await this.access({ person: actor }, loaded.value, school, now);
    return role
      ? { ok: true, dossier: loaded.value, role, school }
      : { ok: false, access: { code: 'notInvolved' } };
  }

  /** Append an event that changes no dossier (a view, an export, a refusal): who, what, when. */
  async audit(dossier: Dossier, actorId: string, action: string, now: Date): Promise<void> {
    await this.deps.store.appendAudit({
      id: this.deps.newId(),
      schoolId: dossier.schoolId,
      tenantId: dossier.tenantId,
      dossierId: dossier.id,
      actorId,
      action,
      at: now.toISOString(),
    });
  }

  /** The role of a person in the dossier, or null (audited as a refused attempt). */
  private async access(writer: Writer, dossier: Dossier, school: School, now: Date): Promise<Role | null> {
    if ('bot' in writer) return 'eigenaar';
    const role = roleOf(dossier, writer.person, school);
    if (!role) {
      // The attempt is recorded without content; the user learns nothing about the dossier.
      await this.audit(dossier, writer.person.id, 'refused:notInvolved', now);
      this.deps.logger.warn({ dossierId: dossier.id, actorId: writer.person.id }, 'access refused');
    }
    return role;
  }

  /** The dossier as it will be written: its effects queued, its next due moment computed. */
  private prepare(
    result: Change & { ok: true },
    school: School,
    now: Date,
  ): { dossier: Dossier; queued: OutboxItem[] } {
    const claim = { token: this.deps.newId(), until: new Date(now.getTime() + this.deps.outboxLeaseMs) };
    const { dossier, queued } = queueEffects(result.dossier, result.effects, now, claim);
    const current = withoutStaleConsultationCards(dossier);
    return { dossier: withProgress(withAttention(withNextDue(current, school, now))), queued };
  }

  private logged(entries: readonly LogEntry[], message = 'dossier changed'): void {
    if (entries.length === 0) return;
    this.deps.logger.info(
      {
        recorded: entries.map((entry) => entry.kind),
        by: entries[0]?.authorId === REMINDER_AUTHOR.id ? 'bot' : 'person',
      },
      message,
    );
  }

  /**
   * Run `attempt` until it gets through: again after a stale version (someone wrote first) or a
   * store error that may pass (the write may or may not have happened: the next read tells).
   */
  private async withRetries<T>(dossierId: string, attempt: () => Promise<T>): Promise<T> {
    const { attempts, budgetMs, baseMs, maxMs } = this.retry;
    const started = performance.now();
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        const again = error instanceof StaleVersionError || isTransientStoreError(error);
        const backoff = Math.min(maxMs, baseMs * 2 ** (n - 1)) * (0.5 + this.random() / 2);
        const late = performance.now() - started + backoff > budgetMs;
        if (!again) throw error;
        if (n >= attempts || late) throw new GaveUp(error);
        this.deps.logger.info(
          { dossierId, attempt: n, reason: error instanceof StaleVersionError ? 'stale' : 'store' },
          'writing again',
        );
        await this.sleep(backoff);
      }
    }
  }
}

/** Retries ran out (in number or in time) on an error that might have passed. */
class GaveUp extends Error {
  constructor(readonly last: unknown) {
    super('The dossier could not be written in time; the last error is attached.', { cause: last });
    this.name = 'GaveUp';
  }
}

/** A UUID-shaped id derived from a key: the same card submission always names the same dossier. */
export function stableId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
