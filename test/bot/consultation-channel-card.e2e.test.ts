// The consultation card in the care-team channel shows the dossier number and the status only: not
// who asked (the teacher's name would point at a class, and so at a pupil), not the question. The
// zorgcoördinator's own view still says who asked and what. Over HTTP with the fake connector.

import { randomUUID } from 'node:crypto';
import {
  startHarness,
  cardOf,
  cardText,
  invokeCard,
  openDossier,
  press,
  type Harness,
} from '../support/bot-harness';
import { SCHOOL, colleague, coordinator, invoke, message, teacher, type TestUser } from '../support/teams';

const CHANNEL = '19:zorgteam@thread.tacv2';
const QUESTION = 'Kun je meekijken naar wat ik zag?';

describe('the consultation card in the care-team channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ schools: [{ ...SCHOOL, careTeamChannelId: CHANNEL }] });
    await h.post(message(coordinator, h.connector.url, 'hallo'));
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it('carries the dossier number and the status, and neither the teacher’s name nor the question', async () => {
    const ref = await openDossier(h);
    const before = h.connector.calls.length;
    await press(h, 'requestConsultation', {
      ...ref,
      submissionId: randomUUID(),
      coordinatorId: coordinator.aadObjectId,
      question: QUESTION,
    });
    // Whatever went to the channel: the new thread and the card posted in it.
    const channelCalls = h.connector.calls
      .slice(before)
      .filter((c) => c.path === '/v3/conversations' || !c.path.includes(encodeURIComponent('a:personal-')));
    const cards = channelCalls.filter((c) => Array.isArray(c.body.attachments)).map((c) => cardOf(c.body));
    expect(cards.length).toBeGreaterThan(0);
    const shown = cards.map((card) => cardText(card)).join('\n');
    expect(shown).toContain('Consultatie · MC-2026-0001');
    expect(shown).toContain('Wacht op de zorgcoördinator.');
    const traffic = JSON.stringify(channelCalls);
    expect(traffic).not.toContain(teacher.name);
    expect(traffic).not.toContain('Gevraagd door');
    expect(traffic).not.toContain(QUESTION);
  });

  it('shows a bystander in the channel the status only, and the zorgcoördinator who asked and what', async () => {
    const ref = await openDossier(h);
    await press(h, 'requestConsultation', {
      ...ref,
      submissionId: randomUUID(),
      coordinatorId: coordinator.aadObjectId,
      question: QUESTION,
    });
    const log = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log ?? [];
    const requested = log.find((e) => e.kind === 'consultationRequested');
    const delivered = log.find((e) => e.kind === 'consultationDelivered');
    const thread = String((delivered?.data as { conversationId?: unknown } | undefined)?.conversationId);
    const inThread = async (user: TestUser): Promise<Record<string, unknown>> => {
      const activity = invoke(user, h.connector.url, 'refreshConsultation', {
        ...ref,
        consultationId: requested?.seq,
      });
      activity.conversation = { id: thread, conversationType: 'channel', tenantId: user.tenantId };
      return invokeCard((await h.post(activity)).body);
    };

    const bystander = await inThread(colleague);
    expect(cardText(bystander)).toContain('Consultatie · MC-2026-0001');
    expect(cardText(bystander)).toContain('Wacht op de zorgcoördinator.');
    expect(JSON.stringify(bystander)).not.toContain(teacher.name);
    expect(JSON.stringify(bystander)).not.toContain(QUESTION);

    const own = await inThread(coordinator);
    expect(cardText(own)).toContain(`Gevraagd door ${teacher.name}`);
    expect(JSON.stringify(own)).toContain(QUESTION);
  });
});
