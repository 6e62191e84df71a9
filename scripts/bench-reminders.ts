// What one reminder sweep costs, by the number of dossiers in the store and the number due.
//
//   npx tsx scripts/bench-reminders.ts                 10,000 and 100,000 dossiers, 100 due, both stores
//   npx tsx scripts/bench-reminders.ts 2000,20000 50   other sizes (comma-separated) and number due
//
// For each store (SQLite on a temporary file; Cosmos DB on the local in-process server of the
// tests) and each size, it seeds that many dossiers of one school in bulk — `due` of them with a
// reminder due now, the rest open with a reminder weeks ahead or closed without one — and then runs
// ReminderScheduler.sweep once, through a thin wrapper around the Store that counts calls, items
// returned and time per method. A second sweep at the same moment shows the cost when nothing is due.
//
// "items read" is what the sweep asked of the store: summaries from the indexed dueForReminder query
// plus dossiers read one by one. That is what the real stores charge for: SQLite answers
// dueForReminder with an index search (test/store/sqlite-store.test.ts checks the query plan), and
// Cosmos DB with the range index on /nextReminderAt inside one partition, so both must stay flat
// from 10,000 to 100,000.
//
// The local Cosmos server is an in-memory emulator without indexes: every query scans every document
// of the container, so its "query ms" grows with the total and measures the emulator, not Cosmos DB.
// Worse, it collects the candidates of each query with an array spread inside a reduce, which is
// quadratic: 20,000 documents take ~8 s per query, 40,000 ~45 s, and 100,000 exceed the SDK's 60 s
// request timeout. So that 100,000 can be measured at all, lineariseEmulatorQueries() below rewrites
// that one expression of the emulator's generated query code into a push (same result, linear), in
// this process only. The scan itself stays.
//
// The weekly overview is switched off here: it reads every open dossier of a school once a week,
// by design, and is not part of the per-sweep cost. Takes about 3 minutes on 2 cores, most of it
// seeding the emulator.

import { DossierWriter } from '../src/app/dossier-writer';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import Database from 'better-sqlite3';
import type { Notifier, NotifyOutcome, ReminderMessage } from '../src/app/notifier';
import { ReminderScheduler } from '../src/app/reminder-scheduler';
import { decide, withNextReminder, type Dossier, type School } from '../src/domain';
import { createLogger } from '../src/logger';
import { CosmosStore } from '../src/store/cosmos-store';
import { SQLITE_LIST_QUERIES, SqliteStore } from '../src/store/sqlite-store';
import type { Store, WaitingList } from '../src/store/store';
import { startCosmosServer, type LocalCosmos } from '../test/support/cosmos-server';
import { storeWith } from '../test/support/store-with';

const SCHOOL: School = {
  id: 'bench-school',
  name: 'Bench',
  tenantId: 'tenant-bench',
  coordinators: [{ id: 'user-ib', name: 'Zorgcoördinator' }],
  decisionMaker: { id: 'user-beslisser', name: 'Beslisser' },
  reminders: { weeklyOverviewWeekday: null },
};
/** Opened Tuesday 10 March 2026, 11:00 in Amsterdam: the step reminder is due 24 March, 11:00. */
const OPENED = new Date('2026-03-10T10:00:00.000Z');
const SWEEP_AT = new Date('2026-03-24T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

// ---- The emulator's quadratic query -------------------------------------------------------------------

/** `[...$, { c: c }]`: how the emulator's generated code adds each candidate document. */
const QUADRATIC_APPEND = /\[\.\.\.\$, \{\s*c: c\s*\}\]/;

/** See the top of this file. Throws when the emulator's code no longer looks as expected. */
function lineariseEmulatorQueries(): void {
  const fromServer = createRequire(createRequire(__filename).resolve('@vercel/cosmosdb-server'));
  const loaded: unknown = fromServer('@zeit/cosmosdb-query');
  const factory: unknown =
    typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : undefined;
  const sample: unknown =
    typeof factory === 'function' ? Reflect.apply(factory, undefined, ['SELECT * FROM c']) : null;
  const prototype: unknown =
    typeof sample === 'object' && sample !== null ? Object.getPrototypeOf(sample) : null;
  const descriptor =
    typeof prototype === 'object' && prototype !== null
      ? Object.getOwnPropertyDescriptor(prototype, 'code')
      : undefined;
  if (typeof prototype !== 'object' || prototype === null || !descriptor) {
    throw new Error('@zeit/cosmosdb-query changed shape; check lineariseEmulatorQueries in this script.');
  }
  // The original getter, kept on an object of its own and called with the query as `this`.
  const original: object = Object.defineProperty({}, 'code', descriptor);
  const codeOf = (query: unknown): string => String(Reflect.get(original, 'code', query));
  if (!QUADRATIC_APPEND.test(codeOf(sample))) {
    throw new Error("The emulator's query code changed; check lineariseEmulatorQueries in this script.");
  }
  const linear = new RegExp(QUADRATIC_APPEND.source, 'g');
  Object.defineProperty(prototype, 'code', {
    configurable: true,
    get(this: unknown): string {
      return codeOf(this).replace(linear, '($.push({ c: c }), $)');
    },
  });
}

// ---- The counting store -----------------------------------------------------------------------------------

interface MethodCount {
  calls: number;
  items: number;
  ms: number;
}

/** How many items one call of a counted method read or wrote. */
const ITEMS_OF: Readonly<Record<string, (result: unknown) => number>> = {
  createDossier: () => 1,
  getDossier: (found) => (found ? 1 : 0),
  replaceDossier: () => 1,
  deleteDossier: () => 1,
  openDossiersOfOwner: listLength,
  openDossiersInvolving: listLength,
  dossiersNeeding: listLength,
  waitingList: (list) => (list as WaitingList).longest.length,
  dossiersWaitingFor: listLength,
  dossiersOfSchool: listLength,
  dueForReminder: listLength,
  nextDossierSequence: () => 1,
  claim: () => 1,
  appendAudit: () => 1,
  auditOfDossier: listLength,
};

function listLength(list: unknown): number {
  return (list as readonly unknown[]).length;
}

/** The store as it is, counting per method: calls, items returned (or written), time spent. */
function countingStore(inner: Store) {
  const counts = new Map<string, MethodCount>();
  const count = (method: string): MethodCount => counts.get(method) ?? { calls: 0, items: 0, ms: 0 };
  const measured = Object.fromEntries(
    Object.entries(ITEMS_OF).map(([method, items]) => [
      method,
      async (...args: unknown[]): Promise<unknown> => {
        const start = performance.now();
        const work = Reflect.get(inner, method) as (...a: unknown[]) => Promise<unknown>;
        const result = await work.apply(inner, args);
        const before = count(method);
        counts.set(method, {
          calls: before.calls + 1,
          items: before.items + items(result),
          ms: before.ms + performance.now() - start,
        });
        return result;
      },
    ]),
  ) as Partial<Store>;
  return storeWith(inner, { ...measured, count, reset: () => counts.clear() });
}

// ---- The dossiers ----------------------------------------------------------------------------------------

/** One dossier as the app makes it (decide + schedule); the seed copies it with other ids and times. */
function template(): Dossier {
  const opened = decide(
    undefined,
    {
      type: 'openDossier',
      schoolId: SCHOOL.id,
      pupil: { reference: 'AB', group: 'groep 6', age: 10 },
      firstDescription: 'Blauwe plek op de bovenarm gezien bij de gymles.',
    },
    {
      actor: { id: 'user-owner', name: 'Leerkracht', role: 'eigenaar' },
      now: OPENED,
      newDossier: { id: 'template', number: 'MC-2026-0000', tenantId: SCHOOL.tenantId },
    },
  );
  if (!opened.ok) throw new Error(`the template dossier was refused: ${opened.refusal.code}`);
  const withSignal = decide(
    opened.dossier,
    {
      type: 'recordSignal',
      categories: ['niet-naar-huis-willen'],
      specificForms: [],
      observedOn: '2026-03-09',
      place: 'klas',
      description: 'Kwam stil en moe binnen, wilde niet naar huis.',
      source: 'eigen-waarneming',
      pointsOtherWay: false,
    },
    { actor: { id: 'user-owner', name: 'Leerkracht', role: 'eigenaar' }, now: OPENED },
  );
  if (!withSignal.ok) throw new Error(`the template signal was refused: ${withSignal.refusal.code}`);
  return withNextReminder(withSignal.dossier, SCHOOL, OPENED);
}

/**
 * Dossier i of n: the first `due` are due at SWEEP_AT (their rule says so: opened ten working days
 * before); of the rest, seven in ten are open with a reminder 1–60 days ahead, three in ten closed.
 */
function dossierNumber(base: Dossier, i: number, due: number): Dossier {
  const id = `bench-${String(i).padStart(6, '0')}`;
  const number = `MC-2026-${String(i).padStart(6, '0')}`;
  if (i < due) return { ...base, id, number };
  if (i % 10 < 3) return { ...base, id, number, status: 'closed', nextReminderAt: null };
  const ahead = new Date(SWEEP_AT.getTime() + (1 + (i % 60)) * DAY).toISOString();
  return { ...base, id, number, nextReminderAt: ahead };
}

// ---- Seeding in bulk ------------------------------------------------------------------------------------

/** Straight into the SQLite file in one transaction per batch (the columns of sqlite-store.ts). */
function seedSqlite(file: string, count: number, due: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `INSERT INTO dossiers (school_id, id, number, pupil_reference, owner_id, status, updated_at,
       next_reminder_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const base = template();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const d = dossierNumber(base, i, due);
      insert.run(
        d.schoolId,
        d.id,
        d.number,
        d.pupil.reference,
        d.ownerId,
        d.status,
        d.updatedAt,
        d.nextReminderAt,
        randomUUID(),
        JSON.stringify(d),
      );
    }
  });
  for (let from = 0; from < count; from += 10_000) batch(from, Math.min(count, from + 10_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * Creates against the local server, 64 at a time, in the document shape of cosmos-store.ts (the
 * dossier plus `type`). (The SDK's bulk API waits between its batches; plain creates in parallel
 * are several times faster against the in-process server.)
 */
async function seedCosmos(
  cosmos: LocalCosmos,
  databaseId: string,
  count: number,
  due: number,
): Promise<void> {
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: cosmos.connectionPolicy,
  });
  try {
    const container = client.database(databaseId).container('dossiers');
    const base = template();
    const PARALLEL = 64;
    for (let from = 0; from < count; from += PARALLEL) {
      const creates: Promise<unknown>[] = [];
      for (let i = from; i < Math.min(count, from + PARALLEL); i++) {
        creates.push(container.items.create({ ...dossierNumber(base, i, due), type: 'dossier' }));
      }
      await Promise.all(creates);
    }
  } finally {
    client.dispose();
  }
}

// ---- One measurement ----------------------------------------------------------------------------------

/** Delivers at once: the measurement is of the store, not of Teams. */
class InstantNotifier implements Notifier {
  sent = 0;
  notify(_recipientId: string, _reminder: ReminderMessage): Promise<NotifyOutcome> {
    this.sent++;
    return Promise.resolve('sent');
  }
}

interface Row {
  store: string;
  dossiers: number;
  due: number;
  sweep: string;
  ms: number;
  queries: number;
  summaries: number;
  dossierReads: number;
  itemsRead: number;
  writes: number;
  queryMs: number;
  sent: number;
}

async function measure(storeName: string, store: Store, dossiers: number, due: number): Promise<Row[]> {
  const counting = countingStore(store);
  const notifier = new InstantNotifier();
  let ids = 0;
  const scheduler = new ReminderScheduler({
    store: counting,
    writer: new DossierWriter({
      store: counting,
      schools: [SCHOOL],
      logger: createLogger('silent'),
      newId: () => `bench-${(ids += 1)}`,
      outboxLeaseMs: 60_000,
    }),
    schools: [SCHOOL],
    notifier,
    logger: createLogger('silent'),
    clock: () => SWEEP_AT,
    timers: {
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    newId: () => `bench-id-${(ids += 1)}`,
  });
  const rows: Row[] = [];
  for (const sweep of ['first (due)', 'second (none)']) {
    counting.reset();
    const before = notifier.sent;
    const start = performance.now();
    const report = await scheduler.sweep(SWEEP_AT);
    const ms = performance.now() - start;
    if (report.errors > 0) throw new Error(`the sweep on ${storeName} reported ${report.errors} errors`);
    const query = counting.count('dueForReminder');
    const reads = counting.count('getDossier');
    rows.push({
      store: storeName,
      dossiers,
      due,
      sweep,
      ms,
      queries: query.calls,
      summaries: query.items,
      dossierReads: reads.items,
      itemsRead: query.items + reads.items,
      writes: counting.count('replaceDossier').calls + counting.count('appendAudit').calls,
      queryMs: query.ms,
      sent: notifier.sent - before,
    });
  }
  return rows;
}

// ---- The run ----------------------------------------------------------------------------------------------

function parseArguments(): { sizes: number[]; due: number } {
  const [sizes = '10000,100000', due = '100'] = process.argv.slice(2);
  const parsed = sizes.split(',').map(Number);
  if (parsed.some((n) => !Number.isInteger(n) || n < 1) || !(Number(due) >= 1)) {
    throw new Error('usage: npx tsx scripts/bench-reminders.ts [sizes, e.g. 10000,100000] [due, e.g. 100]');
  }
  return { sizes: parsed, due: Number(due) };
}

function print(rows: Row[]): void {
  const header = [
    'store',
    'dossiers',
    'due',
    'sweep',
    'wall ms',
    'queries',
    'summaries',
    'dossier reads',
    'items read',
    'writes',
    'query ms',
    'sent',
  ];
  const lines = rows.map((r) => [
    r.store,
    r.dossiers.toLocaleString('en-US'),
    String(r.due),
    r.sweep,
    r.ms.toFixed(0),
    String(r.queries),
    String(r.summaries),
    String(r.dossierReads),
    String(r.itemsRead),
    String(r.writes),
    r.queryMs.toFixed(0),
    String(r.sent),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${format(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

async function main(): Promise<void> {
  const { sizes, due } = parseArguments();
  const dir = mkdtempSync(join(tmpdir(), 'meldcode-bench-'));
  lineariseEmulatorQueries();
  const cosmos = await startCosmosServer();
  const rows: Row[] = [];
  try {
    // Warm up (module loading, JIT) on a small store, so the first row measures the sweep.
    const warmUpFile = join(dir, 'warm-up.db');
    await SqliteStore.open(warmUpFile).close();
    seedSqlite(warmUpFile, 500, due);
    const warmUp = SqliteStore.open(warmUpFile);
    await measure('warm-up', warmUp, 500, due);
    await warmUp.close();

    for (const size of sizes) {
      const file = join(dir, `bench-${size}.db`);
      await SqliteStore.open(file).close(); // creates the schema
      let start = performance.now();
      seedSqlite(file, size, due);
      process.stderr.write(
        `SQLite: seeded ${size} dossiers in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
      );
      const sqlite = SqliteStore.open(file);
      try {
        rows.push(...(await measure('SQLite', sqlite, size, due)));
      } finally {
        await sqlite.close();
      }

      const databaseId = `bench-${size}`;
      const cosmosStore = await CosmosStore.connect({
        endpoint: cosmos.endpoint,
        databaseId,
        dossiersContainerId: 'dossiers',
        usersContainerId: 'users',
        auth: { kind: 'key', key: cosmos.key },
        createIfNotExists: true,
        connectionPolicy: cosmos.connectionPolicy,
      });
      try {
        start = performance.now();
        await seedCosmos(cosmos, databaseId, size, due);
        process.stderr.write(
          `Cosmos DB (local server): seeded ${size} dossiers in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
        );
        rows.push(...(await measure('Cosmos DB (local)', cosmosStore, size, due)));
      } finally {
        await cosmosStore.close();
      }
    }
  } finally {
    await cosmos.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows);
  process.stdout.write(`\nSQLite plan of dueForReminder: ${sqlitePlan()}\n`);
}

/** How SQLite answers dueForReminder (an index search, not a scan). */
function sqlitePlan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meldcode-plan-'));
  try {
    const file = join(dir, 'plan.db');
    SqliteStore.open(file)
      .close()
      .catch(() => undefined);
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare<[string, string, number], { detail: string }>(
          `EXPLAIN QUERY PLAN ${SQLITE_LIST_QUERIES.dueForReminder}`,
        )
        .all('school', '2026-01-01', 1)
        .map((row) => row.detail)
        .join('; ');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench-reminders failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
