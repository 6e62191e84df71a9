// Delivers the scheduler's reminders in Teams: a reminder card in the person's personal chat (with
// the step to open, the answer to afwegingsvraag 5 where it is due, and snooze buttons), and the
// weekly overview to a zorgcoördinator or the care-team channel. Someone who cannot be reached is
// reported to the school's zorgcoördinatoren — by dossier number only.

import type { Notifier, NotifyOutcome, ReminderMessage } from '../app/notifier';
import { voiceForPerson, type Messenger, type Delivery } from '../app/messenger';
import type { CardRenderer } from '../cards/render';
import { reminderView, weeklyOverviewView } from '../cards/views';
import { t, voiceOf, type Language, type Voice } from '../i18n';
import { coordinatorNameOf, type School } from '../domain/school';
import type { Logger } from '../logger';

/** Keys delivered by this process, so a retry after a failed bookkeeping write is not shown twice. */
const REMEMBERED_KEYS = 5000;

export interface TeamsNotifierDependencies {
  messenger: Messenger;
  cards: CardRenderer;
  schools: readonly School[];
  defaultLanguage: Language;
  logger: Logger;
}

export class TeamsNotifier implements Notifier {
  private readonly delivered = new Set<string>();

  constructor(private readonly deps: TeamsNotifierDependencies) {}

  async notify(recipientId: string, message: ReminderMessage): Promise<NotifyOutcome> {
    if (this.delivered.has(message.key)) return 'sent';
    const school = this.deps.schools.find((s) => s.id === message.schoolId);
    if (!school) return 'unreachable';
    // Reaching a person needs a saved chat somewhere in the tenant; any zorgcoördinator's will do
    // when the person has none yet (the messenger then starts a chat by Entra object id).
    const via =
      message.recipient.kind === 'person'
        ? message.recipient.id
        : (school.coordinators[0]?.id ?? recipientId);
    let delivery: Delivery;
    if (message.type === 'dossierReminder') {
      const voice = await this.voiceFor(recipientId, school);
      const card = this.deps.cards.render('reminder', reminderView(voice, message), voice);
      delivery = await this.deps.messenger.toPerson(
        recipientId,
        message.tenantId,
        card,
        await this.viaFor(recipientId, message.tenantId, school, via),
      );
    } else if (message.recipient.kind === 'careTeamChannel') {
      // The channel's language is the school's.
      const voice = voiceOf(this.deps.defaultLanguage, school);
      const card = this.deps.cards.render('weekly-overview', weeklyOverviewView(voice, message), voice);
      const opening = t(voice, 'overview.title', { week: message.week });
      delivery = await this.deps.messenger.toChannel(
        message.recipient.id,
        message.tenantId,
        opening,
        card,
        await this.viaFor(via, message.tenantId, school, via),
      );
    } else {
      const voice = await this.voiceFor(recipientId, school);
      const card = this.deps.cards.render('weekly-overview', weeklyOverviewView(voice, message), voice);
      delivery = await this.deps.messenger.toPerson(
        recipientId,
        message.tenantId,
        card,
        await this.viaFor(recipientId, message.tenantId, school, via),
      );
    }
    if (delivery.ok) {
      this.remember(message.key);
      return 'sent';
    }
    if (delivery.reason === 'unreachable' && message.type === 'dossierReminder') {
      await this.reportUnreachable(
        message.dossierNumber,
        message.schoolId,
        message.tenantId,
        recipientId,
        school,
      );
    }
    return delivery.reason;
  }

  /** The zorgcoördinatoren hear that a reminder could not reach someone, so a person can follow up. */
  private async reportUnreachable(
    number: string,
    schoolId: string,
    tenantId: string,
    personId: string,
    school: School,
  ): Promise<void> {
    const name = this.nameOf(personId, school);
    for (const coordinator of school.coordinators) {
      if (coordinator.id === personId) continue;
      const voice = await this.voiceFor(coordinator.id, school);
      const card = this.deps.cards.render(
        'notice-plain',
        {
          title: t(voice, 'reminder.title', { number }),
          text: t(voice, 'reminder.unreachable', { number, name }),
        },
        voice,
      );
      const delivery = await this.deps.messenger.toPerson(coordinator.id, tenantId, card, coordinator.id);
      if (!delivery.ok)
        this.deps.logger.warn(
          { schoolId, reason: delivery.reason },
          'coordinator not told of an unreachable person',
        );
    }
  }

  private nameOf(personId: string, school: School): string {
    if (school.decisionMaker.id === personId) return school.decisionMaker.name;
    return (
      coordinatorNameOf(school, personId) ?? t(voiceOf(this.deps.defaultLanguage, school), 'reminder.owner')
    );
  }

  /** Someone whose saved chat tells where the tenant's Teams service is. */
  private async viaFor(
    preferred: string,
    tenantId: string,
    school: School,
    fallback: string,
  ): Promise<string> {
    if (await this.deps.messenger.teamsUserId(preferred, tenantId)) return preferred;
    for (const person of [...school.coordinators, school.decisionMaker]) {
      if (await this.deps.messenger.teamsUserId(person.id, tenantId)) return person.id;
    }
    return fallback;
  }

  private remember(key: string): void {
    this.delivered.add(key);
    if (this.delivered.size > REMEMBERED_KEYS) {
      const oldest = this.delivered.values().next().value;
      if (oldest !== undefined) this.delivered.delete(oldest);
    }
  }

  private voiceFor(personId: string, school: School): Promise<Voice> {
    return voiceForPerson(this.deps.messenger, personId, school, this.deps.defaultLanguage);
  }
}
