// Step 1 over HTTP: the signalenkaart card for the pupil's age band, a refused form that keeps
// what was typed, and a recorded signal that completes the step.

import {
  startHarness,
  openDossier as openHarnessDossier,
  type DossierRef,
  cardText,
  cardVerbs,
  invokeCard,
  type Harness,
} from '../support/bot-harness';
import { invoke, teacher } from '../support/teams';
import { inputs } from './middle-steps.helpers';

const openDossier = (h: Harness, age: string): Promise<DossierRef> => openHarnessDossier(h, { age });

/** The ids of every input on the card. */
const inputIds = (card: unknown): string[] => Object.keys(inputs(card));

describe('step 1: mapping the signals', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows the signalenkaart of the pupil’s age band', async () => {
    const ref = await openDossier(h, '14');
    const card = invokeCard(
      (await h.post(invoke(teacher, h.connector.url, 'showStep', { ...ref, step: 'signalen' }))).body,
    );
    expect(cardText(card)).toContain('Signalenkaart voor leerlingen van 12-18 jaar');
    expect(inputIds(card)).toEqual(
      expect.arrayContaining(['signals_lichamelijk', 'signals_huwelijksdwang', 'observedOn', 'description']),
    );
    expect(cardVerbs(card)).toContain('recordSignal');
  });

  it('starts the date at today, allows nothing later, and says so in a sentence when a later one is picked', async () => {
    const ref = await openDossier(h, '9');
    const card = invokeCard(
      (await h.post(invoke(teacher, h.connector.url, 'showStep', { ...ref, step: 'signalen' }))).body,
    );
    const observedOn = inputs(card)['observedOn'];
    expect(observedOn?.value).toBe('2026-11-16');
    expect(observedOn?.max).toBe('2026-11-16');
    // The card's own check shows this, not "fill this in" under a filled field.
    expect(observedOn?.errorMessage).toBe('Kies een datum van vandaag of eerder.');
  });

  it('refuses a signal dated in the future, keeps what was typed and names the field', async () => {
    const ref = await openDossier(h, '9');
    const typed = {
      ...ref,
      signals_lichamelijk: 'letsel-onlogische-plek',
      observedOn: '2026-12-01',
      place: 'gymzaal',
      description: 'Blauwe plekken op beide bovenarmen.',
      source: 'eigen-waarneming',
      pointsOtherWay: 'false',
    };
    const card = invokeCard((await h.post(invoke(teacher, h.connector.url, 'recordSignal', typed))).body);
    const text = cardText(card);
    expect(text).toContain('Datum waarop je het zag of hoorde: Deze datum ligt in de toekomst.');
    expect(JSON.stringify(card)).toContain('Blauwe plekken op beide bovenarmen.');
    expect(JSON.stringify(card)).toContain('"value":"letsel-onlogische-plek"');
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    expect(dossier?.value.log.map((e) => e.kind)).toEqual(['dossierOpened']);
  });

  it('records a signal once even when the button is pressed twice, and step 1 is then done', async () => {
    const ref = await openDossier(h, '9');
    const signal = {
      ...ref,
      submissionId: '2d1c8f6e-3b5a-4e1f-9c7d-8a6b5c4d3e2f',
      signals_lichamelijk: 'letsel-onlogische-plek,letsel-herkenbare-vorm',
      observedOn: '2026-11-13',
      place: 'gymzaal',
      description: 'Blauwe plekken op beide bovenarmen.',
      source: 'verteld-door-ander',
      sourceName: 'gymdocent',
      pointsOtherWay: 'false',
    };
    const first = invokeCard((await h.post(invoke(teacher, h.connector.url, 'recordSignal', signal))).body);
    await h.post(invoke(teacher, h.connector.url, 'recordSignal', signal));
    expect(cardText(first)).toContain('Vastgelegd.');
    expect(cardText(first)).toMatch(/1\. Signalen in kaart brengen\ngedaan/);
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    const signals = dossier?.value.log.filter((e) => e.kind === 'signalRecorded') ?? [];
    expect(signals).toHaveLength(1);
    expect(signals[0]?.data).toMatchObject({
      categories: ['letsel-onlogische-plek', 'letsel-herkenbare-vorm'],
      source: 'verteld-door-ander',
      sourceName: 'gymdocent',
    });
  });
});
