// Proactive messages over the Bot Framework: to a person's personal chat (saved reference, or a new
// conversation by Entra object id), to a new channel thread, and updates of cards posted before.
// Every reference is looked up in the tenant the message is for: a chat saved in another tenant
// under the same object id is never used, neither to send nor to find the Teams service.
// Teams asks for retries of 429, 412, 502 and 504 (the connector client retries 500/503 itself); 403 and 404 mean the
// person blocked, removed or never installed the app.

import {
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  CardFactory,
  TurnContext,
} from 'botbuilder';
import type { CardJson } from '../cards/render';
import type { Delivery, Messenger, Posted } from '../app/messenger';
import type { PersonalChats } from '../domain/personal-chat';
import type { Logger } from '../logger';

export interface RetryPolicy {
  /** Waits before the 2nd, 3rd, … attempt; jitter of up to half of each is added. */
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Short on purpose: a send often runs inside a card click, which Teams gives about 5 seconds. What
 * still fails is not lost: the scheduler tries reminders again later, and a consultation that did
 * not go out can be sent again from step 2.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  delaysMs: [300, 900],
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Teams takes about 7 messages a second per conversation; keep well under it. */
const MIN_MS_BETWEEN_SENDS_PER_CONVERSATION = 200;

// The statuses Teams asks bots to retry. A 500 or 503 is not among them: the connector client
// already retries those itself with backoff (seen taking ~10 s per call), and retrying again on
// top would keep a card click waiting far past Teams' limit.
const RETRYABLE: ReadonlySet<number> = new Set([412, 429, 502, 504]);
const UNREACHABLE: ReadonlySet<number> = new Set([403, 404]);

export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = e.statusCode ?? e.status ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

class RetriesExhausted extends Error {}

export interface TeamsMessengerDependencies {
  adapter: CloudAdapter;
  /** The bot's app id; '' in local mode, where no tokens are sent. */
  appId: string;
  store: PersonalChats;
  logger: Logger;
  retry?: RetryPolicy;
  clock?: () => number;
}

export class TeamsMessenger implements Messenger {
  private readonly retry: RetryPolicy;
  private readonly lastSendAt = new Map<string, number>();

  constructor(private readonly deps: TeamsMessengerDependencies) {
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  async toPerson(personId: string, tenantId: string, card: CardJson, viaUserId: string): Promise<Delivery> {
    const saved = await this.deps.store.getConversation(tenantId, personId);
    const activity = cardActivity(card);
    if (saved) {
      const reference = saved.reference as Partial<ConversationReference>;
      return this.attempt('toPerson', async () => {
        await this.pace(reference.conversation?.id ?? personId);
        let posted: Posted | undefined;
        await this.continueWith(reference, async (context) => {
          const sent = await context.sendActivity(activity);
          posted = { conversationId: context.activity.conversation.id, activityId: sent?.id ?? '' };
        });
        return posted;
      });
    }
    // No chat with this person yet: start one by their Entra object id. This only works when the
    // app is installed for them (schools pre-install it with a Teams setup policy).
    const via = await this.reference(viaUserId, tenantId);
    if (!via?.serviceUrl) return { ok: false, reason: 'unreachable' };
    return this.attempt('toPerson:create', async () => {
      let posted: Posted | undefined;
      await this.createWith(
        via.serviceUrl ?? '',
        {
          isGroup: false,
          bot: via.bot ?? { id: this.deps.appId, name: 'Meldcode' },
          members: [{ id: personId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        },
        async (context) => {
          const reference = TurnContext.getConversationReference(context.activity);
          await this.continueWith(reference, async (inner) => {
            const sent = await inner.sendActivity(activity);
            posted = { conversationId: inner.activity.conversation.id, activityId: sent?.id ?? '' };
          });
        },
      );
      return posted;
    });
  }

  async toChannel(
    channelId: string,
    tenantId: string,
    opening: string,
    card: CardJson,
    viaUserId: string,
  ): Promise<Delivery> {
    const via = await this.reference(viaUserId, tenantId);
    if (!via?.serviceUrl) return { ok: false, reason: 'unreachable' };
    return this.attempt('toChannel', async () => {
      let posted: Posted | undefined;
      await this.createWith(
        via.serviceUrl ?? '',
        {
          isGroup: true,
          bot: via.bot ?? { id: this.deps.appId, name: 'Meldcode' },
          members: [],
          tenantId,
          channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
          activity: { type: 'message', text: opening } as Activity,
        },
        async (context) => {
          // The new thread's conversation; the card goes in as its first reply, whose id we keep.
          const reference = TurnContext.getConversationReference(context.activity);
          await this.continueWith(reference, async (inner) => {
            const sent = await inner.sendActivity(cardActivity(card));
            posted = { conversationId: inner.activity.conversation.id, activityId: sent?.id ?? '' };
          });
        },
      );
      return posted;
    });
  }

  async update(posted: Posted, tenantId: string, card: CardJson, viaUserId: string): Promise<Delivery> {
    const via = await this.reference(viaUserId, tenantId);
    if (!via?.serviceUrl) return { ok: false, reason: 'unreachable' };
    const reference: Partial<ConversationReference> = {
      ...via,
      conversation: { id: posted.conversationId, isGroup: true, conversationType: '', name: '', tenantId },
      activityId: posted.activityId,
    };
    return this.attempt('update', async () => {
      await this.pace(posted.conversationId);
      await this.continueWith(reference, async (context) => {
        await context.updateActivity({ ...cardActivity(card), id: posted.activityId });
      });
      return posted;
    });
  }

  async teamsUserId(personId: string, tenantId: string): Promise<string | undefined> {
    return (await this.reference(personId, tenantId))?.user?.id;
  }

  async localeOf(personId: string, tenantId: string): Promise<string | undefined> {
    return (await this.reference(personId, tenantId))?.locale;
  }

  /**
   * The adapter runs the callback as a turn and hands its errors to onTurnError, which would hide
   * a 403 or 429 from us; catch them inside and rethrow, so the send can be judged and retried.
   */
  private async continueWith(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: Error | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async createWith(
    serviceUrl: string,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: Error | undefined;
    await this.deps.adapter.createConversationAsync(
      this.deps.appId,
      'msteams',
      serviceUrl,
      '',
      parameters,
      async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
        }
      },
    );
    if (failure !== undefined) throw failure;
  }

  private async reference(
    userId: string,
    tenantId: string,
  ): Promise<Partial<ConversationReference> | undefined> {
    const saved = await this.deps.store.getConversation(tenantId, userId);
    return saved?.reference;
  }

  /** Keep sends to one conversation apart, so a burst stays under Teams' per-conversation limit. */
  private async pace(conversationId: string): Promise<void> {
    const now = (this.deps.clock ?? Date.now)();
    const last = this.lastSendAt.get(conversationId) ?? 0;
    const wait = last + MIN_MS_BETWEEN_SENDS_PER_CONVERSATION - now;
    this.lastSendAt.set(conversationId, Math.max(now, last + MIN_MS_BETWEEN_SENDS_PER_CONVERSATION));
    if (wait > 0) await this.retry.sleep(wait);
  }

  private async attempt(operation: string, send: () => Promise<Posted | undefined>): Promise<Delivery> {
    for (let attempt = 0; ; attempt++) {
      try {
        const posted = await send();
        if (!posted) throw new RetriesExhausted('no conversation was created');
        return { ok: true, ...posted };
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined && UNREACHABLE.has(status)) {
          this.deps.logger.warn({ operation, status }, 'recipient unreachable');
          return { ok: false, reason: 'unreachable' };
        }
        const delay = this.retry.delaysMs[attempt];
        const retryable = status === undefined || RETRYABLE.has(status);
        if (!retryable || delay === undefined) {
          this.deps.logger.warn({ operation, status, attempts: attempt + 1 }, 'send failed; try again later');
          return { ok: false, reason: 'retryLater' };
        }
        await this.retry.sleep(delay + Math.floor(this.retry.random() * (delay / 2)));
      }
    }
  }
}

function cardActivity(card: CardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}
