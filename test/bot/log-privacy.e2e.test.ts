// The logs of a whole conversation carry correlation ids and never the pupil reference or any
// text a user typed (meldcode.md, privacy: no pupil data in logs).

import { startHarness, type Harness } from '../support/bot-harness';
import { invoke, message, teacher } from '../support/teams';

const PUPIL_REFERENCE = 'QZX';
const GROUP = 'groep 8 Zonnebloem';
const TYPED = [
  'Zorg begon na de herfstvakantie met opvallend stil gedrag',
  'Striemen op de onderarm in de vorm van een riem',
  'sportveld achter de school',
  'conciërge meneer Verhoeven',
  'Toekomstige datum met extra tekst',
];

describe('the logs of a whole conversation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
    const url = h.connector.url;
    await h.post(message(teacher, url, 'hallo'));
    await h.post(message(teacher, url, 'nieuw'));
    await h.post(invoke(teacher, url, 'chooseRoute', { route: 'meldcode' }));
    await h.post(
      invoke(teacher, url, 'openDossier', {
        submissionId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
        pupilReference: PUPIL_REFERENCE,
        group: GROUP,
        age: '11',
        firstDescription: TYPED[0],
      }),
    );
    const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
    if (!summary) throw new Error('the dossier was not opened');
    const ref = { schoolId: summary.schoolId, dossierId: summary.id };
    const signal = {
      ...ref,
      signals_lichamelijk: 'letsel-herkenbare-vorm',
      place: TYPED[2],
      description: TYPED[1],
      source: 'verteld-door-ander',
      sourceName: TYPED[3],
      pointsOtherWay: 'false',
    };
    // Refused (a date in the future), then recorded.
    await h.post(
      invoke(teacher, url, 'recordSignal', { ...signal, observedOn: '2027-01-01', description: TYPED[4] }),
    );
    await h.post(invoke(teacher, url, 'recordSignal', { ...signal, observedOn: '2026-11-13' }));
    await h.post(invoke(teacher, url, 'showDossier', ref));
    await h.post(invoke(teacher, url, 'showStep', { ...ref, step: 'signalen' }));
    await h.post(message(teacher, url, 'mijn dossiers'));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('writes log lines for the conversation', () => {
    expect(h.logs.length).toBeGreaterThan(5);
  });

  it('contains neither the pupil reference nor the group', () => {
    const all = h.logs.join('');
    expect(all).not.toContain(`"${PUPIL_REFERENCE}"`);
    expect(all).not.toMatch(new RegExp(`[^A-Za-z0-9]${PUPIL_REFERENCE}[^A-Za-z0-9]`));
    expect(all).not.toContain(GROUP);
  });

  it.each(TYPED)('contains no text the user typed: %s', (text) => {
    expect(h.logs.join('')).not.toContain(text);
  });

  it('carries the correlation ids: activity, conversation and dossier number', () => {
    const lines = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const changed = lines.filter((line) => line.msg === 'dossier changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      dossierNumber: 'MC-2026-0001',
      conversationId: `a:personal-${teacher.teamsId}`,
      recorded: ['signalRecorded'],
    });
    expect(typeof changed[0]?.activityId).toBe('string');
    const invokes = lines.filter(
      (line) => line.msg === 'invoke handled' || line.msg === 'invoke payload refused',
    );
    expect(invokes.length).toBeGreaterThanOrEqual(5);
    expect(
      invokes.every((line) => typeof line.activityId === 'string' && typeof line.verb === 'string'),
    ).toBe(true);
  });
});
