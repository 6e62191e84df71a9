// The foundation over real HTTP: restify + CloudAdapter + the real SQLite store, with a fake Bot
// Connector on loopback standing in for Teams.

import { startHarness, cardOf, cardText, cardVerbs, invokeCard, type Harness } from '../support/bot-harness';
import { installation, invoke, message, teacher, OTHER_TENANT } from '../support/teams';

describe('the bot over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('answers "hallo" in a personal chat with the welcome card that offers a new dossier and shows acute danger', async () => {
    const response = await h.post(message(teacher, h.connector.url, 'hallo'));
    expect(response.status).toBe(200);
    const replies = h.connector.activities();
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('Nieuw dossier');
    expect(text).toContain('112');
    expect(text).toContain('0800-2000');
    expect(cardVerbs(card)).toEqual(expect.arrayContaining(['startNewDossier', 'showMyDossiers']));
  });

  it('greets an English Teams client in English', async () => {
    await h.post(message(teacher, h.connector.url, 'hello', 'en-US'));
    const text = cardText(cardOf(h.connector.activities()[0]));
    expect(text).toContain('New dossier');
    expect(text).toContain('Call 112');
  });

  it('welcomes a user who installs the app, and saves where to reach them', async () => {
    await h.post(installation(teacher, h.connector.url));
    expect(cardText(cardOf(h.connector.activities()[0]))).toContain('Meldcode');
    const saved = await h.store.getConversation(teacher.tenantId, teacher.aadObjectId);
    expect(saved?.tenantId).toBe(teacher.tenantId);
    expect(saved?.reference).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: `a:personal-${teacher.teamsId}` },
    });
  });

  it('saves the conversation reference again on every message (the serviceUrl can change)', async () => {
    await h.post(message(teacher, h.connector.url, 'hallo'));
    // Another address the same fake connector answers on: a new path prefix is enough.
    const moved = `${h.connector.url}moved/`;
    await h.post(message(teacher, moved, 'hallo'));
    expect((await h.store.getConversation(teacher.tenantId, teacher.aadObjectId))?.reference).toMatchObject({
      serviceUrl: moved,
    });
  });

  it('answers a registered verb with a card in the invoke response', async () => {
    const response = await h.post(invoke(teacher, h.connector.url, 'chooseRoute', { route: 'meldcode' }));
    expect(response.status).toBe(200);
    const card = invokeCard(response.body);
    expect(cardText(card)).toContain('Leerling (initialen of leerlingnummer)');
    expect(cardVerbs(card)).toContain('openDossier');
  });

  it('answers an unknown verb with an error card in a 200, and changes nothing', async () => {
    const response = await h.post(invoke(teacher, h.connector.url, 'deleteEverything', { dossierId: 'x' }));
    expect(response.status).toBe(200);
    const card = invokeCard(response.body);
    expect(cardText(card)).toContain('Deze knop ken ik niet');
    expect(await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId)).toEqual([]);
  });

  it('answers a malformed payload with an error card in a 200, and changes nothing', async () => {
    const response = await h.post(
      invoke(teacher, h.connector.url, 'showDossier', { schoolId: 42, dossierId: ['x'] }),
    );
    expect(response.status).toBe(200);
    expect(cardText(invokeCard(response.body))).toContain('Ik begrijp de gegevens uit dit bericht niet');
    const noAction = await h.post({
      ...invoke(teacher, h.connector.url, 'showHome', {}),
      value: { action: 'nonsense' },
    });
    expect(noAction.status).toBe(200);
    expect(cardText(invokeCard(noAction.body))).toContain('Deze knop ken ik niet');
    expect(await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId)).toEqual([]);
  });

  it('refuses a user from another tenant', async () => {
    const stranger = { ...teacher, tenantId: OTHER_TENANT };
    const response = await h.post(invoke(stranger, h.connector.url, 'startNewDossier', {}));
    expect(cardText(invokeCard(response.body))).toContain('niet ingericht voor jouw organisatie');
  });

  it('opens a dossier from the new-dossier card and numbers it for the school and year', async () => {
    const response = await h.post(
      invoke(teacher, h.connector.url, 'openDossier', {
        submissionId: '0b7e6a52-4c2e-4f55-9d57-2f1b9a3f0c11',
        pupilReference: 'JdV',
        group: 'groep 6',
        age: '10',
        firstDescription: 'Blauwe plek op de bovenarm, zegt gevallen te zijn.',
      }),
    );
    const card = invokeCard(response.body);
    expect(cardText(card)).toContain('Dossier MC-2026-0001');
    const open = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
    expect(open.map((d) => d.number)).toEqual(['MC-2026-0001']);
  });

  it('reports healthy on /healthz without any data', async () => {
    const response = await fetch(`${h.bot.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('the bot with a MicrosoftAppId set', () => {
  it('refuses a request without a valid token with 401, without calling out', async () => {
    const h = await startHarness({
      env: {
        MicrosoftAppId: '5b0d8f3e-6b7a-4a55-9b1e-2d6a3c4f5e61',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111',
      },
    });
    try {
      const missing = await h.post(message(teacher, h.connector.url, 'hallo'));
      expect(missing.status).toBe(401);
      const forged = await h.post(message(teacher, h.connector.url, 'hallo'), {
        authorization: 'Bearer forged.token.value',
      });
      expect(forged.status).toBe(401);
      expect(h.connector.calls).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });
});
