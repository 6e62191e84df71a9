// One bot under test in a process of its own, so that its CPU time and peak memory are its own.
// Started by run.ts with an IPC channel; it answers:
//   {type:'stats'}  → {type:'stats', cpuMicros, maxRssKb, rssBytes}
//   {type:'clone'}  → copies one stored dossier many times (the scaling part; project bot only)
//   {type:'stop'}   → stops and exits
// Settings come in BENCH_* environment variables (see run.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { composeBot } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger, LogContext } from '../../src/logger';
import { CosmosStore } from '../../src/store/cosmos-store';
import type { Dossier, LogEntry } from '../../src/domain';
import type { Store } from '../../src/store/store';
import { SCHOOL } from '../../test/support/teams';
import { CosmosStateStorage, startEchoBot } from './echo-bot';

export type BotKind = 'project' | 'echo' | 'echo-state';

export interface CloneRequest {
  type: 'clone';
  schoolId: string;
  dossierId: string;
  count: number;
  /** Owners of the copies, in turn. */
  ownerIds: string[];
  /** Log length of every copy: the template's signal entry is repeated to reach it. */
  entries?: number;
  /** First number of the copies' readable numbers, so they never collide. */
  firstNumber: number;
}

export type Request = { type: 'stats' } | { type: 'stop' } | CloneRequest;

export type Reply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; cpuMicros: number; maxRssKb: number; rssBytes: number }
  | { type: 'cloned'; ids: string[] }
  | { type: 'failed'; message: string };

const LOCAL_KEY = Buffer.from('local cosmosdb-server, no secret').toString('base64');

/** A copy of `template` with its own id, number and owner, its log grown or cut to `entries`. */
function copyOf(template: Dossier, id: string, number: string, ownerId: string, entries?: number): Dossier {
  const copy = structuredClone(template);
  copy.id = id;
  copy.number = number;
  copy.ownerId = ownerId;
  if (entries !== undefined) {
    const signal = copy.log.find((e) => e.kind === 'signalRecorded') ?? copy.log[copy.log.length - 1];
    if (!signal) throw new Error('The template dossier has no log to repeat.');
    const log: LogEntry[] = copy.log.slice(0, Math.min(entries, copy.log.length));
    while (log.length < entries)
      log.push({ ...structuredClone(signal), seq: log.length + 1, corrects: undefined });
    copy.log = log.map((entry, index) => ({ ...entry, seq: index + 1 }));
  }
  return copy;
}

async function clone(store: Store, request: CloneRequest): Promise<string[]> {
  const found = await store.getDossier(request.schoolId, request.dossierId);
  if (!found) throw new Error(`No dossier ${request.dossierId} to copy.`);
  const ids: string[] = [];
  const batch = 50;
  for (let start = 0; start < request.count; start += batch) {
    const copies = Array.from({ length: Math.min(batch, request.count - start) }, (_, k) => {
      const i = start + k;
      const ownerId = request.ownerIds[i % request.ownerIds.length] ?? found.value.ownerId;
      return copyOf(
        found.value,
        randomUUID(),
        `MC-2026-${request.firstNumber + i}`,
        ownerId,
        request.entries,
      );
    });
    await Promise.all(copies.map((d) => store.createDossier(d)));
    ids.push(...copies.map((d) => d.id));
  }
  return ids;
}

async function startProject(): Promise<{ url: string; store: Store; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meldcode-bench-'));
  const cosmosEndpoint = process.env.BENCH_COSMOS_ENDPOINT;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SCHOOLS: JSON.stringify([SCHOOL]),
    LOG_LEVEL: 'info',
    REMINDER_INTERVAL_SECONDS: '0',
  });
  let store: Store | undefined;
  if (process.env.BENCH_STORE === 'cosmos') {
    if (!cosmosEndpoint) throw new Error('BENCH_COSMOS_ENDPOINT is required with BENCH_STORE=cosmos');
    store = await CosmosStore.connect({
      endpoint: cosmosEndpoint,
      databaseId: `meldcode-bench-${process.pid}`,
      dossiersContainerId: 'dossiers',
      usersContainerId: 'users',
      auth: { kind: 'key', key: LOCAL_KEY },
      createIfNotExists: true,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  }
  // Production logs at info; the lines are formatted as in production and then dropped.
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const logContext = new LogContext();
  const bot = await composeBot(config, {
    logger: createLogger('info', sink, logContext),
    logContext,
    host: '127.0.0.1',
    ...(store ? { store } : {}),
  });
  return {
    url: bot.server.url,
    store: bot.store,
    async stop() {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const kind = (process.env.BENCH_KIND ?? 'project') as BotKind;
  const send = (reply: Reply): void => {
    process.send?.(reply);
  };
  let store: Store | undefined;
  let stop: () => Promise<void>;
  let url: string;
  if (kind === 'project') {
    const project = await startProject();
    ({ url, store } = project);
    stop = () => project.stop();
  } else {
    const endpoint = process.env.BENCH_COSMOS_ENDPOINT;
    if (kind === 'echo-state' && !endpoint)
      throw new Error('BENCH_COSMOS_ENDPOINT is required for echo-state');
    const echo = await startEchoBot(
      kind === 'echo-state' && endpoint ? await CosmosStateStorage.open(endpoint, LOCAL_KEY) : undefined,
    );
    url = echo.url;
    stop = () => echo.stop();
  }
  process.on('message', (request: Request) => {
    void (async () => {
      try {
        if (request.type === 'stats') {
          const cpu = process.cpuUsage();
          send({
            type: 'stats',
            cpuMicros: cpu.user + cpu.system,
            maxRssKb: process.resourceUsage().maxRSS,
            rssBytes: process.memoryUsage().rss,
          });
        } else if (request.type === 'clone') {
          if (!store) throw new Error('Only the project bot has dossiers to copy.');
          send({ type: 'cloned', ids: await clone(store, request) });
        } else {
          await stop();
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  send({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench bot failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
