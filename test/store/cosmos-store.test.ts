import { CosmosClient } from '@azure/cosmos';
import {
  CosmosStore,
  DOSSIERS_INDEXING_POLICY,
  USERS_INDEXING_POLICY,
  type CosmosStoreOptions,
} from '../../src/store/cosmos-store';
import { startCosmosServer, type LocalCosmos } from '../support/cosmos-server';
import { runStoreContract } from './store-contract';

let cosmos: LocalCosmos;
let databases = 0;

beforeAll(async () => {
  cosmos = await startCosmosServer();
});

afterAll(async () => {
  await cosmos.stop();
});

/** Options for a fresh database on the local server: every test starts empty. */
function options(overrides: Partial<CosmosStoreOptions> = {}): CosmosStoreOptions {
  databases += 1;
  return {
    endpoint: cosmos.endpoint,
    databaseId: `meldcode-test-${databases}`,
    dossiersContainerId: 'dossiers',
    usersContainerId: 'users',
    auth: { kind: 'key', key: cosmos.key },
    createIfNotExists: true,
    agent: cosmos.agent,
    connectionPolicy: cosmos.connectionPolicy,
    ...overrides,
  };
}

runStoreContract('Cosmos DB', async () => {
  const store = await CosmosStore.connect(options());
  return { store, cleanup: () => store.close() };
});

describe('connecting to Cosmos DB', () => {
  it('creates the containers with the exported indexing policies when asked to (local servers)', async () => {
    const opts = options();
    const store = await CosmosStore.connect(opts);
    await store.close();

    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: cosmos.connectionPolicy,
    });
    try {
      const database = client.database(opts.databaseId);
      const dossiers = (await database.container('dossiers').read()).resource;
      const users = (await database.container('users').read()).resource;
      expect(dossiers?.partitionKey?.paths).toEqual(['/schoolId']);
      expect(dossiers?.indexingPolicy).toEqual(expect.objectContaining(DOSSIERS_INDEXING_POLICY));
      expect(users?.partitionKey?.paths).toEqual(['/id']);
      expect(users?.indexingPolicy).toEqual(expect.objectContaining(USERS_INDEXING_POLICY));
    } finally {
      client.dispose();
    }
  });

  it('fails with a message that says how to fix it when the containers were not provisioned', async () => {
    await expect(CosmosStore.connect(options({ createIfNotExists: false }))).rejects.toThrow(
      /container 'dossiers' in database 'meldcode-test-\d+'.*does not exist.*infrastructure template/,
    );
  });

  it('finds containers that exist without creating anything', async () => {
    const opts = options();
    await (await CosmosStore.connect(opts)).close();
    const store = await CosmosStore.connect({ ...opts, createIfNotExists: false });
    try {
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('answers ping with false, without throwing, when the server is unreachable', async () => {
    const client = new CosmosClient({
      endpoint: 'http://127.0.0.1:9', // the discard port: nothing listens there
      key: cosmos.key,
      connectionPolicy: cosmos.connectionPolicy,
    });
    const database = client.database('meldcode-unreachable');
    const unreachable = new CosmosStore(
      { dossiers: database.container('dossiers'), users: database.container('users') },
      { client, pingTimeoutMs: 1000 },
    );
    try {
      expect(await unreachable.ping()).toBe(false);
    } finally {
      await unreachable.close();
    }
  });
});
