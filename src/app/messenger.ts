// The one way the app sends proactive messages (architecture habit 10). The Teams implementation
// (src/bot/teams-messenger.ts) knows conversation references, creates conversations and threads,
// retries what Teams asks to retry, and reports a person who cannot be reached.

import type { CardJson } from '../cards/render';
import type { School } from '../domain/school';
import { languageOf, voiceOf, type Language, type Voice } from '../i18n';

/** Where a message landed, so it can be updated later for everyone. */
export interface Posted {
  conversationId: string;
  activityId: string;
}

export type Delivery =
  | ({ ok: true } & Posted)
  /** Blocked or removed the bot, or never installed it (403/404): retrying will not help. */
  | { ok: false; reason: 'unreachable' }
  /** Throttled or a server error that outlasted the retries: try again later. */
  | { ok: false; reason: 'retryLater' };

export interface Messenger {
  /**
   * A card in the person's personal chat with the bot; a new chat when none was saved yet.
   * `viaUserId` is someone whose saved conversation tells where the tenant's Teams service is.
   */
  toPerson(personId: string, tenantId: string, card: CardJson, viaUserId: string): Promise<Delivery>;
  /** A new thread in a channel: a short opening line, the card as the first reply. */
  toChannel(
    channelId: string,
    tenantId: string,
    opening: string,
    card: CardJson,
    viaUserId: string,
  ): Promise<Delivery>;
  /** Replace a card posted earlier, for everyone in that conversation. */
  update(posted: Posted, tenantId: string, card: CardJson, viaUserId: string): Promise<Delivery>;
  /**
   * The Teams user id ("29:…") of a person who has talked to the bot in this tenant, for
   * user-specific card views. What someone in another tenant said under the same id never counts.
   */
  teamsUserId(personId: string, tenantId: string): Promise<string | undefined>;
  /** The language of a person's Teams client as last seen in this tenant, if known. */
  localeOf(personId: string, tenantId: string): Promise<string | undefined>;
}

/**
 * How to speak to someone of a school in a message they did not ask for: the language their Teams
 * client had when last seen (the school's default if never), in the school's word for the role.
 */
export async function voiceForPerson(
  messenger: Pick<Messenger, 'localeOf'>,
  personId: string,
  school: Pick<School, 'tenantId' | 'roleName'>,
  defaultLanguage: Language,
): Promise<Voice> {
  return voiceOf(languageOf(await messenger.localeOf(personId, school.tenantId), defaultLanguage), school);
}
