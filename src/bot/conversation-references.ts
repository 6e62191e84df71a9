// Saves, per tenant and user, where the bot can reach them in their personal chat: proactive
// messages (reminders, answers to a consultation, the card refresh list) need the reference of the
// last activity. The bot calls this only for an activity it accepted (Teams channel, allowed
// tenant), and the reference is keyed by that tenant: a `hallo` from another tenant under someone's
// object id lands in that other tenant's slot, where no school's message ever looks.

import { type Activity, TurnContext } from 'botbuilder';
import type { PersonalChats } from '../domain/personal-chat';
import type { Actor } from './turn';

export class ConversationReferences {
  constructor(private readonly store: PersonalChats) {}

  /** Remember where `actor` talks to the bot, when the activity comes from their personal chat in Teams. */
  async remember(activity: Partial<Activity>, actor: Actor, now: Date): Promise<void> {
    const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
    if (activity.channelId !== 'msteams' || !personal || !activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity);
    await this.store.saveConversation({
      userId: actor.id,
      tenantId: actor.tenantId,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      updatedAt: now.toISOString(),
    });
  }
}
