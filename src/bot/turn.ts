// Who is acting, in which language, from where: read once from the Teams activity.

import type { Activity } from 'botbuilder';
import type { Actor as Person } from '../domain/people';
import { languageOf, type Language } from '../i18n';

/** The one Actor of the domain (Entra object id, name, tenant), as a Teams activity names them. */
export interface Actor extends Person {
  /** The Teams (Bot Framework) user id, e.g. "29:…", used for card refresh lists. */
  teamsId: string;
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface Turn {
  actor: Actor | undefined;
  language: Language;
  conversationKind: ConversationKind;
  /** The conversation the activity came from (a personal chat, or a channel thread). */
  conversationId: string;
}

export function readTurn(activity: Partial<Activity>, fallbackLanguage: Language): Turn {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string } };
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = channelData.tenant?.id;
  // Teams sends the tenant in both places. An activity whose two disagree is not from Teams as it
  // is: it gets no tenant, and so no actor, and is refused.
  const tenantId =
    fromConversation && fromChannelData && fromConversation !== fromChannelData
      ? ''
      : (fromConversation ?? fromChannelData ?? '');
  const from = activity.from;
  const actor =
    from?.aadObjectId && tenantId
      ? { id: from.aadObjectId, name: from.name ?? '', tenantId, teamsId: from.id }
      : undefined;
  const type = activity.conversation?.conversationType;
  const conversationKind: ConversationKind =
    type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  return {
    actor,
    language: languageOf(activity.locale, fallbackLanguage),
    conversationKind,
    conversationId: activity.conversation?.id ?? '',
  };
}
