// Step reminders delivered in Teams: the scheduler's sweep over the real store, the Teams notifier
// and the fake Bot Connector — the card, snoozing from it, no duplicates, an unreachable owner.

import { A_SIGNAL } from './decision-path';
import { startHarness, cardOf, cardText, cardVerbs, invokeCard, type Harness } from '../support/bot-harness';
import { coordinator, invoke, message, teacher } from '../support/teams';

/** Monday 16 November 2026, 09:30 in the Netherlands. */
const MONDAY = new Date('2026-11-16T09:30:00+01:00');
/** Ten working days later, mid-morning: the default period of a stalled step. */
const TWO_WEEKS_LATER = new Date('2026-11-30T10:00:00+01:00');

const teacherChat = encodeURIComponent(`a:personal-${teacher.teamsId}`);

async function openWithSignal(h: Harness): Promise<{ schoolId: string; dossierId: string }> {
  await h.post(message(teacher, h.connector.url, 'hallo'));
  await h.post(
    invoke(teacher, h.connector.url, 'openDossier', {
      pupilReference: 'QZX',
      group: '6a',
      age: '11',
      firstDescription: '',
    }),
  );
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  const ref = { schoolId: summary.schoolId, dossierId: summary.id };
  await h.post(
    invoke(teacher, h.connector.url, 'recordSignal', {
      ...ref,
      ...A_SIGNAL,
    }),
  );
  return ref;
}

const remindersTo = (h: Harness, chat: string): Record<string, unknown>[] =>
  h.connector.calls
    .filter(
      (c) => c.method === 'POST' && c.path.includes(chat) && JSON.stringify(c.body).includes('Herinnering'),
    )
    .map((c) => cardOf(c.body));

describe('a stalled dossier', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows on its card when the next reminder goes out and to whom', async () => {
    const ref = await openWithSignal(h);
    const hub = invokeCard((await h.post(invoke(teacher, h.connector.url, 'showDossier', ref))).body);
    expect(cardText(hub)).toContain('Volgende herinnering: 30 nov 2026 aan Sanne de Vries.');
  });

  it('reminds the owner once, with a button to the step and snooze buttons, and logs it', async () => {
    const ref = await openWithSignal(h);
    await h.bot.scheduler.sweep(new Date('2026-11-27T10:00:00+01:00'));
    expect(remindersTo(h, teacherChat)).toHaveLength(0);

    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    const cards = remindersTo(h, teacherChat);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('Herinnering · MC-2026-0001');
    expect(cardText(cards[0])).toContain('De volgende stap: 2. Collegiale consultatie.');
    expect(cardVerbs(cards[0])).toEqual(['showStep', 'snoozeReminder', 'snoozeReminder']);
    expect(JSON.stringify(cards[0])).not.toContain('QZX');
    const log = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log ?? [];
    expect(log.filter((e) => e.kind === 'reminderSent')).toHaveLength(1);
    // The chronology names the bot for its own bookkeeping, in nobody's role.
    const chronology = cardText(
      invokeCard(
        (await h.post(invoke(teacher, h.connector.url, 'showChronology', { ...ref, page: 1 }))).body,
      ),
    );
    expect(chronology).toContain('Meldcode-bot');
    expect(chronology).not.toContain('Meldcode-bot (');
  });

  it('can be snoozed for a day from the card, and then comes back', async () => {
    const ref = await openWithSignal(h);
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    const [card] = remindersTo(h, teacherChat);
    const snooze = JSON.stringify(card).match(/"key":"([^"]+)","period":"dag"/);
    expect(snooze).not.toBeNull();
    const answer = invokeCard(
      (
        await h.post(
          invoke(teacher, h.connector.url, 'snoozeReminder', { ...ref, key: snooze?.[1], period: 'dag' }),
        )
      ).body,
    );
    expect(cardText(answer)).toContain('Uitgesteld. Je krijgt de herinnering opnieuw op');
    await h.bot.scheduler.sweep(new Date('2026-11-30T15:00:00+01:00'));
    expect(remindersTo(h, teacherChat)).toHaveLength(1);
    const tomorrow = new Date('2026-12-01T10:00:00+01:00');
    h.setNow(tomorrow);
    await h.bot.scheduler.sweep(tomorrow);
    expect(remindersTo(h, teacherChat)).toHaveLength(2);
  });

  it('refuses a snooze by someone the reminder was not for, and keeps the attempt in the audit', async () => {
    const ref = await openWithSignal(h);
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    const [card] = remindersTo(h, teacherChat);
    const key = JSON.stringify(card).match(/"key":"([^"]+)","period":"dag"/)?.[1];
    // The zorgcoördinator is involved in the dossier, but the reminder was the teacher's.
    await h.post(invoke(coordinator, h.connector.url, 'snoozeReminder', { ...ref, key, period: 'week' }));
    const stored = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(stored?.log.some((e) => e.kind === 'reminderSnoozed')).toBe(false);
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    expect(audit.map((e) => [e.action, e.actorId, e.tenantId])).toContainEqual([
      'refused:notRecipient',
      coordinator.aadObjectId,
      coordinator.tenantId,
    ]);
  });

  it('tells the zorgcoördinator when the owner cannot be reached', async () => {
    await openWithSignal(h);
    await h.post(message(coordinator, h.connector.url, 'hallo'));
    h.connector.failNext(new RegExp(`${teacherChat}/activities`), 403, 1);
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    const told = h.connector.calls.filter(
      (c) => c.path.includes(encodeURIComponent(`a:personal-${coordinator.teamsId}`)) && c.method === 'POST',
    );
    const text = told.map((c) => cardText(cardOf(c.body))).join('\n');
    expect(text).toContain(
      'Een herinnering voor dossier MC-2026-0001 kon de eigenaar van het dossier niet bereiken',
    );
    expect(text).not.toContain('QZX');
  });

  it('gets no reminder once it is closed', async () => {
    const ref = await openWithSignal(h);
    await h.post(
      invoke(teacher, h.connector.url, 'closeDossier', { ...ref, reason: 'leerling-vertrokken', note: '' }),
    );
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    expect(remindersTo(h, teacherChat)).toHaveLength(0);
  });
});

describe('a consultation request nobody accepted', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: MONDAY });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('reminds the zorgcoördinator with a button to the request itself, where they accept or advise', async () => {
    const ref = await openWithSignal(h);
    await h.post(message(coordinator, h.connector.url, 'hallo'));
    await h.post(
      invoke(teacher, h.connector.url, 'requestConsultation', {
        ...ref,
        coordinatorId: coordinator.aadObjectId,
        question: 'Wil je meekijken?',
      }),
    );
    const later = new Date('2026-11-20T10:00:00+01:00');
    h.setNow(later);
    await h.bot.scheduler.sweep(later);
    const [reminder] = remindersTo(h, encodeURIComponent(`a:personal-${coordinator.teamsId}`));
    expect(cardText(reminder)).toContain('Er wacht een consultatievraag op een zorgcoördinator.');
    expect(cardVerbs(reminder)).toEqual(['refreshConsultation', 'snoozeReminder', 'snoozeReminder']);
    expect(cardText(reminder)).toContain('Consultatievraag openen');

    const [open] = (reminder?.actions ?? []) as { data: Record<string, unknown> }[];
    const opened = invokeCard(
      (await h.post(invoke(coordinator, h.connector.url, 'refreshConsultation', open?.data ?? {}))).body,
    );
    expect(cardText(opened)).toContain('Gevraagd door Sanne de Vries');
    expect(JSON.stringify(opened)).toContain('Wil je meekijken?');
    expect(cardVerbs(opened)).toEqual(
      expect.arrayContaining(['acceptConsultation', 'recordConsultationAdvice', 'declineConsultation']),
    );
  });
});
