// One error boundary around the whole turn: whatever fails — the store, the connector, rendering a
// damaged record — a card action is answered HTTP 200 with a card (the apology when nothing better
// can be shown) and a message with a reply. Nothing before the verb turns into botbuilder's bare 501.
// Over real HTTP, with the real SQLite store wrapped so that its methods fail on demand.

import { SqliteStore } from '../../src/store/sqlite-store';
import type { Dossier } from '../../src/domain/dossier';
import {
  startHarness,
  cardOf,
  cardText,
  invokeCard,
  openDossier,
  type Harness,
} from '../support/bot-harness';
import { failingStore, type FailingStore } from '../support/failing-store';
import { invoke, message, teacher } from '../support/teams';

const APOLOGY = 'Er ging iets mis aan mijn kant.';

describe('a turn whose store fails', () => {
  let h: Harness;
  let faults: FailingStore;
  beforeEach(async () => {
    faults = failingStore(SqliteStore.open(':memory:'));
    h = await startHarness({ store: faults.store });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('still answers when only saving the conversation reference fails: the person gets their card', async () => {
    faults.fail(['saveConversation']);
    const response = await h.post(invoke(teacher, h.connector.url, 'startNewDossier', {}));
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain('Eerst even checken');
    expect(faults.failures.get('saveConversation')).toBe(1);

    await h.post(message(teacher, h.connector.url, 'hallo'));
    expect(cardText(cardOf(h.connector.activities().at(-1)))).toContain('Nieuw dossier');
  });

  it.each([
    ['showHome', {}],
    ['startNewDossier', {}],
    ['openDossier', { pupilReference: 'AB', group: '7b', age: '9', firstDescription: '' }],
    ['showDossier', { schoolId: 'de-linde', dossierId: 'any' }],
    ['exportDossier', { schoolId: 'de-linde', dossierId: 'any' }],
    ['showMyConsultations', {}],
  ])('answers %s with 200 and a card when every store call fails', async (verb, data) => {
    faults.fail('everything');
    const response = await h.post(invoke(teacher, h.connector.url, verb, data));
    expect(response.status).toBe(200);
    const card = invokeCard(response.body);
    expect(card.type).toBe('AdaptiveCard');
  });

  it('answers a card action on a dossier with the apology card when the store fails mid-turn', async () => {
    const ref = await openDossier(h);
    faults.fail('everything');
    const response = await h.post(invoke(teacher, h.connector.url, 'showDossier', ref));
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain(APOLOGY);
  });

  it('answers a message with an apology when the store fails', async () => {
    faults.fail('everything');
    const response = await h.post(message(teacher, h.connector.url, 'hallo'));
    expect(response.status).toBeLessThan(500);
    const replies = h.connector.activities();
    expect(replies.map((r) => JSON.stringify(r))).toEqual([expect.stringContaining(APOLOGY)]);
  });

  it('answers with the apology card when a damaged dossier cannot be rendered', async () => {
    const ref = await openDossier(h);
    // What comes back from the store is no dossier the views can read.
    faults.fail(['getDossier'], (result) => {
      const read = result as { value: Dossier; version: string } | undefined;
      return read && { ...read, value: { ...read.value, log: [null], pupil: null } };
    });
    const response = await h.post(invoke(teacher, h.connector.url, 'showDossier', ref));
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain(APOLOGY);
  });

  it('logs what failed by name, without the pupil data of the turn', async () => {
    faults.fail('everything');
    await h.post(
      invoke(teacher, h.connector.url, 'openDossier', {
        pupilReference: 'Geheime Naam',
        group: '7b',
        age: '9',
        firstDescription: 'Iets heel persoonlijks',
      }),
    );
    const logs = h.logs.join('');
    expect(logs).toContain('StoreUnavailableError');
    expect(logs).not.toContain('Geheime Naam');
    expect(logs).not.toContain('Iets heel persoonlijks');
  });
});

describe('a turn whose connector fails', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('answers a message with no server error when the reply cannot be delivered', async () => {
    // 403: the connector refuses the reply, and refuses the apology too.
    h.connector.failNext(/\/activities/, 403, 5);
    const response = await h.post(message(teacher, h.connector.url, 'hallo'));
    expect(response.status).toBeLessThan(500);
    expect(h.logs.join('')).toContain('apology not sent');
  });

  it('answers a card action 200 with a card although the connector is down: the card travels in the HTTP answer', async () => {
    h.connector.failNext(/.*/, 403, 50);
    const response = await h.post(invoke(teacher, h.connector.url, 'startNewDossier', {}));
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain('Eerst even checken');
  });
});

describe('what is not from Teams', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('gets a card answer to a card action, 200, and nothing saved', async () => {
    const response = await h.post({
      ...invoke(teacher, h.connector.url, 'showHome', {}),
      channelId: 'webchat',
    });
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain('Ik werk alleen in Microsoft Teams.');
    expect(await h.store.getConversation(teacher.tenantId, teacher.aadObjectId)).toBeUndefined();
  });
});
