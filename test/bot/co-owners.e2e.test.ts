// More people on one dossier, over real HTTP with the fake Bot Connector: the owner adds the
// duo-leerkracht by work e-mail address (looked up in Teams), who then acts on the dossier and finds it
// in "Mijn dossiers"; the zorgcoördinator hands the dossier over, after which the old owner is refused
// (and the attempt audited) and the reminders go to the new owner; the aandachtsfunctionaris reads
// and adds notes, nothing else.

import { A_SIGNAL } from './decision-path';
import { startHarness, cardText, cardVerbs, invokeCard, type Harness } from '../support/bot-harness';
import type { ConnectorCall } from '../support/fake-connector';
import {
  OTHER_TENANT,
  SCHOOL,
  TENANT,
  colleague,
  coordinator,
  invoke,
  message,
  newTeacher,
  teacher,
  type TestUser,
} from '../support/teams';

/** Monday 16 November 2026, 09:30 in the Netherlands. */
const MONDAY = new Date('2026-11-16T09:30:00+01:00');
/** Ten working days later: the stalled step's reminder is due. */
const TWO_WEEKS_LATER = new Date('2026-11-30T10:00:00+01:00');

const officer: TestUser = {
  teamsId: '29:officer',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000008',
  name: 'Mirjam Kok',
  tenantId: TENANT,
};

type Ref = { schoolId: string; dossierId: string };

async function press(h: Harness, user: TestUser, verb: string, data: Record<string, unknown>) {
  return invokeCard((await h.post(invoke(user, h.connector.url, verb, data))).body);
}

async function openWithSignal(h: Harness): Promise<Ref> {
  await h.post(message(teacher, h.connector.url, 'hallo'));
  await press(h, teacher, 'openDossier', {
    pupilReference: 'QZX',
    group: '6a',
    age: '11',
    firstDescription: '',
  });
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  const ref = { schoolId: summary.schoolId, dossierId: summary.id };
  await press(h, teacher, 'recordSignal', {
    ...ref,
    ...A_SIGNAL,
  });
  return ref;
}

const reminderCardsIn = (h: Harness, user: TestUser): ConnectorCall[] =>
  h.connector.calls.filter(
    (c) =>
      c.method === 'POST' &&
      c.path.includes(encodeURIComponent(`a:personal-${user.teamsId}`)) &&
      JSON.stringify(c.body).includes('Herinnering'),
  );

/** The cards the bot posted on its own that say `text`. */
const noticesSaying = (h: Harness, text: string): ConnectorCall[] =>
  h.connector.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes(text));

describe('more people on one dossier', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      now: MONDAY,
      schools: [{ ...SCHOOL, aandachtsfunctionaris: { id: officer.aadObjectId, name: officer.name } }],
    });
    h.connector.directory.set('pieter@obs-delinde.example', {
      aadObjectId: colleague.aadObjectId,
      name: colleague.name,
      tenantId: TENANT,
    });
    h.connector.directory.set('ilse@obs-delinde.example', {
      aadObjectId: newTeacher.aadObjectId,
      name: newTeacher.name,
      tenantId: TENANT,
    });
    h.connector.directory.set('gast@andere-school.example', {
      aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000ff',
      name: 'Gast',
      tenantId: OTHER_TENANT,
    });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the owner adds the duo-leerkracht, who acts on the dossier, finds it in Mijn dossiers and gets the reminders', async () => {
    const ref = await openWithSignal(h);
    // Before: the colleague is not involved and is refused.
    expect(cardText(await press(h, colleague, 'showDossier', ref))).toContain('geen toegang');

    const hub = await press(h, teacher, 'showDossier', ref);
    expect(cardVerbs(hub)).toContain('showCoOwnerForm');
    expect(cardVerbs(hub)).not.toContain('showHandoverForm');
    const form = await press(h, teacher, 'showCoOwnerForm', ref);
    expect(cardText(form)).toContain('Nog geen mede-eigenaren.');
    expect(cardVerbs(form)).toEqual(['addCoOwner', 'showDossier']);

    const added = await press(h, teacher, 'addCoOwner', {
      ...ref,
      colleagueEmail: ' Pieter@obs-delinde.example ',
    });
    expect(cardText(added)).toContain('Pieter Jansen is nu mede-eigenaar van dit dossier.');
    expect(cardText(added)).toContain('Mede-eigenaar(s): Pieter Jansen.');
    // The colleague is told, in a chat of their own (started for them: they never talked to the bot).
    expect(noticesSaying(h, 'Sanne de Vries heeft je toegevoegd aan dossier MC-2026-0001')).toHaveLength(1);
    // Teams was asked about the address, in the teacher's own conversation.
    expect(
      h.connector.calls.some(
        (c) => c.method === 'GET' && c.path.endsWith('/members/Pieter%40obs-delinde.example'),
      ),
    ).toBe(true);

    // The co-owner acts with the owner's rights, and finds the dossier among their own.
    await h.post(message(colleague, h.connector.url, 'hallo'));
    const recorded = await press(h, colleague, 'recordContact', {
      ...ref,
      with: 'moeder',
      on: '2026-11-16',
      outcome: 'Moeder herkent het beeld.',
    });
    expect(cardText(recorded)).toContain('Vastgelegd.');
    // The hub after recording offers the co-owner the same button as the owner.
    expect(cardVerbs(recorded)).toContain('showCoOwnerForm');
    const mine = await press(h, colleague, 'showMyDossiers', {});
    expect(cardText(mine)).toContain('MC-2026-0001');
    const dossier = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(dossier?.log.map((e) => [e.kind, e.authorId, e.role]).slice(-2)).toEqual([
      ['coOwnerAdded', teacher.aadObjectId, 'eigenaar'],
      ['contactRecorded', colleague.aadObjectId, 'eigenaar'],
    ]);

    // The chronology says who was added, by whom.
    const chronology = await press(h, colleague, 'showChronology', { ...ref, page: 1 });
    expect(cardText(chronology)).toContain('Mede-eigenaar toegevoegd');

    // The owner's reminder of the stalled step goes to both owners.
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    expect(reminderCardsIn(h, teacher)).toHaveLength(1);
    expect(reminderCardsIn(h, colleague)).toHaveLength(1);
  });

  it('names every problem of the form at its field, and refuses an unknown address or another organisation', async () => {
    const ref = await openWithSignal(h);
    const empty = await press(h, teacher, 'addCoOwner', { ...ref, colleagueEmail: '' });
    expect(cardText(empty)).toContain('- Werk-e-mailadres van de collega: Vul dit in.');
    const notAnAddress = await press(h, teacher, 'addCoOwner', { ...ref, colleagueEmail: 'Pieter Jansen' });
    expect(cardText(notAnAddress)).toContain('Dit is geen e-mailadres.');

    const unknown = await press(h, teacher, 'addCoOwner', {
      ...ref,
      colleagueEmail: 'niemand@obs-delinde.example',
    });
    expect(cardText(unknown)).toContain('Niemand gevonden met dit adres');
    expect(JSON.stringify(unknown)).toContain('niemand@obs-delinde.example');
    const outsider = await press(h, teacher, 'addCoOwner', {
      ...ref,
      colleagueEmail: 'gast@andere-school.example',
    });
    expect(cardText(outsider)).toContain('hoort bij een andere organisatie');

    await press(h, teacher, 'addCoOwner', { ...ref, colleagueEmail: 'pieter@obs-delinde.example' });
    const twice = await press(h, teacher, 'addCoOwner', {
      ...ref,
      colleagueEmail: 'pieter@obs-delinde.example',
    });
    expect(cardText(twice)).toContain('al eigenaar of mede-eigenaar');

    const dossier = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value;
    expect(dossier?.coOwnerIds).toEqual([colleague.aadObjectId]);
    expect(dossier?.log.filter((e) => e.kind === 'coOwnerAdded')).toHaveLength(1);
    // No typed address in the logs.
    expect(h.logs.join('')).not.toContain('obs-delinde.example');
  });

  it('the zorgcoördinator hands the dossier over: the old owner is refused and audited, the new owner is reminded', async () => {
    const ref = await openWithSignal(h);
    await h.post(message(newTeacher, h.connector.url, 'hallo'));

    // The owner has no handover button and is refused when trying anyway.
    expect(cardVerbs(await press(h, teacher, 'showDossier', ref))).not.toContain('showHandoverForm');
    const byOwner = await press(h, teacher, 'handOverOwnership', {
      ...ref,
      colleagueEmail: 'ilse@obs-delinde.example',
      reason: 'Ik ga weg.',
    });
    expect(cardText(byOwner)).toContain('Dossier overdragen');
    expect((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.ownerId).toBe(teacher.aadObjectId);

    const hub = await press(h, coordinator, 'showDossier', ref);
    expect(cardVerbs(hub)).toContain('showHandoverForm');
    const form = await press(h, coordinator, 'showHandoverForm', ref);
    expect(cardText(form)).toContain('Eigenaar nu: Sanne de Vries');

    const missingReason = await press(h, coordinator, 'handOverOwnership', {
      ...ref,
      colleagueEmail: '',
      reason: ' ',
    });
    // Both problems at once, each at its field.
    expect(cardText(missingReason)).toContain('- Werk-e-mailadres van de collega: Vul dit in.');
    expect(cardText(missingReason)).toContain(
      '- Waarom wordt het dossier overgedragen?: Schrijf de reden op',
    );

    const handedOver = await press(h, coordinator, 'handOverOwnership', {
      ...ref,
      colleagueEmail: 'ilse@obs-delinde.example',
      reason: 'De leerling gaat naar groep 7.',
    });
    expect(cardText(handedOver)).toContain('Het dossier is overgedragen aan Ilse de Wit.');
    // The new owner is told, with the reason.
    expect(
      noticesSaying(
        h,
        'heeft dossier MC-2026-0001 aan jou overgedragen. Reden: De leerling gaat naar groep 7.',
      ),
    ).toHaveLength(1);

    // The old owner: refused, and the attempt is audited; the dossier left their list.
    const refused = await press(h, teacher, 'showDossier', ref);
    expect(cardText(refused)).toContain('geen toegang');
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    expect(audit.some((e) => e.actorId === teacher.aadObjectId && e.action === 'refused:notInvolved')).toBe(
      true,
    );
    expect(cardText(await press(h, teacher, 'showMyDossiers', {}))).not.toContain('MC-2026-0001');

    // The new owner: sees it as theirs, with the chronology naming the handover and its reason.
    expect(cardText(await press(h, newTeacher, 'showMyDossiers', {}))).toContain('MC-2026-0001');
    const chronology = await press(h, newTeacher, 'showChronology', { ...ref, page: 1 });
    expect(cardText(chronology)).toContain(
      'Overgedragen van Sanne de Vries aan Ilse de Wit. Reden: De leerling gaat naar groep 7.',
    );

    // The reminders follow the new owner.
    h.setNow(TWO_WEEKS_LATER);
    await h.bot.scheduler.sweep(TWO_WEEKS_LATER);
    expect(reminderCardsIn(h, newTeacher)).toHaveLength(1);
    expect(reminderCardsIn(h, teacher)).toHaveLength(0);
  });

  it('finds a colleague among the members of the care team when the personal chat does not know them', async () => {
    await h.stop();
    h = await startHarness({
      now: MONDAY,
      schools: [{ ...SCHOOL, careTeamChannelId: '19:zorgteam@thread.tacv2' }],
    });
    h.connector.directory.set('pieter@obs-delinde.example', {
      aadObjectId: colleague.aadObjectId,
      name: colleague.name,
      tenantId: TENANT,
      onlyIn: '19:zorgteam@thread.tacv2',
    });
    const ref = await openWithSignal(h);
    const added = await press(h, teacher, 'addCoOwner', {
      ...ref,
      colleagueEmail: 'pieter@obs-delinde.example',
    });
    expect(cardText(added)).toContain('Pieter Jansen is nu mede-eigenaar van dit dossier.');
    const asked = h.connector.calls.filter((c) => c.method === 'GET' && c.path.includes('/members/'));
    expect(asked.map((c) => decodeURIComponent(c.path))).toEqual([
      `/v3/conversations/a:personal-${teacher.teamsId}/members/pieter@obs-delinde.example`,
      '/v3/conversations/19:zorgteam@thread.tacv2/members/pieter@obs-delinde.example',
    ]);
  });

  it('the aandachtsfunctionaris reads the dossier and adds a note, but records no step', async () => {
    const ref = await openWithSignal(h);
    // Every open dossier of the school is in the aandachtsfunctionaris's list, without taking part.
    expect(cardText(await press(h, officer, 'showMyDossiers', {}))).toContain('MC-2026-0001');
    expect(cardText(await press(h, colleague, 'showMyDossiers', {}))).not.toContain('MC-2026-0001');
    const hub = await press(h, officer, 'showDossier', ref);
    expect(cardText(hub)).toContain('Dossier MC-2026-0001');
    expect(cardText(hub)).toContain('Aandachtsfunctionaris: Mirjam Kok (leest mee).');
    expect(cardVerbs(hub)).not.toContain('showCoOwnerForm');
    expect(cardVerbs(hub)).not.toContain('showHandoverForm');

    const note = await press(h, officer, 'recordNote', {
      ...ref,
      text: 'Ook bij de broer gezien.',
      isOpinion: 'false',
    });
    expect(cardText(note)).toContain('Vastgelegd.');
    const contact = await press(h, officer, 'recordContact', {
      ...ref,
      with: 'moeder',
      on: '2026-11-16',
      outcome: 'Gebeld.',
    });
    expect(cardText(contact)).not.toContain('Vastgelegd.');
    const log = (await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log ?? [];
    expect(log.at(-1)).toMatchObject({ kind: 'noteRecorded', role: 'aandachtsfunctionaris' });
  });
});
