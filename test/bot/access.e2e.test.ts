// Need to know, on every action: someone who is neither the owner, a zorgcoördinator of the
// dossier's school nor its beslisser gets nothing from any verb and changes nothing — and neither
// does anyone from another tenant. A hand-made invoke naming someone else's dossier is the attack.

import { startHarness, cardText, invokeCard, openDossier, type Harness } from '../support/bot-harness';
import { createVerbs, type VerbDependencies } from '../../src/bot/verbs';
import {
  OTHER_SCHOOL,
  OTHER_TENANT,
  SCHOOL,
  colleague,
  invoke,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

const PUPIL = 'QZX';
const DESCRIPTION = 'Striemen op de onderarm in de vorm van een riem.';
/** The new-dossier form the teacher fills in. */
const OPEN_FORM = { pupilReference: PUPIL, group: '6a', age: '11', firstDescription: DESCRIPTION };

/** Every registered verb: the registry is read, so a new verb is covered without editing this test. */
const VERBS = Object.keys(createVerbs({} as VerbDependencies)).sort();

describe.each([
  ['a colleague of the same school who is not involved', colleague],
  [
    'a user from another tenant',
    {
      ...teacher,
      teamsId: '29:stranger',
      aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000009',
      tenantId: OTHER_TENANT,
    },
  ],
] as [string, TestUser][])('%s', (_who, intruder) => {
  let h: Harness;
  let ref: { schoolId: string; dossierId: string };
  let logBefore: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.post(message(teacher, h.connector.url, 'hallo'));
    ref = await openDossier(h, OPEN_FORM);
    await h.post(
      invoke(teacher, h.connector.url, 'requestConsultation', {
        ...ref,
        coordinatorId: 'aaaaaaaa-0000-4000-8000-000000000002',
        question: 'Wil je meekijken?',
      }),
    );
    logBefore = JSON.stringify((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the registry has the dossier verbs this test is about', () => {
    expect(VERBS).toEqual(
      expect.arrayContaining([
        'showDossier',
        'recordSignal',
        'closeDossier',
        'exportDossier',
        'acceptConsultation',
      ]),
    );
  });

  it.each(VERBS)('%s shows nothing of the dossier and changes nothing', async (verb) => {
    const payload = {
      ...ref,
      step: 'signalen',
      page: 1,
      consultationId: 2,
      question: 1,
      answer: 'true',
      reasoning: 'x',
      reason: 'Ik wil dit sluiten.',
      note: 'x',
      advice: 'x',
      route: 'meldcode',
      text: 'x',
      description: 'x',
      observedOn: '2026-11-13',
      source: 'eigen-waarneming',
      pointsOtherWay: 'false',
    };
    const response = await h.post(invoke(intruder, h.connector.url, verb, payload));
    expect(response.status).toBe(200);
    const text = JSON.stringify(invokeCard(response.body));
    expect(text).not.toMatch(new RegExp(`[^A-Za-z]${PUPIL}[^A-Za-z]`));
    expect(text).not.toContain(DESCRIPTION);
    expect(text).not.toContain('MC-2026-0001');
    expect(JSON.stringify((await h.store.getDossier(ref.schoolId, ref.dossierId))?.value.log)).toBe(
      logBefore,
    );
  });

  it('is told plainly that there is no access, and the attempt is recorded without content', async () => {
    const response = await h.post(invoke(intruder, h.connector.url, 'showDossier', ref));
    const text = cardText(invokeCard(response.body));
    expect(text).toMatch(/geen toegang|niet ingericht voor jouw organisatie/);
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    if (intruder.tenantId === teacher.tenantId) {
      const refused = audit.filter((e) => e.actorId === intruder.aadObjectId);
      expect(refused.length).toBeGreaterThan(0);
      expect([...new Set(refused.map((e) => e.action))]).toEqual(['refused:notInvolved']);
    }
  });
});

describe('someone of another tenant the bot also serves', () => {
  const outsider: TestUser = {
    teamsId: '29:other-tenant-teacher',
    aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000001',
    name: 'Noor Vos',
    tenantId: OTHER_SCHOOL.tenantId,
  };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ schools: [SCHOOL, OTHER_SCHOOL] });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('learns nothing of a dossier of this school, not even that it exists, and leaves no trace in its audit', async () => {
    await h.post(message(teacher, h.connector.url, 'hallo'));
    const ref = await openDossier(h, OPEN_FORM);
    const missing = { schoolId: SCHOOL.id, dossierId: '00000000-0000-4000-8000-000000000000' };
    const answer = async (verb: string, target: typeof ref): Promise<string> =>
      cardText(invokeCard((await h.post(invoke(outsider, h.connector.url, verb, target))).body));

    await h.post(message(outsider, h.connector.url, 'hallo'));
    // An existing dossier and one that does not exist get the same answer.
    expect(await answer('showDossier', ref)).toBe(await answer('showDossier', missing));
    expect(await answer('recordNote', { ...ref, text: 'x' } as typeof ref)).toBe(
      await answer('recordNote', { ...missing, text: 'x' } as typeof ref),
    );
    expect(await answer('showDossier', ref)).toContain('bestaat niet');
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    expect(audit.filter((e) => e.actorId === outsider.aadObjectId)).toEqual([]);
  });
});
