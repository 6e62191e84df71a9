// Saves, per user, where the bot can reach them in their personal chat: proactive messages
// (reminders, answers to a consultation) need the reference of the last activity.

import { type Activity, TurnContext } from 'botbuilder';
import type { Store } from '../store/store';

export class ConversationReferences {
  constructor(private readonly store: Store) {}

  async remember(activity: Partial<Activity>, now: Date): Promise<void> {
    const userId = activity.from?.aadObjectId;
    const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string } };
    const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
    const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
    if (!userId || !tenantId || !personal || !activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity);
    await this.store.saveConversation({
      userId,
      tenantId,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      updatedAt: now.toISOString(),
    });
  }
}
