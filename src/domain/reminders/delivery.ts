// Sending reminders safely with several scheduler instances: claim, then record what became of them.

import type { Change } from '../change';
import type { Dossier, LogEntry } from '../dossier';
import { append } from '../log';
import type { School } from '../school';
import { REMINDER_AUTHOR, type PendingReminder, type RecordedOutcome } from './entries';
import { reminderSentData, scheduleOf } from './schedule';

/**
 * Claim reminders for sending until `until`: saved with the version read, this write is what makes
 * one scheduler instance the only sender. `nextReminderAt` moves to `until`, so that if the sender
 * dies before it records the outcome, the reminders fall due again when the claim runs out.
 */
export function claimReminders(
  dossier: Dossier,
  claim: { token: string; until: Date },
  reminders: readonly PendingReminder[],
): Dossier {
  const until = claim.until.toISOString();
  return {
    ...dossier,
    nextReminderAt: until,
    reminderDelivery: {
      claim: { token: claim.token, until, keys: reminders.map((r) => r.key) },
      retries: dossier.reminderDelivery?.retries ?? [],
    },
  };
}

export type Delivery =
  | { reminder: PendingReminder; outcome: RecordedOutcome }
  | { reminder: PendingReminder; outcome: 'retryLater'; retryAt: Date };

/**
 * Record what became of claimed reminders: one `reminderSent` entry per delivered (or given up)
 * key, never two for the same key; a retry time for the others; the claim released (when it is
 * still this one); `nextReminderAt` recomputed.
 */
export function recordDeliveries(
  dossier: Dossier,
  school: School,
  record: { token: string; deliveries: readonly Delivery[] },
  now: Date,
): Change {
  const logged = new Set(dossier.log.flatMap((e) => reminderSentData(e)?.key ?? []));
  let recorded = dossier;
  const entries: LogEntry[] = [];
  const at = now.toISOString();
  for (const delivery of record.deliveries) {
    if (delivery.outcome === 'retryLater' || logged.has(delivery.reminder.key)) continue;
    const r = delivery.reminder;
    logged.add(r.key);
    const appended = append(recorded, {
      at,
      authorId: REMINDER_AUTHOR.id,
      authorName: REMINDER_AUTHOR.name,
      // The bot has no role of its own; the entry carries the role of the person reminded.
      role: r.recipient.role,
      kind: 'reminderSent',
      data: {
        key: r.key,
        kind: r.kind,
        trigger: r.trigger,
        recipientId: r.recipient.id,
        recipientRole: r.recipient.role,
        step: r.step,
        dueAt: r.dueAt,
        attempt: r.attempt,
        outcome: delivery.outcome,
        ...(r.snoozedFrom ? { snoozedFrom: r.snoozedFrom } : {}),
      },
    });
    recorded = appended.dossier;
    entries.push(appended.entry);
  }
  const retries = new Map(
    (dossier.reminderDelivery?.retries ?? [])
      .filter((r) => !logged.has(r.key))
      .map((r) => [r.key, r] as const),
  );
  for (const delivery of record.deliveries) {
    if (delivery.outcome !== 'retryLater') continue;
    const { key, attempt } = delivery.reminder;
    retries.set(key, { key, attempts: attempt, notBefore: delivery.retryAt.toISOString() });
  }
  const claim = dossier.reminderDelivery?.claim;
  recorded = {
    ...recorded,
    reminderDelivery: {
      claim: claim && claim.token !== record.token ? claim : null,
      retries: [...retries.values()],
    },
  };
  // Retries of reminders no rule owes any more (the dossier moved on) are dropped.
  const schedule = scheduleOf(recorded, school, now);
  const owed = new Set(schedule.pending.map((r) => r.key));
  const delivery = recorded.reminderDelivery ?? { claim: null, retries: [] };
  return {
    ok: true,
    // The write path recomputes nextReminderAt after every change.
    dossier: {
      ...recorded,
      reminderDelivery: { ...delivery, retries: delivery.retries.filter((r) => owed.has(r.key)) },
    },
    entries,
    effects: [],
    duplicate: false,
  };
}
