// The consultation with the zorgcoördinator and the beslisser's confirmation, over real HTTP with
// two (and three) users and the fake Bot Connector: what Teams receives, card updates for everyone,
// the owner being told, and Teams saying no.

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
import {
  SCHOOL,
  coordinator,
  colleague,
  decisionMaker,
  invoke,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

const CHANNEL = '19:zorgteam@thread.tacv2';
const PUPIL = 'QZX';
const GROUP = 'groep 5 Egels';
const QUESTION = 'Wil je meekijken naar de striemen die ik zag en mee het gesprek voeren?';
const ADVICE = 'Voer het gesprek samen met mij, deze week nog; bel Veilig Thuis voor advies.';

type Ref = { schoolId: string; dossierId: string };

async function say(h: Harness, user: TestUser, text: string): Promise<void> {
  await h.post(message(user, h.connector.url, text));
}

/** Say hallo as `user` and read the home card the bot put in their chat. */
async function homeTextOf(h: Harness, user: TestUser): Promise<string> {
  const before = h.connector.calls.length;
  await say(h, user, 'hallo');
  const posted = sinceIndex(h, before).filter((c) => c.method === 'POST' && c.path.includes('activities'));
  return posted.map((c) => cardText(cardOf(c.body))).join('\n');
}

async function press(
  h: Harness,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
  conversation?: { id: string; conversationType: string },
): Promise<Record<string, unknown>> {
  const activity = invoke(user, h.connector.url, verb, data);
  if (conversation) activity.conversation = { ...conversation, tenantId: user.tenantId };
  return invokeCard((await h.post(activity)).body);
}

async function openDossier(h: Harness): Promise<Ref> {
  await say(h, teacher, 'hallo');
  await press(h, teacher, 'openDossier', {
    pupilReference: PUPIL,
    group: GROUP,
    age: '9',
    firstDescription: '',
  });
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  return { schoolId: summary.schoolId, dossierId: summary.id };
}

const sinceIndex = (h: Harness, from: number): ConnectorCall[] => h.connector.calls.slice(from);
const postsTo = (calls: ConnectorCall[], conversationId: string): ConnectorCall[] =>
  calls.filter(
    (c) =>
      c.method === 'POST' &&
      c.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
  );

describe('a consultation in the care team channel', () => {
  let h: Harness;
  let ref: Ref;
  let thread: string;
  beforeAll(async () => {
    h = await startHarness({ schools: [{ ...SCHOOL, careTeamChannelId: CHANNEL }] });
    ref = await openDossier(h);
    await say(h, coordinator, 'hallo');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('opens a thread in the channel that carries the dossier number and no pupil data', async () => {
    const before = h.connector.calls.length;
    const hub = await press(h, teacher, 'requestConsultation', {
      ...ref,
      submissionId: randomUUID(),
      coordinatorId: coordinator.aadObjectId,
      question: QUESTION,
    });
    // The click is answered first; the thread is opened right after.
    expect(cardText(hub)).toContain('Je vraag gaat als bericht naar het kanaal van het zorgteam');

    const calls = sinceIndex(h, before);
    const created = calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    expect(JSON.stringify(created?.body)).toContain('MC-2026-0001');
    const delivered = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.at(-1);
    thread = String(delivered?.kind === 'consultationDelivered' ? delivered.data.conversationId : undefined);
    const [cardPost] = postsTo(calls, thread);
    expect(cardOf(cardPost?.body).refresh).toMatchObject({
      action: { verb: 'refreshConsultation' },
      userIds: [coordinator.teamsId],
    });
    const channelTraffic = JSON.stringify(
      calls.filter((c) => c.path.includes(thread) || c.path === '/v3/conversations'),
    );
    expect(channelTraffic).toContain('MC-2026-0001');
    expect(channelTraffic).not.toMatch(new RegExp(`[^A-Za-z]${PUPIL}[^A-Za-z]`));
    expect(channelTraffic).not.toContain(GROUP);
    expect(channelTraffic).not.toContain(QUESTION);
  });

  it('shows the zorgcoördinator the question and the actions, and a bystander only the status', async () => {
    const own = await press(
      h,
      coordinator,
      'refreshConsultation',
      { ...ref, consultationId: 2 },
      { id: thread, conversationType: 'channel' },
    );
    expect(JSON.stringify(own)).toContain(QUESTION);
    expect(cardVerbs(own)).toEqual(
      expect.arrayContaining(['acceptConsultation', 'recordConsultationAdvice', 'declineConsultation']),
    );

    const bystander = await press(
      h,
      colleague,
      'refreshConsultation',
      { ...ref, consultationId: 2 },
      { id: thread, conversationType: 'channel' },
    );
    expect(cardText(bystander)).toContain('Wacht op de zorgcoördinator.');
    expect(JSON.stringify(bystander)).not.toContain(QUESTION);
    expect(cardVerbs(bystander)).not.toContain('acceptConsultation');

    const elsewhere = await press(h, colleague, 'refreshConsultation', { ...ref, consultationId: 2 });
    expect(cardText(elsewhere)).toContain('Je hebt geen toegang tot dit dossier');
  });

  it('accepting updates the card for everyone and tells the staff member', async () => {
    const before = h.connector.calls.length;
    const own = await press(
      h,
      coordinator,
      'acceptConsultation',
      { ...ref, consultationId: 2 },
      { id: thread, conversationType: 'channel' },
    );
    expect(cardText(own)).toContain('Geaccepteerd door Fatima El Amrani.');
    const calls = sinceIndex(h, before);
    const update = calls.find((c) => c.method === 'PUT' && c.path.includes(encodeURIComponent(thread)));
    expect(cardText(cardOf(update?.body))).toContain('Geaccepteerd door Fatima El Amrani.');
    expect(JSON.stringify(update?.body)).not.toContain(QUESTION);
    const told = postsTo(calls, `a:personal-${teacher.teamsId}`);
    expect(told.map((c) => cardText(cardOf(c.body))).join()).toContain(
      'Fatima El Amrani heeft je consultatievraag voor dossier MC-2026-0001 geaccepteerd.',
    );
  });

  it('the advice updates the card again, tells the staff member and completes step 2', async () => {
    const before = h.connector.calls.length;
    await press(
      h,
      coordinator,
      'recordConsultationAdvice',
      { ...ref, consultationId: 2, advice: ADVICE },
      { id: thread, conversationType: 'channel' },
    );
    const calls = sinceIndex(h, before);
    expect(
      calls.some(
        (c) =>
          c.method === 'PUT' && cardText(cardOf(c.body)).includes('Advies vastgelegd door Fatima El Amrani.'),
      ),
    ).toBe(true);
    expect(
      postsTo(calls, `a:personal-${teacher.teamsId}`)
        .map((c) => cardText(cardOf(c.body)))
        .join(),
    ).toContain(`heeft advies gegeven bij dossier MC-2026-0001: “${ADVICE}”`);
    // What was said is where it is needed: the advice and who gave it, in step 2 …
    const step2 = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardText(step2)).toContain(`advies van Fatima El Amrani: “${ADVICE}”`);
    // … but never on the card the whole care team's channel sees.
    expect(JSON.stringify(calls.filter((c) => c.path.includes(thread)))).not.toContain(ADVICE);
    const hub = await press(h, teacher, 'showDossier', ref);
    expect(cardText(hub)).toMatch(/2\. Collegiale consultatie\ngedaan/);
    // … and on the dossier card.
    expect(cardText(hub)).toContain(`Advies van Fatima El Amrani: “${ADVICE}”`);
    const stored = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(stored?.coordinatorIds).toEqual([coordinator.aadObjectId]);
    expect(stored?.log.map((e) => e.kind)).toEqual([
      'dossierOpened',
      'consultationRequested',
      'consultationDelivered',
      'consultationAccepted',
      'consultationAdviceRecorded',
    ]);
  });

  it('the zorgcoördinator sees the consultation in "mijn consultaties" only while it waits or runs', async () => {
    await say(h, coordinator, 'mijn consultaties');
    const replies = h.connector.activities().filter((a) => JSON.stringify(a).includes('Mijn consultaties'));
    expect(cardText(cardOf(replies.at(-1)))).toContain('Er wachten geen consultaties op je.');
  });
});

describe('a consultation without a care team channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  const ask = (ref: Ref, submissionId: string) =>
    press(h, teacher, 'requestConsultation', {
      ...ref,
      submissionId,
      coordinatorId: coordinator.aadObjectId,
      question: QUESTION,
    });

  it('starts a personal chat with the zorgcoördinator by Entra object id when there is none yet', async () => {
    const ref = await openDossier(h);
    const before = h.connector.calls.length;
    const hub = await ask(ref, randomUUID());
    expect(cardText(hub)).toContain('Je vraag gaat nu als bericht naar Fatima El Amrani.');
    // The hub that answers is the owner's own, with every button the owner has elsewhere.
    expect(cardVerbs(hub)).toContain('showCoOwnerForm');
    const created = sinceIndex(h, before).find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ id: coordinator.aadObjectId }] });
    const card = sinceIndex(h, before).find(
      (c) =>
        c.method === 'POST' && c.path.includes('/activities') && JSON.stringify(c.body).includes(QUESTION),
    );
    expect(cardVerbs(cardOf(card?.body))).toContain('acceptConsultation');
  });

  it('uses the saved chat when the zorgcoördinator has talked to the bot, and retries a 429', async () => {
    await say(h, coordinator, 'hallo');
    const ref = await openDossier(h);
    const chat = encodeURIComponent(`a:personal-${coordinator.teamsId}`);
    h.connector.failNext(new RegExp(`${chat}/activities`), 429, 1);
    const before = h.connector.calls.length;
    const hub = await ask(ref, randomUUID());
    expect(cardText(hub)).toContain('Je vraag gaat nu als bericht naar Fatima El Amrani.');
    const attempts = sinceIndex(h, before).filter((c) => c.path.includes(chat));
    expect(attempts).toHaveLength(2);
    const step2 = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardText(step2)).toContain(
      'consultatie gevraagd aan Fatima El Amrani · Wacht op de zorgcoördinator.',
    );
  });

  it('tells the staff member plainly when the zorgcoördinator cannot be reached, and records it', async () => {
    const ref = await openDossier(h);
    h.connector.failNext(/^\/v3\/conversations$/, 403, 1);
    const before = h.connector.calls.length;
    const hub = await ask(ref, randomUUID());
    expect(cardText(hub)).toContain('Je vraag gaat nu als bericht naar Fatima El Amrani.');
    // Answered first; the notice that it did not arrive follows in the staff member's own chat.
    const told = postsTo(sinceIndex(h, before), `a:personal-${teacher.teamsId}`);
    expect(told.map((c) => cardText(cardOf(c.body))).join('\n')).toContain(
      'Fatima El Amrani kon niet bereikt worden',
    );
    const last = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.at(-1);
    expect(last).toMatchObject({ kind: 'consultationDelivered', data: { delivered: 'unreachable' } });
  });

  it('offers to send again from step 2 when the card did not arrive, and sends only one more card', async () => {
    const ref = await openDossier(h);
    h.connector.failNext(/^\/v3\/conversations$/, 403, 1);
    await ask(ref, randomUUID());
    const step2 = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardText(step2)).toContain('consultatie gevraagd aan Fatima El Amrani · niet aangekomen');
    expect(cardVerbs(step2)).toContain('resendConsultation');
    const again = await press(h, teacher, 'resendConsultation', { ...ref, consultationId: 2 });
    expect(cardText(again)).toContain('Je vraag gaat nu als bericht naar Fatima El Amrani.');
    const arrived = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardText(arrived)).not.toContain('niet aangekomen');
    const before = h.connector.calls.length;
    await press(h, teacher, 'resendConsultation', { ...ref, consultationId: 2 });
    expect(h.connector.calls.length).toBe(before);
    const kinds = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind);
    expect(kinds?.filter((k) => k === 'consultationRequested')).toHaveLength(1);
    expect(kinds?.filter((k) => k === 'consultationDelivered')).toHaveLength(2);
  });

  it('asks once when the button is pressed twice', async () => {
    const ref = await openDossier(h);
    const submissionId = randomUUID();
    await ask(ref, submissionId);
    await ask(ref, submissionId);
    const kinds = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind);
    expect(kinds?.filter((k) => k === 'consultationRequested')).toHaveLength(1);
  });

  it('the teacher withdraws a request nobody answered: the card says so, and nothing waits for the zorgcoördinator', async () => {
    const ref = await openDossier(h);
    await say(h, coordinator, 'hallo');
    await ask(ref, randomUUID());
    expect(await homeTextOf(h, coordinator)).toContain('Wacht op jou');
    const step2 = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardVerbs(step2)).toContain('withdrawConsultation');
    // Withdrawing is the owner's: the zorgcoördinator's step 2 does not offer it to her.
    const herStep2 = await press(h, coordinator, 'showStep', { ...ref, step: 'consultatie' });
    expect(cardText(herStep2)).toContain('Stap 2 · Collegiale consultatie');
    expect(cardVerbs(herStep2)).not.toContain('withdrawConsultation');

    const before = h.connector.calls.length;
    const withdrawn = await press(
      h,
      teacher,
      'withdrawConsultation',
      actionData(step2, 'withdrawConsultation'),
    );
    expect(cardText(withdrawn)).toContain('De vraag is ingetrokken');
    expect(cardVerbs(withdrawn)).not.toContain('withdrawConsultation');
    // Her copy of the card is updated: nothing left to accept.
    const updated = sinceIndex(h, before).find((c) => c.method === 'PUT');
    expect(cardText(updated?.body ? cardOf(updated.body) : {})).toContain('De vraag is ingetrokken');
    expect(cardVerbs(updated?.body ? cardOf(updated.body) : {})).not.toContain('acceptConsultation');
    // Her home no longer lists it, and no reminder goes out for it.
    expect(await homeTextOf(h, coordinator)).not.toContain('Wacht op jou');
    const afterSweep = h.connector.calls.length;
    const later = new Date('2026-11-25T10:00:00+01:00');
    h.setNow(later);
    await h.bot.scheduler.sweep(later);
    expect(
      sinceIndex(h, afterSweep).filter((c) => JSON.stringify(c.body).includes('consultatievraag')),
    ).toEqual([]);
    // Pressing it twice records it once.
    await press(h, teacher, 'withdrawConsultation', actionData(step2, 'withdrawConsultation'));
    const kinds = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind);
    expect(kinds?.filter((k) => k === 'consultationWithdrawn')).toHaveLength(1);
  });

  it('withdrawing a request that never arrived leaves nothing waiting for the zorgcoördinator', async () => {
    const ref = await openDossier(h);
    h.connector.failNext(/^\/v3\/conversations$/, 403, 1);
    await ask(ref, randomUUID());
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.waitingFor).toEqual([
      coordinator.aadObjectId,
    ]);
    const step2 = await press(h, teacher, 'showStep', { ...ref, step: 'consultatie' });
    await press(h, teacher, 'withdrawConsultation', actionData(step2, 'withdrawConsultation'));
    const dossier = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(dossier?.waitingFor).toBeUndefined();
    expect(dossier?.outbox ?? []).toEqual([]);
    expect(cardText(await press(h, teacher, 'showDossier', ref))).not.toContain('Nog niet aangekomen');
    // Her first hallo brings her no question.
    const before = h.connector.calls.length;
    await say(h, coordinator, 'hallo');
    expect(JSON.stringify(sinceIndex(h, before))).not.toContain(QUESTION);
  });

  it('audits sending a request again as a view of the dossier, also when there is nothing to send', async () => {
    const ref = await openDossier(h);
    await ask(ref, randomUUID());
    const asked = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.find(
      (entry) => entry.kind === 'consultationRequested',
    );
    const before = (await h.store.auditOfDossier(ref.schoolId, ref.dossierId)).length;
    await press(h, decisionMaker, 'resendConsultation', { ...ref, consultationId: asked?.seq });
    const audit = (await h.store.auditOfDossier(ref.schoolId, ref.dossierId)).slice(before);
    expect(audit.map((e) => [e.actorId, e.action])).toEqual([[decisionMaker.aadObjectId, 'viewed']]);
  });

  it('tells the beslisser plainly that accepting a consultation is the zorgcoördinator’s', async () => {
    const ref = await openDossier(h);
    await ask(ref, randomUUID());
    const asked = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.find(
      (entry) => entry.kind === 'consultationRequested',
    );
    const notHis = await press(h, decisionMaker, 'acceptConsultation', {
      ...ref,
      consultationId: asked?.seq,
    });
    expect(cardText(notHis)).toContain('Dit mag alleen een zorgcoördinator van de school doen.');
    expect(cardText(notHis)).not.toContain('beslisser');
  });
});

describe('the beslisser confirms the outcome of step 5', () => {
  it('confirms only the outcome his card showed: a card made before a later answer changed it confirms nothing', async () => {
    const h = await startHarness();
    try {
      const ref = await openDossier(h);
      const before = h.connector.calls.length;
      await decideToReport((user, verb, data) => press(h, user, verb, data), teacher, ref);
      const first = sinceIndex(h, before).find((c) => JSON.stringify(c.body).includes('Besluit bevestigen'));
      expect(cardText(cardOf(first?.body))).toContain('melden bij Veilig Thuis');
      const stale = actionData(cardOf(first?.body), 'confirmDecision');

      // The teacher answers question 2 again, and the path leads to help instead of a report.
      for (const [question, answer] of [
        [2, 'false'],
        [3, 'true'],
        [4, 'true'],
      ] as const)
        await press(h, teacher, 'answerAfwegingsvraag', {
          ...ref,
          question,
          answer,
          reasoning: 'Na overleg met Veilig Thuis: ouders werken mee aan hulp.',
          deviationReason: question === 2 ? 'Vader is uit huis; de onveiligheid is voorbij.' : '',
        });
      const log = async (): Promise<string[]> =>
        (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind) ?? [];
      expect(await log()).not.toContain('decisionConfirmed');

      // He presses "confirm" on the first card, which still says "report".
      const refused = await press(h, decisionMaker, 'confirmDecision', { ...stale, note: 'Eens.' });
      expect(cardText(refused)).toContain('De uitkomst is veranderd nadat deze kaart werd gemaakt.');
      expect(cardText(refused)).toContain('hulp organiseren');
      expect(await log()).not.toContain('decisionConfirmed');
      const sendBack = actionData(cardOf(first?.body), 'sendBackDecision');
      const alsoRefused = await press(h, decisionMaker, 'sendBackDecision', {
        ...sendBack,
        reason: 'Niet eens.',
      });
      expect(cardText(alsoRefused)).toContain('De uitkomst is veranderd');
      expect(await log()).not.toContain('decisionSentBack');

      // The card he gets back shows what waits now; confirming from it confirms that.
      const confirmed = await press(h, decisionMaker, 'confirmDecision', {
        ...actionData(refused, 'confirmDecision'),
        note: 'Eens.',
      });
      expect(cardText(confirmed)).toContain('Bevestigd door Joost Visser.');
      expect((await log()).filter((k) => k === 'decisionConfirmed')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('gets a card to confirm, and the staff member hears the result', async () => {
    const h = await startHarness();
    try {
      const ref = await openDossier(h);
      const before = h.connector.calls.length;
      await decideToReport((user, verb, data) => press(h, user, verb, data), teacher, ref);
      const toDecisionMaker = sinceIndex(h, before).find(
        (c) => c.path === '/v3/conversations' && JSON.stringify(c.body).includes(decisionMaker.aadObjectId),
      );
      expect(toDecisionMaker).toBeDefined();
      const confirmationCard = sinceIndex(h, before).find((c) =>
        JSON.stringify(c.body).includes('Besluit bevestigen'),
      );
      expect(cardVerbs(cardOf(confirmationCard?.body))).toEqual(
        expect.arrayContaining(['confirmDecision', 'sendBackDecision']),
      );

      // Only the beslisser confirms.
      const seen = actionData(cardOf(confirmationCard?.body), 'confirmDecision');
      const refused = await press(h, teacher, 'confirmDecision', { ...seen, note: '' });
      expect(cardText(refused)).toContain('Dit mag alleen de beslisser van de school doen');
      const afterConfirm = h.connector.calls.length;
      const confirmed = await press(h, decisionMaker, 'confirmDecision', { ...seen, note: 'Eens.' });
      expect(cardText(confirmed)).toContain('Bevestigd door Joost Visser.');
      expect(
        postsTo(sinceIndex(h, afterConfirm), `a:personal-${teacher.teamsId}`)
          .map((c) => cardText(cardOf(c.body)))
          .join(),
      ).toContain(
        'Joost Visser heeft het besluit in dossier MC-2026-0001 bevestigd, met als opmerking: “Eens.”',
      );
      // The beslisser's note is on the owner's dossier card too.
      expect(cardText(await press(h, teacher, 'showDossier', ref))).toContain(
        'Het besluit is bevestigd door Joost Visser: “Eens.”',
      );
      const kinds = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.map((e) => e.kind);
      expect(kinds?.at(-1)).toBe('decisionConfirmed');
      expect(kinds?.filter((k) => k === 'decisionConfirmed')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});
