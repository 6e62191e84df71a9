// The Teams edge, kept thin: save where to reach the user, route typed commands and card verbs,
// return cards. No meldcode rule lives here; verbs call the use cases in src/app.

import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  CardFactory,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { z } from 'zod';
import type { CardJson, CardRenderer } from '../cards/render';
import { errorView } from '../cards/views';
import { t, type Language, type MessageKey } from '../i18n';
import type { LogContext, Logger } from '../logger';
import type { ConversationReferences } from './conversation-references';
import { readTurn, type Turn } from './turn';
import type { Verb, VerbContext } from './verb';
import type { TextCommands } from './text-commands';

export interface BotDependencies {
  cards: CardRenderer;
  verbs: Readonly<Record<string, Verb>>;
  textCommands: TextCommands;
  conversations: ConversationReferences;
  allowedTenantIds: readonly string[];
  defaultLanguage: Language;
  clock: () => Date;
  logger: Logger;
  logContext: LogContext;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export class MeldcodeBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    // Where to reach this user later (reminders, consultation answers). The serviceUrl can
    // change, so the reference is saved again on every activity.
    this.onTurn(async (context, next) => {
      const correlation = {
        activityId: context.activity.id,
        conversationId: context.activity.conversation?.id,
      };
      await this.deps.logContext.run(correlation, async () => {
        await this.deps.conversations.remember(context.activity, this.deps.clock());
        await next();
      });
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      const turn = readTurn(context.activity, this.deps.defaultLanguage);
      if (turn.conversationKind === 'personal' && this.tenantAllowed(turn)) {
        if (turn.actor)
          await this.reply(
            context,
            await this.deps.textCommands.home({ ...turn, actor: turn.actor }, this.deps.clock()),
          );
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const turn = readTurn(context.activity, this.deps.defaultLanguage);
      if (!this.tenantAllowed(turn) || !turn.actor) {
        await this.reply(context, this.errorCard(turn.language, 'error.tenantNotAllowed'));
      } else if (turn.conversationKind !== 'personal') {
        await this.reply(context, this.errorCard(turn.language, 'error.personalOnly'));
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
    const turn = readTurn(context.activity, this.deps.defaultLanguage);
    const action = asRecord(invokeValue.action);
    const verbName = typeof action.verb === 'string' ? action.verb : '';
    // The turn's correlation ids come with every line (LogContext); the verb is added here.
    const log = this.deps.logger.child({ verb: verbName });
    try {
      if (!this.tenantAllowed(turn) || !turn.actor) {
        log.warn({ outcome: 'refused', reason: 'tenant' }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.language, 'error.tenantNotAllowed'));
      }
      const verb = Object.hasOwn(this.deps.verbs, verbName) ? this.deps.verbs[verbName] : undefined;
      if (!verb) {
        log.warn({ outcome: 'unknownVerb' }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.language, 'error.unknownVerb'));
      }
      if (!verb.scopes.includes(turn.conversationKind)) {
        log.warn({ outcome: 'wrongScope', scope: turn.conversationKind }, 'invoke refused');
        return this.cardResponse(this.errorCard(turn.language, 'error.personalOnly'));
      }
      const context_: VerbContext = { turn: { ...turn, actor: turn.actor }, now: this.deps.clock() };
      const raw = asRecord(action.data);
      const parsed = verb.schema.safeParse(raw);
      if (!parsed.success) {
        log.info({ outcome: 'invalidPayload', fields: fieldNames(parsed.error) }, 'invoke payload refused');
        const card = verb.invalid
          ? await verb.invalid(context_, raw, parsed.error.issues)
          : this.errorCard(turn.language, 'error.invalidPayload');
        return this.cardResponse(card);
      }
      const card = await verb.run(context_, parsed.data);
      log.info({ outcome: 'ok' }, 'invoke handled');
      return this.cardResponse(card);
    } catch (error) {
      log.error(
        {
          outcome: 'error',
          error:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : 'unknown',
        },
        'invoke failed',
      );
      return this.cardResponse(this.lastResortCard(turn.language));
    }
  }

  /** The apology for an unexpected failure; built without templates, so rendering cannot fail it too. */
  private lastResortCard(language: Language): CardJson {
    try {
      return this.errorCard(language, 'error.unexpected');
    } catch {
      return {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: t(language, 'error.unexpected'), wrap: true },
          { type: 'TextBlock', text: t(language, 'acute.text'), wrap: true },
        ],
      };
    }
  }

  private tenantAllowed(turn: Turn): boolean {
    return turn.actor !== undefined && this.deps.allowedTenantIds.includes(turn.actor.tenantId);
  }

  private errorCard(language: Language, message: MessageKey): CardJson {
    return this.deps.cards.render('error', errorView(language, message), language);
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

/** Field names only: the values may be pupil data. */
function fieldNames(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))];
}
