// Starts the real bot (restify + CloudAdapter + real store) on loopback against a fake Bot
// Connector, and posts Teams-shaped activities to it over HTTP.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { composeBot, type RunningBot } from '../../src/compose';
import { createLogger, LogContext } from '../../src/logger';
import type { Store } from '../../src/store/store';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { SCHOOL, invoke, teacher, type TestUser } from './teams';

export interface Harness {
  bot: RunningBot;
  connector: FakeConnector;
  store: Store;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  post(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  /** Move the bot's clock (it starts at `start`). */
  setNow(date: Date): void;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  now?: Date;
  schools?: unknown[];
  store?: Store;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meldcode-e2e-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SCHOOLS: JSON.stringify(options.schools ?? [SCHOOL]),
    LOG_LEVEL: 'debug',
    // The tests sweep by hand, at the moments they choose.
    REMINDER_INTERVAL_SECONDS: '0',
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  let now = options.now ?? new Date('2026-11-16T09:30:00+01:00');
  const connector = await startFakeConnector();
  const logContext = new LogContext();
  const bot = await composeBot(config, {
    logger: createLogger('debug', sink, logContext),
    logContext,
    // Proactive sends retry at once here: the waits themselves are not what the tests are about.
    retry: { delaysMs: [1, 1, 1], sleep: () => Promise.resolve(), random: () => 0 },
    clock: () => now,
    host: '127.0.0.1',
    ...(options.store ? { store: options.store } : {}),
  });

  return {
    bot,
    connector,
    store: bot.store,
    logs,
    async post(activity, headers = {}) {
      const response = await fetch(`${bot.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      // The answer came first; what the action sends to others goes out right after it. A test
      // goes on once that is done too, as a person would look a moment later.
      await bot.afterAnswer.idle();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    setNow(date) {
      now = date;
    },
    async stop() {
      await bot.stop();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card in a posted activity (first attachment). */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> {
  const attachments = (activity?.attachments ?? []) as {
    contentType: string;
    content: Record<string, unknown>;
  }[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`No adaptive card in ${JSON.stringify(activity)}`);
  return card.content;
}

/** The card an invoke answered with. */
export function invokeCard(body: unknown): Record<string, unknown> {
  const response = body as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (
    response.statusCode !== 200 ||
    response.type !== 'application/vnd.microsoft.card.adaptive' ||
    !response.value
  ) {
    throw new Error(`Not a card response: ${JSON.stringify(body)}`);
  }
  return response.value;
}

/** All texts on a card, for assertions that read like what a person sees. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'label') && typeof value === 'string')
          texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/**
 * Every object on a card, depth first, each before what it holds (inside a ShowCard too): the one
 * walk the finders below and the tests' own share.
 */
export function* cardObjects(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) for (const item of node as unknown[]) yield* cardObjects(item);
  else if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const value of Object.values(node)) yield* cardObjects(value);
  }
}

/** The URLs of a card's Action.OpenUrl buttons (download links), apart from the acute-danger phone links. */
export function downloadLinks(card: unknown): string[] {
  return [...cardObjects(card)].flatMap((record) =>
    record.type === 'Action.OpenUrl' && typeof record.url === 'string' && !record.url.startsWith('tel:')
      ? [record.url]
      : [],
  );
}

/** Every verb the card's buttons would send. */
export function cardVerbs(card: unknown): string[] {
  return [...cardObjects(card)].flatMap((record) =>
    record.type === 'Action.Execute' && typeof record.verb === 'string' ? [record.verb] : [],
  );
}

/** The data of the first button for `verb` on a card: what pressing it sends (before any input). */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  for (const record of cardObjects(card))
    if (record.type === 'Action.Execute' && record.verb === verb)
      return { ...(record.data as Record<string, unknown>) };
  throw new Error(`No ${verb} button on the card`);
}

export type DossierRef = { schoolId: string; dossierId: string };

/** Press a card button (an Action.Execute) as a user, and get the card the bot answers with. */
export async function press(
  h: Harness,
  verb: string,
  data: Record<string, unknown>,
  user: TestUser = teacher,
  locale = 'nl-NL',
): Promise<Record<string, unknown>> {
  return invokeCard((await h.post(invoke(user, h.connector.url, verb, data, locale))).body);
}

/** Open a dossier from the new-dossier card as the teacher, and return where it is stored. */
export async function openDossier(
  h: Harness,
  fields: { pupilReference?: string; group?: string; age?: string; firstDescription?: string } = {},
): Promise<DossierRef> {
  await press(h, 'openDossier', {
    pupilReference: 'AB',
    group: '7b',
    age: '9',
    firstDescription: '',
    ...fields,
  });
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  return { schoolId: summary.schoolId, dossierId: summary.id };
}

/** The kinds of the stored dossier's log entries, in order. */
export async function logKinds(h: Harness, ref: DossierRef): Promise<string[]> {
  return (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind) ?? [];
}
