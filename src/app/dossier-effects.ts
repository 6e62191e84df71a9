// What follows from a recorded entry, outside the dossier: the consultation card reaches the
// zorgcoördinator (a channel thread or a personal chat), answers update that card for everyone and
// tell the owner, and a step-5 outcome goes to the beslisser to confirm. Nothing here decides; it
// carries out what decide() recorded, and records where the card went.

import {
  consultationById,
  decisionConfirmation,
  type Command,
  type Consultation,
  type Dossier,
  type LogEntry,
} from '../domain';
import type { School } from '../domain/school';
import type { CardRenderer, CardJson } from '../cards/render';
import { consultationView, decisionConfirmationView, noticeView } from '../cards/views';
import { languageOf, t, type Language } from '../i18n';
import type { Logger } from '../logger';
import type { Delivery, Messenger } from './messenger';

export interface Actor {
  id: string;
  name: string;
  tenantId: string;
}

/** How the consultation card went out, for the answer to the person who asked. */
export type ConsultationSent = 'channel' | 'personal' | 'unreachable' | 'retryLater';

export interface EffectsReport {
  consultationSent?: ConsultationSent;
}

/** Records a follow-up entry (where the card went) through the same load → decide → save path. */
export type Record_ = (command: Command) => Promise<void>;

export interface DossierEffectsDependencies {
  messenger: Messenger;
  cards: CardRenderer;
  defaultLanguage: Language;
  logger: Logger;
}

export class DossierEffects {
  constructor(private readonly deps: DossierEffectsDependencies) {}

  async after(
    dossier: Dossier,
    school: School,
    entries: readonly LogEntry[],
    actor: Actor,
    record: Record_,
  ): Promise<EffectsReport> {
    const report: EffectsReport = {};
    for (const entry of entries) {
      switch (entry.kind) {
        case 'consultationRequested':
          report.consultationSent = await this.deliverConsultation(dossier, school, entry.seq, actor, record);
          break;
        case 'consultationAccepted':
        case 'consultationAdviceRecorded':
        case 'consultationDeclined':
          await this.consultationAnswered(dossier, school, entry, actor);
          break;
        case 'afwegingsvraagAnswered':
          await this.askForConfirmation(dossier, school, actor);
          break;
        case 'decisionConfirmed':
        case 'decisionSentBack':
          await this.tellOwner(dossier, actor, (language) =>
            t(
              language,
              entry.kind === 'decisionConfirmed' ? 'notice.decisionConfirmed' : 'notice.decisionSentBack',
              {
                name: actor.name,
                number: dossier.number,
                reason: typeof entry.data.reason === 'string' ? entry.data.reason : '',
              },
            ),
          );
          break;
        default:
          break;
      }
    }
    return report;
  }

  /** Send a consultation card again that did not arrive (Teams refused it, or was busy). */
  async resendConsultation(
    dossier: Dossier,
    school: School,
    consultationId: number,
    actor: Actor,
    record: Record_,
  ): Promise<ConsultationSent> {
    return this.deliverConsultation(dossier, school, consultationId, actor, record);
  }

  /** The card as everyone sees it: the status, without the question or the answer. */
  async statusCard(
    dossier: Dossier,
    school: School,
    consultation: Consultation,
    language: Language,
  ): Promise<CardJson> {
    return this.deps.cards.render(
      'consultation',
      consultationView(language, dossier, school, consultation, {
        isCoordinator: false,
        refreshUserIds: await this.refreshUserIds(school),
      }),
      language,
    );
  }

  /** Teams ids of the school's zorgcoördinatoren who have talked to the bot: their cards refresh to their own view. */
  async refreshUserIds(school: School): Promise<string[]> {
    const ids = await Promise.all(school.coordinators.map((c) => this.deps.messenger.teamsUserId(c.id)));
    return ids.filter((id): id is string => typeof id === 'string');
  }

  private async deliverConsultation(
    dossier: Dossier,
    school: School,
    consultationId: number,
    actor: Actor,
    record: Record_,
  ): Promise<ConsultationSent> {
    const consultation = consultationById(dossier, consultationId);
    if (!consultation) return 'unreachable';
    let delivery: Delivery;
    let where: 'channel' | 'personal';
    if (school.careTeamChannelId) {
      // The channel's language is the school's; the card names the dossier number only.
      const language = this.deps.defaultLanguage;
      const card = await this.statusCard(dossier, school, consultation, language);
      const opening = t(language, 'consultation.threadOpening', { number: dossier.number });
      delivery = await this.deps.messenger.toChannel(
        school.careTeamChannelId,
        dossier.tenantId,
        opening,
        card,
        actor.id,
      );
      where = 'channel';
    } else {
      const language = await this.languageOf(consultation.coordinatorId);
      const card = this.deps.cards.render(
        'consultation',
        consultationView(language, dossier, school, consultation, {
          isCoordinator: true,
          refreshUserIds: [],
        }),
        language,
      );
      delivery = await this.deps.messenger.toPerson(
        consultation.coordinatorId,
        dossier.tenantId,
        card,
        actor.id,
      );
      where = 'personal';
    }
    if (!delivery.ok && delivery.reason === 'retryLater') return 'retryLater';
    await record(
      delivery.ok
        ? {
            type: 'recordConsultationDelivery',
            consultationId,
            delivered: where,
            conversationId: delivery.conversationId,
            activityId: delivery.activityId,
          }
        : { type: 'recordConsultationDelivery', consultationId, delivered: 'unreachable' },
    );
    this.deps.logger.info(
      { consultationId, delivered: delivery.ok ? where : delivery.reason },
      'consultation sent',
    );
    return delivery.ok ? where : 'unreachable';
  }

  private async consultationAnswered(
    dossier: Dossier,
    school: School,
    entry: LogEntry,
    actor: Actor,
  ): Promise<void> {
    const consultation = consultationById(dossier, Number(entry.data.consultationId));
    if (!consultation) return;
    const delivery = consultation.delivery;
    if (delivery && delivery.delivered !== 'unreachable' && delivery.conversationId && delivery.activityId) {
      // Everyone's copy of the card shows the new status; the zorgcoördinator's own view comes
      // back as the answer to the action they took.
      const language =
        delivery.delivered === 'channel'
          ? this.deps.defaultLanguage
          : await this.languageOf(consultation.coordinatorId);
      const card =
        delivery.delivered === 'channel'
          ? await this.statusCard(dossier, school, consultation, language)
          : this.deps.cards.render(
              'consultation',
              consultationView(language, dossier, school, consultation, {
                isCoordinator: true,
                refreshUserIds: [],
              }),
              language,
            );
      const updated = await this.deps.messenger.update(
        { conversationId: delivery.conversationId, activityId: delivery.activityId },
        dossier.tenantId,
        card,
        actor.id,
      );
      if (!updated.ok)
        this.deps.logger.warn(
          { consultationId: consultation.id, reason: updated.reason },
          'card not updated',
        );
    }
    const key =
      entry.kind === 'consultationAccepted'
        ? 'notice.consultationAccepted'
        : entry.kind === 'consultationAdviceRecorded'
          ? 'notice.consultationAdvised'
          : 'notice.consultationDeclined';
    await this.tellOwner(dossier, actor, (language) =>
      t(language, key, {
        name: actor.name,
        number: dossier.number,
        reason: consultation.declineReason ?? '',
      }),
    );
  }

  private async askForConfirmation(dossier: Dossier, school: School, actor: Actor): Promise<void> {
    if (decisionConfirmation(dossier).state !== 'waiting') return;
    const decisionMaker = school.decisionMaker;
    if (decisionMaker.id === actor.id) return;
    const language = await this.languageOf(decisionMaker.id);
    const card = this.deps.cards.render(
      'decision-confirmation',
      decisionConfirmationView(language, dossier, school, { values: {}, errors: {} }),
      language,
    );
    const delivery = await this.deps.messenger.toPerson(decisionMaker.id, dossier.tenantId, card, actor.id);
    if (!delivery.ok) this.deps.logger.warn({ reason: delivery.reason }, 'decision-maker not reached');
  }

  /** A short notice in the owner's personal chat, unless the owner did it themselves. */
  private async tellOwner(
    dossier: Dossier,
    actor: Actor,
    text: (language: Language) => string,
  ): Promise<void> {
    if (dossier.ownerId === actor.id) return;
    const language = await this.languageOf(dossier.ownerId);
    const card = this.deps.cards.render('notice', noticeView(language, dossier, text(language)), language);
    const delivery = await this.deps.messenger.toPerson(dossier.ownerId, dossier.tenantId, card, actor.id);
    if (!delivery.ok) this.deps.logger.warn({ reason: delivery.reason }, 'owner not reached');
  }

  private async languageOf(personId: string): Promise<Language> {
    return languageOf(await this.deps.messenger.localeOf(personId), this.deps.defaultLanguage);
  }
}
