// Who is acting, in which language, from where: read once from the Teams activity.

import type { Activity } from 'botbuilder';
import type { Actor as Person } from '../domain/people';
import type { School } from '../domain/school';
import { languageOf, voiceOf, type Language, type Voice } from '../i18n';

/** The one Actor of the domain (Entra object id, name, tenant), as a Teams activity names them. */
export interface Actor extends Person {
  /** The Teams (Bot Framework) user id, e.g. "29:…", used for card refresh lists. */
  teamsId: string;
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface Turn {
  actor: Actor | undefined;
  /** The language of the person's Teams client. */
  language: Language;
  /**
   * What the bot's texts are written in: that language, in the words of the school the action
   * concerns (its name for the zorgcoördinator). Every card of this turn uses it.
   */
  voice: Voice;
  conversationKind: ConversationKind;
  /** The conversation the activity came from (a personal chat, or a channel thread). */
  conversationId: string;
}

/** The schools as far as their words go: which tenant, and what they call the zorgcoördinator. */
export type SchoolWords = Pick<School, 'id' | 'tenantId' | 'roleName'>;

export function readTurn(
  activity: Partial<Activity>,
  fallbackLanguage: Language,
  schools: readonly SchoolWords[],
): Turn {
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
  const language = languageOf(activity.locale, fallbackLanguage);
  return {
    actor,
    language,
    voice: voiceOf(language, schoolSpokenFor(activity, tenantId, schools)),
    conversationKind,
    conversationId: activity.conversation?.id ?? '',
  };
}

/**
 * The school whose words a turn's cards use. A card action names its dossier's school (every dossier
 * card carries `schoolId`; access to the dossier is checked apart from this, and a school named by
 * hand gives no more than its words). Otherwise — a message, a card without a school — the schools of
 * the person's tenant, when they all use the same word; a school board with a primary and a secondary
 * school in one tenant gets the catalogue's own word (zorgcoördinator) there.
 */
function schoolSpokenFor(
  activity: Partial<Activity>,
  tenantId: string,
  schools: readonly SchoolWords[],
): SchoolWords | undefined {
  const ofTenant = schools.filter((school) => school.tenantId === tenantId);
  const named = schoolIdIn(activity.value);
  const school = named === undefined ? undefined : ofTenant.find((candidate) => candidate.id === named);
  if (school) return school;
  const words = new Set(ofTenant.map((candidate) => candidate.roleName ?? 'zorgcoordinator'));
  return words.size === 1 ? ofTenant[0] : undefined;
}

/** The `schoolId` an Action.Execute's data carries, if any. */
function schoolIdIn(value: unknown): string | undefined {
  const action = (value as { action?: { data?: { schoolId?: unknown } } } | undefined)?.action;
  const schoolId = action?.data?.schoolId;
  return typeof schoolId === 'string' ? schoolId : undefined;
}
