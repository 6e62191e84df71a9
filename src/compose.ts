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
import { ExportLinks } from './app/export-links';
import { Documents } from './app/documents/documents';
import { AfterAnswer } from './app/after-answer';
import { Courier } from './app/courier';
import { DossierWriter } from './app/dossier-writer';
import { TeamsMessenger, type RetryPolicy } from './bot/teams-messenger';
import { TeamsNotifier } from './bot/teams-notifier';
import { ReminderScheduler } from './app/reminder-scheduler';
import { RetentionSweeper } from './app/retention';
import { bringWaitingMarksUpToDate } from './app/waiting-marks';
import { openStore } from './store/open-store';
import { startServer, type HttpServer } from './server';
import type { LogContext, Logger } from './logger';
import type { Store } from './store/store';

/** Retention is counted in days: looking once an hour is plenty. */
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface RunningBot {
  server: HttpServer;
  store: Store;
  /** Started on an interval when REMINDER_INTERVAL_SECONDS > 0; tests call sweep() themselves. */
  scheduler: ReminderScheduler;
  /** Removes closed dossiers past their school's retention period; hourly with the scheduler. */
  retention: RetentionSweeper;
  /** Cards and notices on their way after an answer; `idle()` waits until they are out. */
  afterAnswer: AfterAnswer;
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
  /** How proactive sends retry (tests use short waits). */
  retry?: RetryPolicy;
}

export async function composeBot(config: Config, options: ComposeOptions): Promise<RunningBot> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const store = options.store ?? (await openStore(config.store));
  // Dossiers marked by an earlier release get the details of their marks (waiting-marks.ts). A
  // failure costs only the order of those few on the zorgcoördinator's home: the bot starts anyway.
  await bringWaitingMarksUpToDate({ store, schools: config.schools, logger }).catch((error: unknown) =>
    logger.warn(
      { error: error instanceof Error ? { name: error.name, message: error.message } : 'unknown' },
      'waiting marks not brought up to date',
    ),
  );
  const cards = CardRenderer.fromDirectory();
  const adapter = createAdapter(config, logger);
  const messenger = new TeamsMessenger({
    adapter,
    appId: config.bot.appId,
    store,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  // Cards queued by a change are held for this instance this long before another may send them.
  const outboxLeaseMs = 2 * 60 * 1000;
  const afterAnswer = new AfterAnswer(logger);
  const writer = new DossierWriter({
    store,
    schools: config.schools,
    logger,
    logContext: options.logContext,
    newId: randomUUID,
    outboxLeaseMs,
  });
  const effects = new Courier({
    store,
    writer,
    messenger,
    cards,
    defaultLanguage: config.defaultLanguage,
    logger,
    newId: randomUUID,
    options: { leaseMs: outboxLeaseMs },
  });
  const dossiers = new DossierService({
    store,
    writer,
    delivery: { courier: effects, afterAnswer },
    newId: randomUUID,
  });
  const notifier = new TeamsNotifier({
    messenger,
    cards,
    schools: config.schools,
    defaultLanguage: config.defaultLanguage,
    logger,
  });
  const scheduler = new ReminderScheduler({
    store,
    writer,
    courier: effects,
    schools: config.schools,
    notifier,
    logger,
    clock,
    timers: { setInterval, clearInterval, setTimeout, clearTimeout },
    newId: randomUUID,
    options: { leaseMs: config.reminderClaimLeaseSeconds * 1000 },
  });
  const exportLinks = new ExportLinks({
    store,
    baseUrl: config.publicBaseUrl,
    clock,
    newId: randomUUID,
    logger,
    lifetimeMinutes: config.exports.linkMinutes,
    requireSignIn: config.exports.requireSignIn,
  });
  const verbDependencies = {
    cards,
    dossiers,
    schools: config.schools,
    exports: exportLinks,
    documents: new Documents({ store, dossiers, links: exportLinks, newId: randomUUID }),
    effects,
    messenger,
    adminIds: config.adminIds,
    scheduler,
  };
  const verbs = createVerbs(verbDependencies);
  const bot = new MeldcodeBot({
    cards,
    verbs,
    textCommands: createTextCommands(verbs),
    conversations: new ConversationReferences(store),
    allowedTenantIds: config.allowedTenantIds,
    schools: config.schools,
    defaultLanguage: config.defaultLanguage,
    clock,
    logger,
    logContext: options.logContext,
    // What waited for this person (a card that could not reach them) goes out after the answer.
    onPersonSeen: (actor) =>
      afterAnswer.run('cards waiting for a person', () =>
        effects.deliverWaitingFor(actor.tenantId, actor.id, clock()),
      ),
  });
  const server = await startServer(
    { adapter, bot, store, logger, exports: exportLinks, afterAnswer },
    config.port,
    options.host,
  );
  if (config.reminderIntervalSeconds > 0) scheduler.start(config.reminderIntervalSeconds * 1000);
  const retention = new RetentionSweeper({ store, schools: config.schools, logger, newId: randomUUID });
  let retentionRun: Promise<unknown> = Promise.resolve();
  const retentionTimer =
    config.reminderIntervalSeconds > 0
      ? setInterval(() => {
          retentionRun = retention.sweep(clock()).catch((error: unknown) => {
            logger.error(
              { error: error instanceof Error ? error.message : 'unknown' },
              'retention sweep failed',
            );
          });
        }, RETENTION_INTERVAL_MS)
      : undefined;
  return {
    server,
    store,
    scheduler,
    retention,
    afterAnswer,
    stop: async () => {
      // No sweep may be halfway when the store closes.
      if (retentionTimer) clearInterval(retentionTimer);
      await retentionRun;
      await scheduler.stop();
      await server.close();
    },
  };
}
