// The courier carries out what the outbox of a dossier holds (domain/outbox.ts): the consultation
// card to the zorgcoördinator (a channel thread or a personal chat), everyone's copy of that card
// updated after an answer, a notice to the owner, the decision to the beslisser. It decides nothing:
// it sends what a recorded change queued, and records each outcome through the one write path.
//
// Three ways an item gets here: the instance that queued it sends it right after the write; the
// sweep of any instance sends items whose claim ran out or whose retry time came; and an item that
// waits for a person who could not be reached goes out when that person talks to the bot.

import {
  confirmerOf,
  consultationById,
  decisionConfirmation,
  type Consultation,
  type Dossier,
  type NoticeSubject,
} from '../domain';
import {
  claimOutbox,
  dueOutbox,
  recordOutboxOutcomes,
  waitingOutbox,
  type OutboxItem,
  type OutboxOutcome,
} from '../domain/outbox';
import { unchanged } from '../domain/change';
import { isOwnerOf } from '../domain/co-owners';
import { coordinatorNameOf, isCoordinatorOf, type School } from '../domain/school';
import type { CardRenderer, CardJson } from '../cards/render';
import { consultationView, decisionConfirmationView, noticeView } from '../cards/views';
import { t, voiceOf, type Language, type Voice } from '../i18n';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import { voiceForPerson, type Delivery, type Messenger } from './messenger';
import { BOT, type DossierRef, type DossierWriter } from './dossier-writer';

/**
 * What the person who asked for a consultation is told at once: the card is on its way (it goes
 * out right after the answer; step 2 shows whether it arrived, and the asker hears if it did not).
 */
export type ConsultationSent = 'queued';

export interface EffectsReport {
  consultationSent?: ConsultationSent;
}

export interface CourierOptions {
  /** How long a claim on an item holds before another instance may send it. */
  leaseMs: number;
  /** Backoff after a failed attempt: base · 2^(attempts − 1), at most max, times 0.5–1. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many failed attempts the item waits for its person, like an unreachable one. */
  maxAttempts: number;
}

export const DEFAULT_COURIER_OPTIONS: Readonly<CourierOptions> = Object.freeze({
  leaseMs: 2 * 60 * 1000,
  retryBaseMs: 30 * 1000,
  retryMaxMs: 30 * 60 * 1000,
  maxAttempts: 10,
});

export interface CourierDependencies {
  store: Store;
  writer: DossierWriter;
  messenger: Messenger;
  cards: CardRenderer;
  defaultLanguage: Language;
  logger: Logger;
  newId: () => string;
  options?: Partial<CourierOptions>;
  random?: () => number;
}

const NOTICE_KEYS = {
  consultationAccepted: 'notice.consultationAccepted',
  consultationAdvised: 'notice.consultationAdvised',
  consultationDeclined: 'notice.consultationDeclined',
  decisionConfirmed: 'notice.decisionConfirmed',
  decisionSentBack: 'notice.decisionSentBack',
  coOwnerAdded: 'notice.coOwnerAdded',
  ownershipHandedOver: 'notice.ownershipHandedOver',
} as const satisfies Record<NoticeSubject, string>;

export class Courier {
  private readonly options: CourierOptions;
  private readonly random: () => number;

  constructor(private readonly deps: CourierDependencies) {
    this.options = { ...DEFAULT_COURIER_OPTIONS, ...deps.options };
    this.random = deps.random ?? Math.random;
  }

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * Send items this instance holds the claim of (just queued by its own write, or claimed by
   * `deliverDue`), then record their outcomes. Returns the dossier after that record.
   */
  async deliver(
    dossier: Dossier,
    school: School,
    items: readonly OutboxItem[],
    now: Date,
    version?: string,
  ): Promise<{ dossier: Dossier; outcomes: OutboxOutcome[] }> {
    const token = items[0]?.claim?.token;
    if (!token) return { dossier, outcomes: [] };
    const outcomes: OutboxOutcome[] = [];
    for (const item of items) outcomes.push(await this.carryOut(dossier, school, item, now));
    const recorded = await this.deps.writer.update(
      BOT,
      { schoolId: dossier.schoolId, dossierId: dossier.id },
      (current) => recordOutboxOutcomes(current, token, outcomes, now),
      now,
      // Usually nobody wrote since the claim: record on it without reading the dossier again.
      version === undefined ? undefined : { value: dossier, version },
    );
    for (const outcome of outcomes)
      this.deps.logger.info({ item: outcome.id, outcome: outcome.outcome }, 'outbox item carried out');
    return { dossier: recorded.ok ? recorded.dossier : dossier, outcomes };
  }

  /** Claim and send what is due on this dossier (the sweep): retries, and claims that ran out. */
  async deliverDue(ref: DossierRef, now: Date): Promise<OutboxOutcome[]> {
    return this.claimAndDeliver(ref, now, (dossier) => dueOutbox(dossier, now));
  }

  /** Send one item again now (the sender's "send again"); it waits again if still unreachable. */
  async deliverItem(ref: DossierRef, itemId: string, now: Date): Promise<OutboxOutcome[]> {
    return this.claimAndDeliver(ref, now, (dossier) =>
      (dossier.outbox ?? []).filter((item) => item.id === itemId),
    );
  }

  /** Send what waits for this person in this tenant: they just talked to the bot. */
  async deliverWaitingFor(tenantId: string, personId: string, now: Date): Promise<OutboxOutcome[]> {
    const outcomes: OutboxOutcome[] = [];
    for (const school of this.deps.writer.schoolsOfTenant(tenantId)) {
      for (const summary of await this.deps.store.dossiersWaitingFor(school.id, personId)) {
        const ref = { schoolId: summary.schoolId, dossierId: summary.id };
        outcomes.push(
          ...(await this.claimAndDeliver(ref, now, (dossier) => waitingOutbox(dossier, personId))),
        );
      }
    }
    return outcomes;
  }

  /** The card as everyone sees it: the status, without the question or the answer. */
  async statusCard(
    dossier: Dossier,
    school: School,
    consultation: Consultation,
    voice: Voice,
  ): Promise<CardJson> {
    return this.deps.cards.render(
      'consultation',
      consultationView(voice, dossier, school, consultation, {
        isCoordinator: false,
        refreshUserIds: await this.refreshUserIds(school),
      }),
      voice,
    );
  }

  /** Teams ids of the school's zorgcoördinatoren who have talked to the bot: their cards refresh to their own view. */
  async refreshUserIds(school: School): Promise<string[]> {
    const ids = await Promise.all(
      school.coordinators.map((c) => this.deps.messenger.teamsUserId(c.id, school.tenantId)),
    );
    return ids.filter((id): id is string => typeof id === 'string');
  }

  private async claimAndDeliver(
    ref: DossierRef,
    now: Date,
    pick: (dossier: Dossier) => OutboxItem[],
  ): Promise<OutboxOutcome[]> {
    const claim = { token: this.deps.newId(), until: new Date(now.getTime() + this.options.leaseMs) };
    let picked: string[] = [];
    const claimed = await this.deps.writer.update(
      BOT,
      ref,
      (dossier) => {
        picked = pick(dossier).map((item) => item.id);
        if (picked.length === 0) return unchanged(dossier);
        return {
          ok: true,
          dossier: claimOutbox(dossier, picked, claim),
          entries: [],
          effects: [],
          duplicate: false,
        };
      },
      now,
    );
    if (!claimed.ok || picked.length === 0) return [];
    const school = this.deps.writer.school(ref.schoolId);
    if (!school) return [];
    const items = (claimed.dossier.outbox ?? []).filter(
      (item) => picked.includes(item.id) && item.claim?.token === claim.token,
    );
    return (await this.deliver(claimed.dossier, school, items, now, claimed.version)).outcomes;
  }

  /** Send one item; what became of it. */
  private async carryOut(
    dossier: Dossier,
    school: School,
    item: OutboxItem,
    now: Date,
  ): Promise<OutboxOutcome> {
    const effect = item.effect;
    switch (effect.type) {
      case 'deliverConsultation': {
        const consultation = consultationById(dossier, effect.consultationId);
        // Answered or withdrawn meanwhile: the card has nothing left to ask.
        if (!consultation || consultation.status !== 'requested') return { id: item.id, outcome: 'dropped' };
        // Asked of someone who is no longer a zorgcoördinator of the school: the question is not
        // theirs to read any more. The asker hears the card did not arrive and can ask someone else.
        if (!school.careTeamChannelId && !isCoordinatorOf(school, consultation.coordinatorId)) {
          await this.tellAsker(dossier, school, consultation, item, 'noLongerCoordinator');
          return { id: item.id, outcome: 'unreachable', recipientId: null };
        }
        const outcome = await this.deliverConsultation(dossier, school, consultation, item, now);
        if (outcome.outcome === 'unreachable') await this.tellAsker(dossier, school, consultation, item);
        return outcome;
      }
      case 'updateConsultationCard': {
        const consultation = consultationById(dossier, effect.consultationId);
        const delivery = consultation?.delivery;
        if (!consultation || !delivery || delivery.delivered === 'unreachable')
          return { id: item.id, outcome: 'dropped' };
        if (!delivery.conversationId || !delivery.activityId) return { id: item.id, outcome: 'dropped' };
        // The copy in a personal chat shows the question and the answer: only to a zorgcoördinator.
        if (delivery.delivered === 'personal' && !isCoordinatorOf(school, consultation.coordinatorId))
          return { id: item.id, outcome: 'dropped' };
        const card = await this.consultationCard(dossier, school, consultation, delivery.delivered);
        const updated = await this.deps.messenger.update(
          { conversationId: delivery.conversationId, activityId: delivery.activityId },
          dossier.tenantId,
          card,
          item.viaId,
        );
        // A card that cannot be updated any more (deleted, the chat gone) is left as it is.
        return updated.ok || updated.reason === 'unreachable'
          ? { id: item.id, outcome: updated.ok ? 'delivered' : 'dropped' }
          : this.later(item, now);
      }
      case 'tellOwner': {
        const entry = dossier.log.find((e) => e.seq === effect.seq);
        const recipientId = effect.recipientId ?? dossier.ownerId;
        // Queued for an owner who is one no longer (a co-owner removed, the dossier handed over):
        // what was said stays in the dossier, for those who are.
        if (!isOwnerOf(dossier, recipientId)) return { id: item.id, outcome: 'dropped' };
        const voice = await this.voiceFor(recipientId, school);
        const consultation =
          entry && 'consultationId' in entry.data
            ? consultationById(dossier, entry.data.consultationId)
            : undefined;
        const reason =
          entry && 'reason' in entry.data ? entry.data.reason : (consultation?.declineReason ?? '');
        // What was said goes with the notice: the advice, the beslisser's note (the owner's own chat).
        const note = entry?.kind === 'decisionConfirmed' ? entry.data.note : '';
        const key =
          effect.subject === 'decisionConfirmed' && note !== ''
            ? 'notice.decisionConfirmedNote'
            : NOTICE_KEYS[effect.subject];
        const text = t(voice, key, {
          name: entry?.authorName ?? '',
          number: dossier.number,
          reason,
          advice:
            entry?.kind === 'consultationAdviceRecorded' ? entry.data.advice : (consultation?.advice ?? ''),
          note,
        });
        const card = this.deps.cards.render('notice', noticeView(voice, dossier, text), voice);
        return this.outcome(
          item,
          recipientId,
          await this.deps.messenger.toPerson(recipientId, dossier.tenantId, card, item.viaId),
          now,
        );
      }
      case 'askForConfirmation': {
        // Decided on, or closed meanwhile (with a written reason, see domain/closing.ts): nothing to ask.
        if (decisionConfirmation(dossier).state !== 'waiting' || dossier.status === 'closed')
          return { id: item.id, outcome: 'dropped' };
        // The effect names who confirmed when it was queued: the beslisser, or the deputy when the
        // beslisser decided. The card goes to whoever confirms now: after a change in the school's
        // settings it is not the former beslisser's, and the new one must not miss it.
        const confirmer = confirmerOf(dossier, school);
        if (!confirmer) return { id: item.id, outcome: 'dropped' };
        const decisionMaker = { id: confirmer.id };
        const voice = await this.voiceFor(decisionMaker.id, school);
        const card = this.deps.cards.render(
          'decision-confirmation',
          decisionConfirmationView(voice, dossier, school, { values: {}, errors: {} }),
          voice,
        );
        return this.outcome(
          item,
          decisionMaker.id,
          await this.deps.messenger.toPerson(decisionMaker.id, dossier.tenantId, card, item.viaId),
          now,
        );
      }
    }
  }

  private async deliverConsultation(
    dossier: Dossier,
    school: School,
    consultation: Consultation,
    item: OutboxItem,
    now: Date,
  ): Promise<OutboxOutcome> {
    if (school.careTeamChannelId) {
      // The channel's language is the school's; the card names the dossier number only.
      const voice = this.channelVoice(school);
      const card = await this.statusCard(dossier, school, consultation, voice);
      const opening = t(voice, 'consultation.threadOpening', { number: dossier.number });
      const delivery = await this.deps.messenger.toChannel(
        school.careTeamChannelId,
        dossier.tenantId,
        opening,
        card,
        item.viaId,
      );
      return delivery.ok
        ? {
            id: item.id,
            outcome: 'delivered',
            where: 'channel',
            conversationId: delivery.conversationId,
            activityId: delivery.activityId,
          }
        : delivery.reason === 'unreachable'
          ? { id: item.id, outcome: 'unreachable', recipientId: null }
          : this.later(item, now);
    }
    const card = await this.consultationCard(dossier, school, consultation, 'personal');
    const delivery = await this.deps.messenger.toPerson(
      consultation.coordinatorId,
      dossier.tenantId,
      card,
      item.viaId,
    );
    return delivery.ok
      ? {
          id: item.id,
          outcome: 'delivered',
          where: 'personal',
          conversationId: delivery.conversationId,
          activityId: delivery.activityId,
        }
      : this.outcome(item, consultation.coordinatorId, delivery, now);
  }

  /**
   * The person who asked hears plainly that the card did not arrive (their click was answered before
   * it was sent). Best effort: the dossier's step 2 says the same and offers to send it again.
   */
  private async tellAsker(
    dossier: Dossier,
    school: School,
    consultation: Consultation,
    item: OutboxItem,
    why: 'unreachable' | 'noLongerCoordinator' = 'unreachable',
  ): Promise<void> {
    const askerId = consultation.requestedById;
    if (!isOwnerOf(dossier, askerId)) return;
    const voice = await this.voiceFor(askerId, school);
    const coordinator = coordinatorNameOf(school, consultation.coordinatorId) ?? '';
    const text =
      why === 'unreachable'
        ? t(voice, 'consultation.unreachable', { coordinator })
        : t(voice, 'consultation.noLongerCoordinator', { number: dossier.number });
    const card = this.deps.cards.render('notice', noticeView(voice, dossier, text), voice);
    const told = await this.deps.messenger.toPerson(askerId, dossier.tenantId, card, item.viaId);
    if (!told.ok) this.deps.logger.warn({ item: item.id, reason: told.reason }, 'asker not told');
  }

  /** The consultation card for where it was posted: the status in a channel, the coordinator's own view in a chat. */
  private async consultationCard(
    dossier: Dossier,
    school: School,
    consultation: Consultation,
    where: 'channel' | 'personal',
  ): Promise<CardJson> {
    if (where === 'channel') return this.statusCard(dossier, school, consultation, this.channelVoice(school));
    const voice = await this.voiceFor(consultation.coordinatorId, school);
    return this.deps.cards.render(
      'consultation',
      consultationView(voice, dossier, school, consultation, { isCoordinator: true, refreshUserIds: [] }),
      voice,
    );
  }

  private outcome(item: OutboxItem, recipientId: string, delivery: Delivery, now: Date): OutboxOutcome {
    if (delivery.ok) return { id: item.id, outcome: 'delivered' };
    return delivery.reason === 'unreachable'
      ? { id: item.id, outcome: 'unreachable', recipientId }
      : this.later(item, now, recipientId);
  }

  /** Try again after a backoff; after too many attempts, wait for the person like an unreachable item. */
  private later(item: OutboxItem, now: Date, recipientId: string | null = null): OutboxOutcome {
    const { retryBaseMs, retryMaxMs, maxAttempts } = this.options;
    if (item.attempts + 1 >= maxAttempts) return { id: item.id, outcome: 'unreachable', recipientId };
    const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** item.attempts) * (0.5 + this.random() / 2);
    return { id: item.id, outcome: 'retryLater', retryAt: new Date(now.getTime() + backoff), recipientId };
  }

  /** A care-team channel reads the school's own language, in the school's word for the role. */
  private channelVoice(school: School): Voice {
    return voiceOf(this.deps.defaultLanguage, school);
  }

  private voiceFor(personId: string, school: School): Promise<Voice> {
    return voiceForPerson(this.deps.messenger, personId, school, this.deps.defaultLanguage);
  }
}
