// Saves, per tenant and user, where the bot can reach them in their personal chat: proactive
// messages (reminders, answers to a consultation, the card refresh list) need the reference of the
// last activity. The bot calls this only for an activity it accepted (Teams channel, allowed
// tenant), and the reference is keyed by that tenant: a `hallo` from another tenant under someone's
// object id lands in that other tenant's slot, where no school's message ever looks.

import { type Activity, TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { PersonalChats } from '../domain/personal-chat';
import type { Actor } from './turn';

/** How long an unchanged reference goes without being saved (and what waits looked up) again. */
const RESAVE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * How many people's chats one bot instance keeps in mind. A school's staff is a few hundred; past
 * this the least recently seen are forgotten and cost one point read at their next turn.
 */
const CHATS_KEPT_IN_MIND = 5000;

/**
 * How long this instance trusts what it found in the store without asking again. Another instance
 * may save another chat or language for the same person meanwhile (Teams on a phone set to English
 * beside a desktop in Dutch); the store then holds the other one for at most this long before this
 * instance writes what it sees. Long enough for a person clicking through a dossier to cost no read.
 */
const TRUSTED_FOR_MS = 5 * 60 * 1000;

/** A chat this instance saw saved: how it reaches the person, in which language, when saved and checked. */
interface KnownChat {
  chat: string;
  locale: string | undefined;
  savedAt: number;
  checkedAt: number;
}

export class ConversationReferences {
  /**
   * The chats this instance found saved, so that a turn of someone it already knows reads nothing
   * from the store: on Cosmos DB the point read was one of the three requests of a greeting (and
   * request units cost the school money). Per instance, bounded, and only ever a shortcut: a chat
   * that differs from the one kept, one saved a day ago, or one this instance has not checked in the
   * store for TRUSTED_FOR_MS goes to the store as before.
   */
  private readonly known = new LRUCache<string, KnownChat>({ max: CHATS_KEPT_IN_MIND });

  constructor(private readonly store: PersonalChats) {}

  /**
   * Per person, the look in the store under way: a second activity of theirs that needs the store
   * waits for it. An install event without a language and a message with one arrive together; both
   * read the old reference, and the later save undid the other's language. Entries leave when done.
   */
  private readonly underWay = new Map<string, Promise<Reach>>();

  /**
   * Remember where `actor` talks to the bot, when the activity comes from their personal chat in
   * Teams. A point read first: when the saved reference still says the same (chat, service, language)
   * nothing is written, which spares a write on almost every turn. 'new' means the bot could not reach
   * this person this way before (first contact, another chat, another language) and knows their
   * language: what waited for them can go out now. 'newWithoutLanguage' is the same before the bot
   * has seen their language at all (the Playground's install event): what waits goes out at their
   * next activity, which brings it and so is 'new'.
   */
  async remember(activity: Partial<Activity>, actor: Actor, now: Date): Promise<Reach> {
    const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
    if (activity.channelId !== 'msteams' || !personal || !activity.serviceUrl) return 'notPersonal';
    // Read in place; copied into plain JSON only when it is saved (nearly every turn saves nothing).
    const seen = TurnContext.getConversationReference(activity) as Record<string, unknown>;
    const person = `${actor.tenantId}\u0000${actor.id}`;
    const sameAsKept = (): boolean => {
      const kept = this.known.get(person);
      const trusted = kept !== undefined && now.getTime() - kept.checkedAt < TRUSTED_FOR_MS;
      return (
        kept !== undefined && trusted && sameChat(seen, kept.chat, kept.locale) && recent(kept.savedAt, now)
      );
    };
    if (sameAsKept()) return 'known';
    const before = this.underWay.get(person);
    const look = (async (): Promise<Reach> => {
      if (before) {
        await before.catch(() => undefined);
        if (sameAsKept()) return 'known';
      }
      return this.lookAndSave(seen, actor, person, now);
    })();
    this.underWay.set(person, look);
    try {
      return await look;
    } finally {
      if (this.underWay.get(person) === look) this.underWay.delete(person);
    }
  }

  private async lookAndSave(
    seen: Record<string, unknown>,
    actor: Actor,
    person: string,
    now: Date,
  ): Promise<Reach> {
    const saved = await this.store.getConversation(actor.tenantId, actor.id);
    const savedLocale = saved && localeOf(saved.reference);
    const chat = chatOf(seen);
    if (
      saved &&
      sameChat(seen, chatOf(saved.reference), savedLocale) &&
      recent(Date.parse(saved.updatedAt), now)
    ) {
      this.known.set(person, {
        chat,
        locale: savedLocale,
        savedAt: Date.parse(saved.updatedAt),
        checkedAt: now.getTime(),
      });
      return 'known';
    }
    // An activity without a locale (the Playground's install event) says nothing about the person's
    // language: the one saved is kept. Saving it without one made the next card that waited for the
    // person go out in the school's language instead of theirs.
    const reference = JSON.parse(JSON.stringify(seen)) as Record<string, unknown>;
    const locale = localeOf(seen) ?? savedLocale;
    if (locale !== undefined) reference['locale'] = locale;
    await this.store.saveConversation({
      userId: actor.id,
      tenantId: actor.tenantId,
      reference,
      updatedAt: now.toISOString(),
    });
    this.known.set(person, { chat, locale, savedAt: now.getTime(), checkedAt: now.getTime() });
    return locale === undefined ? 'newWithoutLanguage' : 'new';
  }
}

/** How remembering a person's chat went (ConversationReferences.remember). */
export type Reach = 'new' | 'newWithoutLanguage' | 'known' | 'notPersonal';

/**
 * Whether `seen` reaches the person as a reference with this chat key and language does. An activity
 * without a locale says nothing about the language, so only its chat is compared.
 */
function sameChat(seen: Record<string, unknown>, chat: string, locale: string | undefined): boolean {
  const language = localeOf(seen);
  return chatOf(seen) === chat && (language === undefined || language === locale);
}

/**
 * Saved again at least daily: someone who had blocked the bot and unblocked it has the same chat,
 * and what waited for them goes out at their first message of the day.
 */
function recent(savedAt: number, now: Date): boolean {
  return now.getTime() - savedAt < RESAVE_AFTER_MS;
}

function localeOf(reference: Record<string, unknown>): string | undefined {
  const locale = reference['locale'];
  return typeof locale === 'string' && locale !== '' ? locale : undefined;
}

/**
 * How a reference reaches the person: two references with the same key reach them the same way.
 * The language is compared on its own (`localeOf`).
 */
function chatOf(r: Record<string, unknown>): string {
  return JSON.stringify([
    (r['conversation'] as { id?: unknown } | undefined)?.id,
    r['serviceUrl'],
    (r['bot'] as { id?: unknown } | undefined)?.id,
    (r['user'] as { id?: unknown } | undefined)?.id,
  ]);
}
