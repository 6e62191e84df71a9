// Both stores for tests that must hold on each: a fresh SQLite file or a fresh database on the local
// Cosmos DB server per test, and as many connections to it as the test wants (each one a bot
// instance). Call `bothStores(prefix)` at the top of a test file; it starts and stops the server.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { startCosmosServer, type LocalCosmos } from './cosmos-server';

/** One more connection (one more bot instance) to the same fresh database. */
export type Connect = () => Promise<Store>;
/** A fresh, empty database. */
export type NewDatabase = () => Connect;

/** The two stores by name, for `describe.each`. Registers beforeAll/afterAll for the server. */
export function bothStores(prefix: string): [name: string, newDatabase: NewDatabase][] {
  const dir = mkdtempSync(join(tmpdir(), `meldcode-${prefix}-`));
  let cosmos: LocalCosmos | undefined;
  let databases = 0;
  beforeAll(async () => {
    cosmos = await startCosmosServer();
  });
  afterAll(async () => {
    await cosmos?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const sqlite: NewDatabase = () => {
    const file = join(dir, `${prefix}-${(databases += 1)}.db`);
    return () => Promise.resolve(SqliteStore.open(file));
  };
  const cosmosDb: NewDatabase = () => {
    const databaseId = `${prefix}-${(databases += 1)}`;
    return () => {
      if (!cosmos) throw new Error('the local Cosmos DB server is not running yet');
      return CosmosStore.connect({
        endpoint: cosmos.endpoint,
        databaseId,
        dossiersContainerId: 'dossiers',
        usersContainerId: 'users',
        auth: { kind: 'key', key: cosmos.key },
        createIfNotExists: true,
        agent: cosmos.agent,
        connectionPolicy: cosmos.connectionPolicy,
      });
    };
  };
  return [
    ['SQLite', sqlite],
    ['Cosmos DB', cosmosDb],
  ];
}
