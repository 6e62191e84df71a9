// Nobody else's chat: a stranger who sends `hallo` under the zorgcoördinator's Entra object id (from
// another tenant, allowed or not, or from outside Teams) does not replace where the bot reaches the
// zorgcoördinator. The next consultation card goes to the zorgcoördinator's own chat, and the
// stranger's connector hears nothing but the refusal. Over real HTTP with two fake connectors: one
// for the school's Teams, one for the stranger's.

import { randomUUID } from 'node:crypto';
import { startHarness, cardText, cardOf, press, openDossier, type Harness } from '../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import {
  SCHOOL,
  OTHER_SCHOOL,
  OTHER_TENANT,
  coordinator,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

const QUESTION = 'Wil je meekijken naar wat ik zag?';
/** The tenant of a second school: allowed, but it is not De Linde's. */
const ALLOWED_OTHER_TENANT = OTHER_SCHOOL.tenantId;

/** The zorgcoördinator's object id, sent from somewhere else. */
const impostor = (tenantId: string): TestUser => ({
  ...coordinator,
  teamsId: '29:stranger',
  name: 'Stranger',
  tenantId,
});

async function askConsultation(h: Harness): Promise<string> {
  const ref = await openDossier(h);
  const hub = await press(h, 'requestConsultation', {
    ...ref,
    submissionId: randomUUID(),
    coordinatorId: coordinator.aadObjectId,
    question: QUESTION,
  });
  return cardText(hub);
}

describe('a stranger using the zorgcoördinator’s object id', () => {
  let h: Harness;
  let elsewhere: FakeConnector;
  beforeEach(async () => {
    h = await startHarness({ schools: [SCHOOL, OTHER_SCHOOL] });
    elsewhere = await startFakeConnector();
    // The zorgcoördinator has talked to the bot in the school's own Teams.
    await h.post(message(coordinator, h.connector.url, 'hallo'));
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
    await elsewhere.stop();
  });

  it.each([
    ['a tenant that is not allowed', OTHER_TENANT],
    ['another school’s tenant, which is allowed', ALLOWED_OTHER_TENANT],
  ])(
    'from %s: the next consultation card still goes to the zorgcoördinator’s own chat',
    async (_name, tenant) => {
      const saved = await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId);
      const answer = await h.post(message(impostor(tenant), elsewhere.url, 'hallo'));
      expect(answer.status).toBe(200);

      expect(await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId)).toEqual(saved);
      const before = h.connector.calls.length;
      expect(await askConsultation(h)).toContain('Je vraag gaat nu als bericht naar Fatima El Amrani.');

      // The card went through the school's connector, into the zorgcoördinator's own conversation.
      const sent = h.connector.calls
        .slice(before)
        .filter(
          (c) =>
            c.method === 'POST' && c.path.includes(encodeURIComponent(`a:personal-${coordinator.teamsId}`)),
        );
      expect(sent).toHaveLength(1);
      expect(cardText(cardOf(sent[0]?.body))).toContain('Consultatie · MC-2026-0001');
      expect(JSON.stringify(sent[0]?.body)).toContain(QUESTION);
      // The stranger's side saw no card with the question, and no dossier at all.
      expect(JSON.stringify(elsewhere.calls)).not.toContain(QUESTION);
      expect(JSON.stringify(elsewhere.calls)).not.toContain('MC-2026');
    },
  );

  it('from a tenant that is not allowed: refused, and nothing is saved for that tenant either', async () => {
    await h.post(message(impostor(OTHER_TENANT), elsewhere.url, 'hallo'));
    expect(await h.store.getConversation(OTHER_TENANT, coordinator.aadObjectId)).toBeUndefined();
    const replies = elsewhere.activities();
    expect(replies.map((r) => r.text)).toEqual(['Deze bot is niet ingericht voor jouw organisatie.']);
  });

  it('from outside Teams (another channel), even in the school’s tenant: a plain refusal, nothing saved', async () => {
    const saved = await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId);
    const fromWebChat = {
      ...message(impostor(SCHOOL.tenantId), elsewhere.url, 'hallo'),
      channelId: 'webchat',
    };
    const answer = await h.post(fromWebChat);
    expect(answer.status).toBe(200);
    expect(elsewhere.activities().map((r) => ({ text: r.text, attachments: r.attachments }))).toEqual([
      { text: 'Ik werk alleen in Microsoft Teams.', attachments: undefined },
    ]);
    expect(await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId)).toEqual(saved);
  });

  it('with a tenant that differs between the conversation and the channel data: refused, nothing saved', async () => {
    const saved = await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId);
    const mixed = {
      ...message(impostor(SCHOOL.tenantId), elsewhere.url, 'hallo'),
      channelData: { tenant: { id: OTHER_TENANT } },
    };
    await h.post(mixed);
    expect(elsewhere.activities().map((r) => r.text)).toEqual([
      'Deze bot is niet ingericht voor jouw organisatie.',
    ]);
    expect(await h.store.getConversation(SCHOOL.tenantId, coordinator.aadObjectId)).toEqual(saved);
  });

  it('a card refresh list names the zorgcoördinator’s own Teams id, never the stranger’s', async () => {
    await h.post(message(impostor(ALLOWED_OTHER_TENANT), elsewhere.url, 'hallo'));
    await askConsultation(h);
    const posted = JSON.stringify(h.connector.activities());
    expect(posted).toContain(coordinator.teamsId);
    expect(posted).not.toContain('29:stranger');
  });
});
