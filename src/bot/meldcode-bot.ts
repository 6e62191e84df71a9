// The Teams edge, kept thin: one gate (Teams channel, allowed tenant) and one error boundary around
// every turn, save where to reach the user, route typed commands and card verbs, return cards. No meldcode rule lives here; verbs call the use cases in src/app.

import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  CardFactory,
  INVOKE_RESPONSE_KEY,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { z } from 'zod';
import type { CardJson, CardRenderer } from '../cards/render';
import { errorView } from '../cards/views';
import { t, type Language, type MessageKey, type Voice } from '../i18n';
import type { LogContext, Logger } from '../logger';
import type { ConversationReferences, Reach } from './conversation-references';
import { readTurn, type Actor, type Turn } from './turn';
import type { Verb, VerbContext } from './verb';
import { colleaguesInTeams } from './colleagues';
import type { TextCommands } from './text-commands';
import type { SchoolWords } from './turn';

export interface BotDependencies {
  cards: CardRenderer;
  verbs: Readonly<Record<string, Verb>>;
  textCommands: TextCommands;
  conversations: ConversationReferences;
  allowedTenantIds: readonly string[];
  /** The schools, for the words of each turn's texts (turn.ts). */
  schools: readonly SchoolWords[];
  defaultLanguage: Language;
  clock: () => Date;
  logger: Logger;
  logContext: LogContext;
  /**
   * Called for every accepted activity, after its sender's chat is saved: what waited for this
   * person (a card that could not reach them before) can go out now. Must not hold up the turn.
   */
  onPersonSeen?: ((actor: Actor) => void) | undefined;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** The turnState key of the turn as read from its activity (turnOf). */
const TURN_KEY = Symbol('meldcode turn');

export class MeldcodeBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    this.onInstallationUpdateAdd(async (context, next) => {
      const turn = this.turnOf(context);
      if (turn.conversationKind === 'personal' && turn.actor) {
        await this.reply(
          context,
          await this.deps.textCommands.home({ ...turn, actor: turn.actor }, this.deps.clock()),
        );
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const turn = this.turnOf(context);
      if (!turn.actor) {
        await this.reply(context, this.errorCard(turn.voice, 'error.tenantNotAllowed'));
      } else if (turn.conversationKind !== 'personal') {
        await this.reply(context, this.errorCard(turn.voice, 'error.personalOnly'));
      } else {
        const card = await this.deps.textCommands.handle(
          { ...turn, actor: turn.actor },
          context.activity.text ?? '',
          this.deps.clock(),
        );
        await this.reply(context, card);
      }
      await next();
    });
  }

  /**
   * The one error boundary and the one gate of every turn. Whatever fails below (store, connector,
   * rendering, a bug), an invoke is answered 200 with the apology card and a message with an
   * apology; nothing reaches botbuilder, which would answer an invoke with a bare 501. Only an
   * activity from Teams (the `msteams` channel) of an allowed tenant gets further than the gate, and
   * only such an activity saves where to reach its sender.
   */
  override async run(context: TurnContext): Promise<void> {
    const correlation = {
      activityId: context.activity.id,
      conversationId: context.activity.conversation?.id,
    };
    await this.deps.logContext.run(correlation, async () => {
      try {
        await this.gate(context);
      } catch (error) {
        await this.answerAfterFailure(context, error);
      }
    });
  }

  /**
   * Who acts, in which voice: read from the activity once per turn (by the gate) and kept in the
   * turn's own state for the handlers after it.
   */
  private turnOf(context: TurnContext): Turn {
    const kept = context.turnState.get<Turn | undefined>(TURN_KEY);
    if (kept) return kept;
    const turn = readTurn(context.activity, this.deps.defaultLanguage, this.deps.schools);
    context.turnState.set(TURN_KEY, turn);
    return turn;
  }

  private async gate(context: TurnContext): Promise<void> {
    const turn = this.turnOf(context);
    if (context.activity.channelId !== 'msteams') {
      this.deps.logger.warn({ outcome: 'refused', reason: 'channel' }, 'activity refused');
      await this.refuse(context, turn.voice, 'error.teamsOnly');
      return;
    }
    if (!turn.actor || !this.tenantAllowed(turn)) {
      this.deps.logger.warn({ outcome: 'refused', reason: 'tenant' }, 'activity refused');
      await this.refuse(context, turn.voice, 'error.tenantNotAllowed');
      return;
    }
    const chat = await this.rememberSender(context, turn.actor);
    // What waited goes out once the bot can newly reach the person and knows their language (the
    // activity's, or the one saved before); before it has seen any (the Playground's install event of
    // a first contact), it waits for their next activity.
    if (chat === 'new') this.deps.onPersonSeen?.(turn.actor);
    await super.run(context);
  }

  /**
   * The serviceUrl can change, so the reference is saved again on every accepted activity. A store
   * that fails here must not cost the person their answer: the reference of the previous activity
   * still works, and the next one saves it again.
   */
  private async rememberSender(context: TurnContext, actor: Actor): Promise<Reach | 'failed'> {
    try {
      return await this.deps.conversations.remember(context.activity, actor, this.deps.clock());
    } catch (error) {
      this.deps.logger.warn({ error: errorSummary(error) }, 'conversation reference not saved');
      return 'failed';
    }
  }

  /** A refused activity: an invoke gets a card, a message a plain answer, anything else nothing. */
  private async refuse(context: TurnContext, language: Voice, message: MessageKey): Promise<void> {
    const { type, name } = context.activity;
    if (type === 'invoke' && name === 'adaptiveCard/action') {
      await this.sendInvokeResponse(context, this.cardResponse(this.safeErrorCard(language, message)));
    } else if (type === 'invoke') {
      await this.sendInvokeResponse(context, undefined);
    } else if (type === 'message') {
      // Plain text: a client outside Teams may not show Adaptive Cards.
      await context.sendActivity({ type: 'message', text: t(language, message) });
    }
  }

  /** Ids only in the log: the activity's text may hold pupil data. */
  private async answerAfterFailure(context: TurnContext, error: unknown): Promise<void> {
    const language = this.turnOf(context).voice;
    this.deps.logger.error(
      { outcome: 'error', activityType: context.activity.type, error: errorSummary(error) },
      'turn failed',
    );
    try {
      if (context.activity.type === 'invoke') {
        if (context.turnState.get(INVOKE_RESPONSE_KEY) === undefined) {
          await this.sendInvokeResponse(context, this.cardResponse(this.lastResortCard(language)));
        }
      } else if (context.activity.type === 'message') {
        await context.sendActivity({ type: 'message', text: t(language, 'error.unexpected') });
      }
    } catch (secondError) {
      // The connector itself failed (the apology could not be sent either); the invoke's answer is
      // still given above, as it travels in the HTTP response, not through the connector.
      this.deps.logger.error({ error: errorSummary(secondError) }, 'apology not sent');
    }
  }

  private async sendInvokeResponse(
    context: TurnContext,
    body: AdaptiveCardInvokeResponse | undefined,
  ): Promise<void> {
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
  }

  /**
   * Card actions are taken over before botbuilder's own check, which answers a malformed action
   * with a bare 400; here every adaptiveCard/action gets a card back.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const value = asRecord(context.activity.value) as unknown as AdaptiveCardInvokeValue;
      return { status: 200, body: await this.onAdaptiveCardInvoke(context, value) };
    }
    return super.onInvokeActivity(context);
  }

  /**
   * Every Action.Execute arrives here. Whatever happens, Teams gets a 200 with a card: an
   * exception that escaped would become a 501 and an endless spinner on the user's screen.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.turnOf(context);
    const action = asRecord(invokeValue.action);
    const verbName = typeof action.verb === 'string' ? action.verb : '';
    // The turn's correlation ids come with every line (LogContext); the verb is added here.
    const log = this.deps.logger.child({ verb: verbName });
    try {
      if (!turn.actor) {
        log.warn({ outcome: 'refused', reason: 'tenant' }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.voice, 'error.tenantNotAllowed'));
      }
      const verb = Object.hasOwn(this.deps.verbs, verbName) ? this.deps.verbs[verbName] : undefined;
      if (!verb) {
        log.warn({ outcome: 'unknownVerb' }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.voice, 'error.unknownVerb'));
      }
      if (!verb.scopes.includes(turn.conversationKind)) {
        log.warn({ outcome: 'wrongScope', scope: turn.conversationKind }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.voice, 'error.personalOnly'));
      }
      const context_: VerbContext = {
        turn: { ...turn, actor: turn.actor },
        now: this.deps.clock(),
        findColleague: colleaguesInTeams(context, turn.actor.tenantId),
      };
      // Parse at the edge: only what a card can send (texts, numbers, switches) goes on.
      const raw = asTyped(asRecord(action.data));
      const parsed = verb.schema.safeParse(raw);
      if (!parsed.success) {
        log.info({ outcome: 'invalidPayload', fields: fieldNames(parsed.error) }, 'invoke payload refused');
        const card = verb.invalid
          ? await verb.invalid(context_, raw, parsed.error.issues)
          : this.errorCard(turn.voice, 'error.invalidPayload');
        return this.cardResponse(card);
      }
      const card = await verb.run(context_, parsed.data);
      log.info({ outcome: 'ok' }, 'invoke handled');
      return this.cardResponse(card);
    } catch (error) {
      log.error({ outcome: 'error', error: errorSummary(error) }, 'invoke failed');
      return this.cardResponse(this.lastResortCard(turn.voice));
    }
  }

  /** The apology for an unexpected failure; built without templates, so rendering cannot fail it too. */
  private lastResortCard(language: Voice): CardJson {
    return this.safeErrorCard(language, 'error.unexpected');
  }

  private tenantAllowed(turn: Turn): boolean {
    return turn.actor !== undefined && this.deps.allowedTenantIds.includes(turn.actor.tenantId);
  }

  private errorCard(language: Voice, message: MessageKey): CardJson {
    return this.deps.cards.render('error', errorView(language, message), language);
  }

  /** An error card that cannot fail: built by hand when rendering does. */
  private safeErrorCard(language: Voice, message: MessageKey): CardJson {
    try {
      return this.errorCard(language, message);
    } catch {
      return plainCard([t(language, message), t(language, 'acute.text')]);
    }
  }

  private cardResponse(card: CardJson): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: ADAPTIVE_CARD, value: card };
  }

  private async reply(context: TurnContext, card: CardJson): Promise<void> {
    await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function plainCard(lines: readonly string[]): CardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: lines.map((text) => ({ type: 'TextBlock', text, wrap: true })),
  };
}

/** What a log line may say about an error: its name, message and stack (ids, never content). */
function errorSummary(error: unknown): unknown {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : 'unknown';
}

/**
 * What a card can send: texts (every input), numbers and switches (the button's own data). No card of
 * this bot sends an object or a list, so one in a payload was made by hand; it is left out before the
 * verb sees the payload, and so can never come back on a refused form (its keys could read as
 * template syntax). `null` is left out too: for the verbs it is the same as a field not sent.
 */
function asTyped(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)),
  );
}

/** Field names only: the values may be pupil data. */
function fieldNames(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))];
}
