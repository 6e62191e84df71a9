// Saves, per tenant and user, where the bot can reach them in their personal chat: proactive
// messages (reminders, answers to a consultation, the card refresh list) need the reference of the
// last activity. The bot calls this only for an activity it accepted (Teams channel, allowed
// tenant), and the reference is keyed by that tenant: a `hallo` from another tenant under someone's
// object id lands in that other tenant's slot, where no school's message ever looks.

import { type Activity, TurnContext } from 'botbuilder';
import type { PersonalChats } from '../domain/personal-chat';
import type { Actor } from './turn';

/** How long an unchanged reference goes without being saved (and what waits looked up) again. */
const RESAVE_AFTER_MS = 24 * 60 * 60 * 1000;

export class ConversationReferences {
  constructor(private readonly store: PersonalChats) {}

  /**
   * Remember where `actor` talks to the bot, when the activity comes from their personal chat in
   * Teams. A point read first: when the saved reference still says the same (chat, service, language)
   * nothing is written, which spares a write on almost every turn. 'new' means the bot could not reach
   * this person this way before (first contact, another chat, another language): what waited for
   * them can go out now.
   */
  async remember(
    activity: Partial<Activity>,
    actor: Actor,
    now: Date,
  ): Promise<'new' | 'known' | 'notPersonal'> {
    const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
    if (activity.channelId !== 'msteams' || !personal || !activity.serviceUrl) return 'notPersonal';
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<
      string,
      unknown
    >;
    const saved = await this.store.getConversation(actor.tenantId, actor.id);
    // Saved again at least daily: someone who had blocked the bot and unblocked it has the same chat,
    // and what waited for them goes out at their first message of the day.
    const recent = saved !== undefined && now.getTime() - Date.parse(saved.updatedAt) < RESAVE_AFTER_MS;
    if (saved && recent && sameChat(saved.reference, reference)) return 'known';
    await this.store.saveConversation({
      userId: actor.id,
      tenantId: actor.tenantId,
      reference,
      updatedAt: now.toISOString(),
    });
    return 'new';
  }
}

/** Do two references reach the person the same way: the same chat, service and language? */
function sameChat(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const key = (r: Record<string, unknown>): string =>
    JSON.stringify([
      (r['conversation'] as { id?: unknown } | undefined)?.id,
      r['serviceUrl'],
      r['locale'],
      (r['bot'] as { id?: unknown } | undefined)?.id,
      (r['user'] as { id?: unknown } | undefined)?.id,
    ]);
  return key(a) === key(b);
}
