// The outbox: cards and notices the bot owes people because of what was recorded, kept in the dossier
// itself. A change's effects are queued in the same write as its entries, so a crash right after the
// write loses no card; an item leaves the outbox only when its outcome is recorded, through the same
// write path. Any instance can deliver an item (the reminder sweep finds dossiers with items due via
// nextReminderAt); a claim with a lease makes sure only one sends it at a time.
//
// An item that could not be delivered because the person cannot be reached (no chat with the bot
// yet, the app not installed, blocked) waits: `waitingFor` on the dossier names those people, so the
// bot can deliver it when that person next talks to it, and the sender can see it has not arrived.

import { consultations } from './consultation';
import { append } from './log';
import type { Dossier, LogEntry } from './dossier';
import type { Effect } from './effects';
import { REMINDER_AUTHOR } from './reminders/entries';
import type { Change } from './change';

export interface OutboxItem {
  /** Derived from the entry that set it off: `<seq>:<effect type>`, and `:again-<n>` for a resend. */
  id: string;
  effect: Effect;
  /** The person whose action set it off: their saved chat tells where the tenant's Teams service is. */
  viaId: string;
  queuedAt: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Not tried before this moment (a backoff after a failed attempt). */
  notBefore: string;
  /** An instance is sending it until `until`; after that another may (the sender crashed). */
  claim?: { token: string; until: string } | undefined;
  /** Could not be delivered: waits until this person talks to the bot (or is sent again). */
  waitingFor?: string | undefined;
  /**
   * An attempt to reach this person failed for now (Teams busy, or an error on a chat just made):
   * the sweep tries again after the backoff, and so does the person's next message to the bot.
   */
  triedFor?: string | undefined;
}

/** How an attempt to deliver an item ended. */
export type OutboxOutcome =
  | {
      id: string;
      outcome: 'delivered';
      conversationId?: string | undefined;
      activityId?: string | undefined;
      where?: 'channel' | 'personal';
    }
  /** The person cannot be reached now; the item waits for them (`recipientId`). */
  | { id: string; outcome: 'unreachable'; recipientId: string | null }
  /** Teams was busy or failing: try again after `retryAt` (and when `recipientId` talks to the bot). */
  | { id: string; outcome: 'retryLater'; retryAt: Date; recipientId?: string | null }
  /** Nothing to send any more (the dossier moved on): the item is dropped. */
  | { id: string; outcome: 'dropped' };

export const outboxOf = (dossier: Dossier): readonly OutboxItem[] => dossier.outbox ?? [];

/** Named after the entry and the effect; a notice to each owner is an item of its own. */
function itemIdOf(effect: Effect): string {
  const recipient = effect.type === 'tellOwner' && effect.recipientId ? `:${effect.recipientId}` : '';
  return `${effect.seq}:${effect.type}${recipient}`;
}

/** The people with items waiting for them; kept on the dossier so the store can find it by person. */
function waitingForOf(outbox: readonly OutboxItem[]): string[] {
  const people = outbox.flatMap((item) => {
    const person = item.waitingFor ?? item.triedFor;
    return person ? [person] : [];
  });
  return [...new Set(people)].sort();
}

function withOutbox(dossier: Dossier, outbox: OutboxItem[]): Dossier {
  const { outbox: _old, waitingFor: _w, ...rest } = dossier;
  if (outbox.length === 0) return rest;
  const waitingFor = waitingForOf(outbox);
  return { ...rest, outbox, ...(waitingFor.length > 0 ? { waitingFor } : {}) };
}

/**
 * The dossier without consultation cards still to deliver for a request that is no longer open
 * (withdrawn, or answered): nothing is left to ask, and nobody should wait for that card any more.
 */
export function withoutStaleConsultationCards(dossier: Dossier): Dossier {
  const outbox = outboxOf(dossier);
  if (!outbox.some((item) => item.effect.type === 'deliverConsultation')) return dossier;
  const open = new Set(
    consultations(dossier)
      .filter((c) => c.status === 'requested')
      .map((c) => c.id),
  );
  const kept = outbox.filter(
    (item) => item.effect.type !== 'deliverConsultation' || open.has(item.effect.consultationId),
  );
  return kept.length === outbox.length ? dossier : withOutbox(dossier, kept);
}

/**
 * Queue a change's effects, claimed for the instance that wrote them so that it delivers them at
 * once, after answering; if it dies, the claim runs out and the sweep of another instance sends them.
 */
export function queueEffects(
  dossier: Dossier,
  effects: readonly Effect[],
  now: Date,
  claim: { token: string; until: Date },
): { dossier: Dossier; queued: OutboxItem[] } {
  if (effects.length === 0) return { dossier, queued: [] };
  const viaId = dossier.log.at(-1)?.authorId ?? dossier.ownerId;
  const present = new Set(outboxOf(dossier).map((item) => item.id));
  const queued = effects
    .map((effect): OutboxItem => ({
      id: itemIdOf(effect),
      effect,
      viaId,
      queuedAt: now.toISOString(),
      attempts: 0,
      notBefore: now.toISOString(),
      claim: { token: claim.token, until: claim.until.toISOString() },
    }))
    .filter((item) => !present.has(item.id));
  return { dossier: withOutbox(dossier, [...outboxOf(dossier), ...queued]), queued };
}

/** Queue an item again that did not arrive (the sender's "send again"), claimed for this instance. */
export function queueAgain(
  dossier: Dossier,
  itemOrEffect: OutboxItem | Effect,
  viaId: string,
  now: Date,
  claim: { token: string; until: Date },
): { dossier: Dossier; queued: OutboxItem } {
  const rest = outboxOf(dossier).filter((item) => !('effect' in itemOrEffect) || item.id !== itemOrEffect.id);
  const effect = 'effect' in itemOrEffect ? itemOrEffect.effect : itemOrEffect;
  const again = dossier.log.length + rest.length;
  const queued: OutboxItem = {
    id: `${itemIdOf(effect)}:again-${again}`,
    effect,
    viaId,
    queuedAt: now.toISOString(),
    attempts: 0,
    notBefore: now.toISOString(),
    claim: { token: claim.token, until: claim.until.toISOString() },
  };
  return { dossier: withOutbox(dossier, [...rest, queued]), queued };
}

const claimHeld = (item: OutboxItem, now: Date): boolean =>
  item.claim !== undefined && new Date(item.claim.until) > now;

/** Items any instance may send now: not waiting for a person, not held by a claim, not backing off. */
export function dueOutbox(dossier: Dossier, now: Date): OutboxItem[] {
  const at = now.toISOString();
  return outboxOf(dossier).filter(
    (item) => !item.waitingFor && !claimHeld(item, now) && item.notBefore <= at,
  );
}

/** Items waiting for this person, or in backoff after a failed attempt to reach them. */
export function waitingOutbox(dossier: Dossier, personId: string): OutboxItem[] {
  return outboxOf(dossier).filter((item) => (item.waitingFor ?? item.triedFor) === personId);
}

/** Claim items for sending (a conditional write makes one instance the sender). */
export function claimOutbox(
  dossier: Dossier,
  ids: readonly string[],
  claim: { token: string; until: Date },
): Dossier {
  const wanted = new Set(ids);
  return withOutbox(
    dossier,
    outboxOf(dossier).map((item) =>
      wanted.has(item.id)
        ? { ...item, waitingFor: undefined, claim: { token: claim.token, until: claim.until.toISOString() } }
        : item,
    ),
  );
}

/** When the next item falls due (a retry, or a claim that may run out), or null. */
export function outboxNextAt(dossier: Dossier): string | null {
  const moments = outboxOf(dossier)
    .filter((item) => !item.waitingFor)
    .map((item) => (item.claim && item.claim.until > item.notBefore ? item.claim.until : item.notBefore))
    .sort();
  return moments[0] ?? null;
}

/**
 * Record what became of items this instance sent (claim `token`): delivered and dropped ones leave
 * the outbox, unreachable ones wait for their person, the others are tried again later. Where a
 * consultation card went is recorded in the log (`consultationDelivered`), as the consultation's
 * status depends on it. Items another instance claimed since are left alone.
 */
export function recordOutboxOutcomes(
  dossier: Dossier,
  token: string,
  outcomes: readonly OutboxOutcome[],
  now: Date,
): Change {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  let next = dossier;
  const entries: LogEntry[] = [];
  const outbox: OutboxItem[] = [];
  for (const item of outboxOf(dossier)) {
    const outcome = byId.get(item.id);
    if (!outcome || item.claim?.token !== token) {
      outbox.push(item);
      continue;
    }
    const { claim: _released, ...unclaimed } = item;
    switch (outcome.outcome) {
      case 'delivered':
      case 'dropped':
        break;
      case 'unreachable':
        if (outcome.recipientId) outbox.push({ ...unclaimed, waitingFor: outcome.recipientId });
        break;
      case 'retryLater':
        outbox.push({
          ...unclaimed,
          attempts: item.attempts + 1,
          notBefore: outcome.retryAt.toISOString(),
          ...(outcome.recipientId ? { triedFor: outcome.recipientId } : {}),
        });
        break;
    }
    if (
      item.effect.type === 'deliverConsultation' &&
      outcome.outcome !== 'retryLater' &&
      outcome.outcome !== 'dropped'
    ) {
      const appended = append(next, {
        at: now.toISOString(),
        authorId: REMINDER_AUTHOR.id,
        authorName: REMINDER_AUTHOR.name,
        role: 'eigenaar',
        kind: 'consultationDelivered',
        step: 'consultatie',
        data:
          outcome.outcome === 'delivered'
            ? {
                consultationId: item.effect.consultationId,
                delivered: outcome.where ?? 'personal',
                conversationId: outcome.conversationId,
                activityId: outcome.activityId,
              }
            : { consultationId: item.effect.consultationId, delivered: 'unreachable' },
      });
      next = appended.dossier;
      entries.push(appended.entry);
    }
  }
  const recorded = withOutbox(next, outbox);
  return { ok: true, dossier: recorded, entries, effects: [], duplicate: false };
}
