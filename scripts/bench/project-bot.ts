// The project bot for bot-process.ts: loaded only in the process that runs it, so that the echo
// bots' processes do not carry the project's modules (their memory is the yardstick).

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
import type { CloneRequest } from './bot-process';

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

export interface ProjectBot {
  url: string;
  clone(request: CloneRequest): Promise<string[]>;
  stop(): Promise<void>;
}

/** The project bot as production composes it, on SQLite or (BENCH_STORE=cosmos) the local Cosmos DB server. */
export async function startProject(cosmosKey: string): Promise<ProjectBot> {
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
      auth: { kind: 'key', key: cosmosKey },
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
    clone: (request) => clone(bot.store, request),
    async stop() {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
