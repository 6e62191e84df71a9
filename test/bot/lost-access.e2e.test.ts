// Someone who loses their place in a dossier gets nothing of it any more, also not what was queued
// for them while they were still involved: a notice for a co-owner who is removed, a consultation card
// for a zorgcoördinator who left the school's settings, the step-5 card for a beslisser who is no
// longer the one. And the "open dossier" form pressed again later (the retry its stable id exists
// for) shows the dossier only to someone still involved, as a view that is audited.
// Over real HTTP with the fake Bot Connector; the school's settings change by restarting the bot on
// the same data, as an administrator would.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { A_SIGNAL, decideToReport } from './decision-path';
import {
  actionData,
  startHarness,
  cardOf,
  cardText,
  cardVerbs,
  openDossier,
  press,
  type DossierRef,
  type Harness,
} from '../support/bot-harness';
import type { ConnectorCall } from '../support/fake-connector';
import {
  SCHOOL,
  TENANT,
  colleague,
  coordinator,
  decisionMaker,
  message,
  newTeacher,
  teacher,
  type TestUser,
} from '../support/teams';

const MONDAY = new Date('2026-11-16T09:30:00+01:00');
const SECRET_ADVICE = 'Vader slaat thuis, zegt de leerling; bel vandaag nog Veilig Thuis.';
const QUESTION = 'Wil je meekijken naar de striemen op de onderarm?';

/** A second zorgcoördinator, who never talked to the bot. */
const secondCoordinator: TestUser = {
  teamsId: '29:second-coordinator',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000011',
  name: 'Karin Smit',
  tenantId: TENANT,
};
/** The school with Karin Smit as its second zorgcoördinator, before she is taken out. */
const WITH_SECOND_COORDINATOR = {
  ...SCHOOL,
  coordinators: [...SCHOOL.coordinators, { id: secondCoordinator.aadObjectId, name: secondCoordinator.name }],
};
/** Who decides after the school changed its settings. */
const newDecisionMaker: TestUser = {
  teamsId: '29:new-decision-maker',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000013',
  name: 'Marloes Bakker',
  tenantId: TENANT,
};

async function say(h: Harness, user: TestUser, text = 'hallo'): Promise<void> {
  await h.post(message(user, h.connector.url, text));
}

async function openWithSignal(h: Harness): Promise<DossierRef> {
  await say(h, teacher);
  const ref = await openDossier(h, { pupilReference: 'QZX', group: '6a', age: '11' });
  await press(h, 'recordSignal', { ...ref, ...A_SIGNAL });
  return ref;
}

/** What the bot posted into the personal chat of `user` from call `from` on, as the texts on the cards. */
function textsTo(h: Harness, user: TestUser, from = 0): string {
  return h.connector.calls
    .slice(from)
    .filter(
      (c: ConnectorCall) =>
        c.method === 'POST' && c.path.includes(encodeURIComponent(`a:personal-${user.teamsId}`)),
    )
    .map((c) => cardText(cardOf(c.body)))
    .join('\n');
}

/** Every chat the bot tried to start for someone who never talked to it fails (Teams answers 403). */
function nobodyNewReachable(h: Harness): void {
  h.connector.failNext(/^\/v3\/conversations$/, 403, 1000);
}

/**
 * The bot on each test's own data: `start` (re)starts it with these school settings, as an
 * administrator restarts it after changing them; the data stays.
 */
function restartableBot(): (school?: Record<string, unknown>) => Promise<Harness> {
  let dataDir: string;
  let h: Harness | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'meldcode-lost-access-'));
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return async (school = SCHOOL) => {
    await h?.stop();
    h = await startHarness({ now: MONDAY, schools: [school], env: { DATA_DIR: dataDir } });
    h.connector.directory.set('pieter@obs-delinde.example', {
      aadObjectId: colleague.aadObjectId,
      name: colleague.name,
      tenantId: TENANT,
    });
    return h;
  };
}

describe('what was queued for someone who lost their place in the dossier', () => {
  const start = restartableBot();

  it('a removed co-owner gets neither the advice nor the notice that waited for them', async () => {
    const bot = await start();
    await say(bot, coordinator);
    const ref = await openWithSignal(bot);
    // The colleague never talked to the bot and cannot be reached yet: what they are told waits.
    nobodyNewReachable(bot);
    await press(bot, 'addCoOwner', { ...ref, colleagueEmail: 'pieter@obs-delinde.example' }, teacher);
    await press(
      bot,
      'requestConsultation',
      {
        ...ref,
        submissionId: randomUUID(),
        coordinatorId: coordinator.aadObjectId,
        question: QUESTION,
      },
      teacher,
    );
    const asked = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.find(
      (entry) => entry.kind === 'consultationRequested',
    );
    await press(
      bot,
      'recordConsultationAdvice',
      {
        ...ref,
        consultationId: asked?.seq,
        advice: SECRET_ADVICE,
      },
      coordinator,
    );
    // The owner, who can be reached, has the advice; the co-owner's copy waits for them.
    expect(textsTo(bot, teacher)).toContain(SECRET_ADVICE);
    const waiting = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? [];
    expect(waiting.filter((item) => item.waitingFor === colleague.aadObjectId)).toHaveLength(2);

    await press(bot, 'removeCoOwner', { ...ref, coOwnerId: colleague.aadObjectId }, teacher);
    const from = bot.connector.calls.length;
    // The colleague talks to the bot: what waited for them would go out now.
    await say(bot, colleague);
    const theyGot = textsTo(bot, colleague, from);
    expect(theyGot).not.toContain(SECRET_ADVICE);
    expect(theyGot).not.toContain('MC-2026-0001');
    const after = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? [];
    expect(after.filter((item) => item.waitingFor === colleague.aadObjectId)).toEqual([]);
    // The dossier itself still says everything, to those who are involved.
    expect(cardText(await press(bot, 'showChronology', { ...ref, page: 1 }, teacher))).toContain(
      SECRET_ADVICE,
    );
  });

  it('a zorgcoördinator taken out of the settings does not get the question; the asker hears it did not arrive', async () => {
    let bot = await start(WITH_SECOND_COORDINATOR);
    const ref = await openWithSignal(bot);
    nobodyNewReachable(bot);
    await press(
      bot,
      'requestConsultation',
      {
        ...ref,
        submissionId: randomUUID(),
        coordinatorId: secondCoordinator.aadObjectId,
        question: QUESTION,
      },
      teacher,
    );
    const queued = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? [];
    expect(queued.map((item) => item.waitingFor)).toEqual([secondCoordinator.aadObjectId]);

    // The school takes Karin Smit out of its settings; she talks to the bot afterwards.
    bot = await start(SCHOOL);
    await say(bot, teacher);
    const from = bot.connector.calls.length;
    await say(bot, secondCoordinator);
    expect(textsTo(bot, secondCoordinator, from)).not.toContain(QUESTION);
    expect(JSON.stringify(bot.connector.calls.slice(from))).not.toContain(QUESTION);
    expect(textsTo(bot, teacher, from)).toContain('is geen zorgcoördinator meer van de school');
    // Step 2 names no one to send it to again; the way on is to withdraw it.
    const step2 = await press(bot, 'showStep', { ...ref, step: 'consultatie' }, teacher);
    expect(cardText(step2)).toContain('iemand die geen zorgcoördinator meer is');
    expect(cardVerbs(step2)).not.toContain('resendConsultation');
    expect(cardVerbs(step2)).toContain('withdrawConsultation');
    const dossier = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(dossier?.outbox ?? []).toEqual([]);
    expect(dossier?.log.at(-1)).toMatchObject({
      kind: 'consultationDelivered',
      data: { delivered: 'unreachable' },
    });
  });

  it('the step-5 card that waited for the beslisser goes to whoever decides now, not to the former one', async () => {
    let bot = await start();
    const ref = await openWithSignal(bot);
    nobodyNewReachable(bot);
    await decideToReport((user, verb, data) => press(bot, verb, data, user), teacher, ref);
    const queued = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? [];
    expect(queued.map((item) => [item.effect.type, item.waitingFor])).toEqual([
      ['askForConfirmation', decisionMaker.aadObjectId],
    ]);

    bot = await start({
      ...SCHOOL,
      decisionMaker: { id: newDecisionMaker.aadObjectId, name: newDecisionMaker.name },
    });
    await say(bot, teacher);
    const from = bot.connector.calls.length;
    await say(bot, decisionMaker);
    expect(textsTo(bot, decisionMaker, from)).not.toContain('Besluit bevestigen');
    // The card went to the new beslisser instead (a chat of her own was started for her).
    const since = bot.connector.calls.slice(from);
    expect(
      since.some(
        (c) =>
          c.path === '/v3/conversations' && JSON.stringify(c.body).includes(newDecisionMaker.aadObjectId),
      ),
    ).toBe(true);
    expect(since.filter((c) => JSON.stringify(c.body).includes('Besluit bevestigen'))).toHaveLength(1);
    expect((await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? []).toEqual([]);
    // Whoever decides now finds it on their own home card, and may confirm it.
    await say(bot, newDecisionMaker);
    expect(textsTo(bot, newDecisionMaker, from)).toContain('MC-2026-0001');
    const card = await press(bot, 'showDecisionConfirmation', ref, newDecisionMaker);
    const confirmed = await press(
      bot,
      'confirmDecision',
      {
        ...actionData(card, 'confirmDecision'),
        note: '',
      },
      newDecisionMaker,
    );
    expect(cardText(confirmed)).toContain('Bevestigd door Marloes Bakker.');
  });

  it('the step-5 card that waited for the beslisser is not sent once the dossier is closed', async () => {
    const bot = await start();
    const ref = await openWithSignal(bot);
    nobodyNewReachable(bot);
    await decideToReport((user, verb, data) => press(bot, verb, data, user), teacher, ref);
    await press(bot, 'closeDossier', { ...ref, reason: 'leerling-vertrokken', note: '' }, teacher);
    expect((await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.status).toBe('closed');
    const from = bot.connector.calls.length;
    await say(bot, decisionMaker);
    expect(textsTo(bot, decisionMaker, from)).not.toContain('Besluit bevestigen');
    expect((await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.outbox ?? []).toEqual([]);
  });
});

describe('the lists of someone who lost their place', () => {
  const start = restartableBot();

  it('a zorgcoördinator taken out of the settings no longer finds the dossier in Mijn dossiers; a listing by someone who is not its owner is audited', async () => {
    let bot = await start(WITH_SECOND_COORDINATOR);
    const ref = await openWithSignal(bot);
    await say(bot, secondCoordinator);
    await press(
      bot,
      'requestConsultation',
      {
        ...ref,
        submissionId: randomUUID(),
        coordinatorId: secondCoordinator.aadObjectId,
        question: QUESTION,
      },
      teacher,
    );
    const asked = (await bot.store.getDossier(ref.schoolId, ref.dossierId))?.value.log.find(
      (entry) => entry.kind === 'consultationRequested',
    );
    await press(bot, 'acceptConsultation', { ...ref, consultationId: asked?.seq }, secondCoordinator);
    expect(cardText(await press(bot, 'showMyDossiers', {}, secondCoordinator))).toContain('MC-2026-0001');
    const listed = async (): Promise<string[]> =>
      (await bot.store.auditOfDossier(ref.schoolId, ref.dossierId))
        .filter((e) => e.action === 'listed')
        .map((e) => e.actorId);
    expect(await listed()).toEqual([secondCoordinator.aadObjectId]);
    // The owner's own list is not a view of someone else's dossier.
    await press(bot, 'showMyDossiers', {}, teacher);
    expect(await listed()).toEqual([secondCoordinator.aadObjectId]);

    bot = await start(SCHOOL);
    await say(bot, secondCoordinator);
    const mine = await press(bot, 'showMyDossiers', {}, secondCoordinator);
    expect(cardText(mine)).not.toContain('MC-2026-0001');
    expect(cardText(mine)).not.toContain('QZX');
    expect(await listed()).toEqual([secondCoordinator.aadObjectId]);
  });
});

describe('the "open dossier" form pressed again', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY });
    h.connector.directory.set('ilse@obs-delinde.example', {
      aadObjectId: newTeacher.aadObjectId,
      name: newTeacher.name,
      tenantId: TENANT,
    });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows the dossier it opened to its owner, audited as a view, and to nobody who lost it', async () => {
    await say(h, teacher);
    const form = {
      submissionId: randomUUID(),
      pupilReference: 'QZX',
      group: '6a',
      age: '11',
      firstDescription: '',
    };
    const opened = await press(h, 'openDossier', form, teacher);
    const again = await press(h, 'openDossier', form, teacher);
    expect(cardText(again)).toContain('MC-2026-0001');
    expect(cardText(again)).toBe(cardText(opened));
    const [summary] = await h.store.openDossiersOfOwner(SCHOOL.id, teacher.aadObjectId);
    if (!summary) throw new Error('no dossier was opened');
    const ref = { schoolId: summary.schoolId, dossierId: summary.id };
    const audit = async (): Promise<string[]> =>
      (await h.store.auditOfDossier(ref.schoolId, ref.dossierId))
        .filter((e) => e.actorId === teacher.aadObjectId)
        .map((e) => e.action);
    expect(await audit()).toEqual(['viewed']);

    // The zorgcoördinator hands the dossier over; the old owner presses the same form once more.
    await say(h, newTeacher);
    await press(
      h,
      'handOverOwnership',
      {
        ...ref,
        colleagueEmail: 'ilse@obs-delinde.example',
        reason: 'De leerling gaat naar groep 7.',
      },
      coordinator,
    );
    const afterHandover = await press(h, 'openDossier', form, teacher);
    expect(cardText(afterHandover)).toContain('geen toegang');
    expect(cardText(afterHandover)).not.toContain('QZX');
    expect(cardText(afterHandover)).not.toContain('MC-2026-0001');
    expect(await audit()).toEqual(['viewed', 'refused:notInvolved']);
    // Still one dossier, now Ilse's.
    expect(await h.store.openDossiersOfOwner(SCHOOL.id, teacher.aadObjectId)).toEqual([]);
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.ownerId).toBe(
      newTeacher.aadObjectId,
    );
  });
});
