// The yardstick: a bare botbuilder bot on the same botbuilder, restify and fake Bot Connector as the
// project. It echoes a message and answers a card action with a one-line card. With `state`, it does
// what the usual botbuilder sample does on Cosmos DB: conversation and user state loaded at the start
// of every turn and saved at the end (two reads, two writes), so the project on Cosmos DB can be held
// against the common pattern on the same local server.

import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
  type Storage,
  type StoreItems,
  type TurnContext,
} from 'botbuilder';
import { CosmosClient, type Container } from '@azure/cosmos';

/** Conversation and user state as items of one container, partitioned by their own id. */
export class CosmosStateStorage implements Storage {
  constructor(private readonly container: Container) {}

  static async open(endpoint: string, key: string): Promise<CosmosStateStorage> {
    const client = new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await client.databases.createIfNotExists({ id: 'echo-state' });
    const { container } = await database.containers.createIfNotExists({
      id: 'state',
      partitionKey: { paths: ['/id'] },
    });
    return new CosmosStateStorage(container);
  }

  // Cosmos ids may not hold '/', '\', '?' or '#'; state keys hold '/' (channel/conversations/id).
  private static idOf(key: string): string {
    return encodeURIComponent(key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const id = CosmosStateStorage.idOf(key);
        const { resource } = await this.container
          .item(id, id)
          .read<{ id: string; _etag: string; state: unknown }>();
        if (resource) items[key] = { ...(resource.state as object), eTag: resource._etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const id = CosmosStateStorage.idOf(key);
        const { eTag, ...state } = value as { eTag?: string } & Record<string, unknown>;
        const document = { id, state };
        if (eTag && eTag !== '*') {
          await this.container
            .item(id, id)
            .replace(document, { accessCondition: { type: 'IfMatch', condition: eTag } });
        } else {
          await this.container.items.upsert(document);
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.container.item(CosmosStateStorage.idOf(key), CosmosStateStorage.idOf(key)).delete(),
      ),
    );
  }
}

class EchoBot extends ActivityHandler {
  private readonly turns?: StatePropertyAccessor<number>;
  private readonly seen?: StatePropertyAccessor<number>;

  constructor(private readonly state?: { conversation: ConversationState; user: UserState }) {
    super();
    if (state) {
      this.turns = state.conversation.createProperty<number>('turns');
      this.seen = state.user.createProperty<number>('seen');
    }
    this.onMessage(async (context, next) => {
      await this.count(context);
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  private async count(context: TurnContext): Promise<void> {
    if (!this.turns || !this.seen) return;
    await this.turns.set(context, (await this.turns.get(context, 0)) + 1);
    await this.seen.set(context, (await this.seen.get(context, 0)) + 1);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    if (this.state) {
      await this.state.conversation.saveChanges(context, false);
      await this.state.user.saveChanges(context, false);
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.count(context);
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `echo: ${invokeValue.action.verb ?? ''}`, wrap: true }],
      },
    };
  }
}

export interface EchoServer {
  url: string;
  stop(): Promise<void>;
}

/** Start the echo bot on loopback; with `storage`, state is loaded and saved every turn. */
export async function startEchoBot(storage?: Storage): Promise<EchoServer> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  const bot = new EchoBot(
    storage ? { conversation: new ConversationState(storage), user: new UserState(storage) } : undefined,
  );
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
