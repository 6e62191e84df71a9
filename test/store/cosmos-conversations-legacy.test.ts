// References that a Cosmos DB store saved before they were kept per tenant (the user id as the
// document id) still reach their person after an upgrade, but only in the tenant they were saved
// in: one saved from another tenant under a school person's id is never taken for theirs.

import { CosmosClient } from '@azure/cosmos';
import { CosmosStore } from '../../src/store/cosmos-store';
import { startCosmosServer, type LocalCosmos } from '../support/cosmos-server';
import { OTHER_TENANT, TENANT, makeConversation } from './fixtures';

let cosmos: LocalCosmos;

beforeAll(async () => {
  cosmos = await startCosmosServer();
});
afterAll(async () => {
  await cosmos.stop();
});

describe('a conversation reference saved before references were kept per tenant', () => {
  it('is found in its own tenant only, and a newer save in that tenant takes over', async () => {
    const store = await CosmosStore.connect({
      endpoint: cosmos.endpoint,
      databaseId: 'meldcode-legacy',
      dossiersContainerId: 'dossiers',
      usersContainerId: 'users',
      auth: { kind: 'key', key: cosmos.key },
      createIfNotExists: true,
      connectionPolicy: cosmos.connectionPolicy,
    });
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: cosmos.connectionPolicy,
    });
    try {
      const users = client.database('meldcode-legacy').container('users');
      const old = makeConversation('aad-user-1', '2026-03-01T08:00:00.000Z', 'a:old');
      // The old layout: id = the user id, no userId field.
      await users.items.create({
        type: 'conversation',
        id: old.userId,
        tenantId: old.tenantId,
        reference: old.reference,
        updatedAt: old.updatedAt,
      });
      await users.items.create({
        type: 'conversation',
        id: 'aad-user-2',
        tenantId: OTHER_TENANT,
        reference: { conversation: { id: 'a:stranger' } },
        updatedAt: old.updatedAt,
      });

      expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(old);
      expect(await store.getConversation(OTHER_TENANT, 'aad-user-1')).toBeUndefined();
      expect(await store.getConversation(TENANT, 'aad-user-2')).toBeUndefined();

      const newer = makeConversation('aad-user-1', '2026-03-05T08:00:00.000Z', 'a:newer');
      await store.saveConversation(newer);
      expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(newer);
    } finally {
      client.dispose();
      await store.close();
    }
  });
});
