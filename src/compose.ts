// Builds the whole graph from a Config: store, adapter, cards, use cases, verbs, bot, server.
// index.ts calls it with the real environment; the end-to-end tests call it with their own.

import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import { createAdapter } from './bot/adapter';
import { MeldcodeBot } from './bot/meldcode-bot';
import { ConversationReferences } from './bot/conversation-references';
import { createVerbs, createTextCommands } from './bot/verbs';
import { CardRenderer } from './cards/render';
import { DossierService } from './app/dossier-service';
import { openStore } from './store/open-store';
import { startServer, type HttpServer } from './server';
import type { LogContext, Logger } from './logger';
import type { Store } from './store/store';

export interface RunningBot {
  server: HttpServer;
  store: Store;
  stop(): Promise<void>;
}

export interface ComposeOptions {
  logger: Logger;
  /** The correlation ids the logger's lines carry; the bot sets them per turn. */
  logContext: LogContext;
  clock?: () => Date;
  host?: string;
  /** Use this store instead of opening the configured one (tests). */
  store?: Store;
}

export async function composeBot(config: Config, options: ComposeOptions): Promise<RunningBot> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const store = options.store ?? (await openStore(config.store));
  const cards = CardRenderer.fromDirectory();
  const dossiers = new DossierService({
    store,
    schools: config.schools,
    logger,
    logContext: options.logContext,
    newId: randomUUID,
  });
  const verbDependencies = { cards, dossiers, schools: config.schools };
  const bot = new MeldcodeBot({
    cards,
    verbs: createVerbs(verbDependencies),
    textCommands: createTextCommands(verbDependencies),
    conversations: new ConversationReferences(store),
    allowedTenantIds: config.allowedTenantIds,
    defaultLanguage: config.defaultLanguage,
    clock,
    logger,
    logContext: options.logContext,
  });
  const adapter = createAdapter(config, logger);
  const server = await startServer({ adapter, bot, store, logger }, config.port, options.host);
  return { server, store, stop: () => server.close() };
}
