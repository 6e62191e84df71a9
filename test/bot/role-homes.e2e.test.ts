// Everyone involved has a home: the zorgcoördinator finds the consultations to answer, the beslisser
// the decisions to confirm, each with a button; and a card that could not reach its person waits and
// arrives when that person first talks to the bot. Over real HTTP with the fake Bot Connector.

import { randomUUID } from 'node:crypto';
import {
  actionData,
  startHarness,
  cardOf,
  cardText,
  cardVerbs,
  invokeCard,
  type Harness,
} from '../support/bot-harness';
import type { ConnectorCall } from '../support/fake-connector';
import { decideToReport } from './decision-path';
import { SqliteStore } from '../../src/store/sqlite-store';
import {
  TENANT,
  coordinator,
  decisionMaker,
  installation,
  invoke,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

type Ref = { schoolId: string; dossierId: string };

async function press(h: Harness, user: TestUser, verb: string, data: Record<string, unknown>) {
  return invokeCard((await h.post(invoke(user, h.connector.url, verb, data))).body);
}

/** What the bot answered a typed message with: the cards it posted into the user's own chat. */
async function say(h: Harness, user: TestUser, text: string): Promise<string> {
  const before = h.connector.calls.length;
  await h.post(message(user, h.connector.url, text));
  return postsTo(h.connector.calls.slice(before), `a:personal-${user.teamsId}`)
    .map((c) => cardText(cardOf(c.body)))
    .join('\n');
}

const postsTo = (calls: ConnectorCall[], conversationId: string): ConnectorCall[] =>
  calls.filter(
    (c) =>
      c.method === 'POST' &&
      c.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
  );

async function openDossier(h: Harness): Promise<Ref> {
  await say(h, teacher, 'hallo');
  await press(h, teacher, 'openDossier', {
    pupilReference: 'QZX',
    group: 'groep 5',
    age: '9',
    firstDescription: '',
  });
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  return { schoolId: summary.schoolId, dossierId: summary.id };
}

/** Steps 1 to 4 and the first two questions of step 5: an outcome that waits for the beslisser. */
const decide = (h: Harness, ref: Ref): Promise<void> =>
  decideToReport((user, verb, data) => press(h, user, verb, data), teacher, ref);

describe('a home for each person involved', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows the zorgcoördinator the consultation that waits, with buttons to it and to all consultations', async () => {
    await say(h, coordinator, 'hallo');
    const ref = await openDossier(h);
    await press(h, teacher, 'requestConsultation', {
      ...ref,
      submissionId: randomUUID(),
      coordinatorId: coordinator.aadObjectId,
      question: 'Wil je meekijken?',
    });

    const home = await press(h, coordinator, 'showHome', {});
    expect(cardText(home)).toContain('Wacht op jou');
    expect(cardText(home)).toContain('**MC-2026-0001** · consultatie gevraagd door Sanne de Vries');
    expect(cardVerbs(home)).toEqual(expect.arrayContaining(['refreshConsultation', 'showMyConsultations']));

    // Once accepted, the dossier is one of the zorgcoördinator's own.
    await press(h, coordinator, 'acceptConsultation', { ...ref, consultationId: 2 });
    const mine = await press(h, coordinator, 'showMyDossiers', {});
    expect(cardText(mine)).toContain('MC-2026-0001');

    // The teacher's home has no such section and no consultations button.
    const teachers = await press(h, teacher, 'showHome', {});
    expect(cardText(teachers)).not.toContain('Wacht op jou');
    expect(cardVerbs(teachers)).not.toContain('showMyConsultations');
  });

  it('counts every consultation that waits and lists only the five that waited longest', async () => {
    await say(h, coordinator, 'hallo');
    await say(h, teacher, 'hallo');
    for (let i = 0; i < 7; i += 1)
      await press(h, teacher, 'openDossier', {
        pupilReference: `L${i}`,
        group: 'groep 5',
        age: '9',
        firstDescription: '',
      });
    const opened = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
    expect(opened).toHaveLength(7);
    for (const summary of opened)
      await press(h, teacher, 'requestConsultation', {
        schoolId: summary.schoolId,
        dossierId: summary.id,
        submissionId: randomUUID(),
        coordinatorId: coordinator.aadObjectId,
        question: 'Wil je meekijken?',
      });

    const text = cardText(await press(h, coordinator, 'showHome', {}));
    expect(text).toContain('Wacht op jou (7)');
    expect(text.match(/consultatie gevraagd door/g)).toHaveLength(5);
  });

  it('keeps the beslisser’s card until he first talks to the bot, then delivers it, once', async () => {
    const ref = await openDossier(h);
    // The beslisser has not installed the app yet: Teams refuses to open a chat with him.
    h.connector.failNext(/^\/v3\/conversations$/, 403, 1);
    await decide(h, ref);
    const waiting = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(waiting?.waitingFor).toEqual([decisionMaker.aadObjectId]);

    // The teacher sees which card has not arrived, to whom, and can send it again.
    const hub = await press(h, teacher, 'showDossier', ref);
    expect(cardText(hub)).toContain(
      'Nog niet aangekomen bij Joost Visser: de vraag om het besluit te bevestigen.',
    );
    expect(cardVerbs(hub)).toContain('resendCard');
    h.connector.failNext(/^\/v3\/conversations$/, 403, 1);
    const itemId = waiting?.outbox?.[0]?.id;
    const viewsBefore = (await h.store.auditOfDossier(ref.schoolId, ref.dossierId)).length;
    const resent = await press(h, teacher, 'resendCard', { ...ref, itemId });
    expect(cardText(resent)).toContain('Opnieuw verstuurd.');
    // The answer shows the dossier, so it is a view, audited like any other.
    expect(
      (await h.store.auditOfDossier(ref.schoolId, ref.dossierId))
        .slice(viewsBefore)
        .map((e) => [e.actorId, e.action]),
    ).toEqual([[teacher.aadObjectId, 'viewed']]);
    // Still not installed: it waits again, once.
    const still = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(still?.waitingFor).toEqual([decisionMaker.aadObjectId]);
    expect(still?.outbox).toHaveLength(1);

    // His first hallo: the card that waited arrives in his chat, and his home lists the decision.
    const before = h.connector.calls.length;
    const home = await say(h, decisionMaker, 'hallo');
    expect(home).toContain('besluit van Sanne de Vries bevestigen');
    const delivered = h.connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('confirmDecision'));
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered.some((c) => cardText(cardOf(c.body)).includes('Besluit bevestigen'))).toBe(true);
    const after = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(after?.waitingFor).toBeUndefined();
    expect(after?.outbox).toBeUndefined();

    // Saying hallo again sends nothing more.
    const again = h.connector.calls.length;
    await say(h, decisionMaker, 'hallo');
    expect(
      h.connector.calls.slice(again).filter((c) => JSON.stringify(c.body).includes('Besluit bevestigen')),
    ).toHaveLength(0);

    // He confirms from his home, and the teacher hears it.
    const card = await press(h, decisionMaker, 'showDecisionConfirmation', ref);
    const confirmed = await press(h, decisionMaker, 'confirmDecision', {
      ...actionData(card, 'confirmDecision'),
      note: 'Eens.',
    });
    expect(cardText(confirmed)).toContain('Bevestigd door Joost Visser.');
    const homeAfter = await press(h, decisionMaker, 'showHome', {});
    expect(cardText(homeAfter)).not.toContain('besluit van Sanne de Vries bevestigen');
  });

  it('a beslisser who reinstalls gets the card that waited at his install, in the language saved for him', async () => {
    // He has talked to the bot before, in English.
    await h.post(message(decisionMaker, h.connector.url, 'hello', 'en-US'));
    const ref = await openDossier(h);
    // Then he removed the app: Teams refuses the message into his old chat, and the card waits.
    h.connector.failNext(/^\/v3\/conversations\/a%3Apersonal-[^/]+\/activities/, 403, 1);
    await decide(h, ref);
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.waitingFor).toEqual([
      decisionMaker.aadObjectId,
    ]);

    // He installs it again: a new chat, and an install event that carries no language.
    const before = h.connector.calls.length;
    const { locale: _none, ...reinstall } = installation(decisionMaker, h.connector.url);
    await h.post({
      ...reinstall,
      conversation: { id: 'a:personal-reinstalled', conversationType: 'personal', tenantId: TENANT },
    });
    const delivered = h.connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('confirmDecision'));
    expect(delivered.map((c) => cardText(cardOf(c.body)).split('\n')[0])).toEqual([
      'Confirm the decision · MC-2026-0001',
    ]);
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox).toBeUndefined();
  });

  it('a card whose new chat failed with a server error (as the Playground answers) goes out at his first hallo, not only after the backoff', async () => {
    const ref = await openDossier(h);
    // The chat is made, but the message into it fails with 500, again and again (the connector's own
    // retries included): the bot tries again later, and remembers for whom.
    h.connector.failNext(/^\/v3\/conversations\/conversation-\d+\/activities/, 500, 20);
    await decide(h, ref);
    const backingOff = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(backingOff?.outbox?.[0]).toMatchObject({ attempts: 1, triedFor: decisionMaker.aadObjectId });
    expect(cardText(await press(h, teacher, 'showDossier', ref))).toContain(
      'Nog niet aangekomen bij Joost Visser: de vraag om het besluit te bevestigen.',
    );

    const before = h.connector.calls.length;
    await say(h, decisionMaker, 'hallo');
    const delivered = h.connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && cardText(cardOf(c.body)).includes('Besluit bevestigen'));
    expect(delivered).toHaveLength(1);
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox).toBeUndefined();
  });
});

describe('a turn of someone the bot already reaches', () => {
  it('writes no conversation reference and looks up nothing that waits; a new chat does both', async () => {
    const calls: string[] = [];
    const inner = SqliteStore.open(':memory:');
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          calls.push(property);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const h = await startHarness({ store });
    try {
      const count = (method: string): number => calls.filter((c) => c === method).length;
      await say(h, teacher, 'hallo');
      expect([count('saveConversation'), count('dossiersWaitingFor')]).toEqual([1, 1]);
      calls.length = 0;
      await say(h, teacher, 'hallo');
      expect([count('saveConversation'), count('dossiersWaitingFor')]).toEqual([0, 0]);
    } finally {
      await h.stop();
    }
  });
});
