// The chronology over HTTP: every log entry in order with when, who, role, kind and step; paging;
// corrections as new entries that refer to the old one; and no page over the card budget, even for a
// worst-case dossier (200 entries with every text at its maximum length).

import {
  startHarness,
  cardObjects,
  press,
  openDossier as openHarnessDossier,
  cardText,
  cardVerbs,
  type Harness,
} from '../support/bot-harness';
import { coordinator, teacher, SCHOOL, TENANT } from '../support/teams';
import { CARD_SIZE_BUDGET_BYTES } from '../../src/cards/render';
import { CHRONOLOGY_PAGE_SIZE } from '../../src/cards/views';
import {
  NAME_MAX_LENGTH,
  PLACE_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  decide,
  type Command,
  type Dossier,
} from '../../src/domain';

type Ref = { schoolId: string; dossierId: string };

const openDossier = (h: Harness): Promise<Ref> =>
  openHarnessDossier(h, { firstDescription: 'Zorgen over blauwe plekken.' });

const card = press;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The data of every correctEntry button on a card, by the entry it corrects. */
function correctionButtons(value: unknown): Record<string, unknown>[] {
  return [...cardObjects(value)].flatMap((record) =>
    record.verb === 'correctEntry' ? [record.data as Record<string, unknown>] : [],
  );
}

describe('the chronology', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('lists every entry in order with date and time, author, role, kind, step and a summary', async () => {
    const ref = await openDossier(h);
    await card(h, 'recordSignal', {
      ...ref,
      signals_lichamelijk: 'letsel-onlogische-plek',
      observedOn: '2026-11-13',
      place: 'gymzaal',
      description: 'Blauwe plekken op beide bovenarmen.',
      source: 'verteld-door-ander',
      sourceName: 'gymdocent',
      pointsOtherWay: 'false',
    });
    h.setNow(new Date('2026-11-16T14:25:00+01:00'));
    await card(h, 'recordNote', { ...ref, text: 'Moeder belde terug.', isOpinion: 'false' }, coordinator);

    const page = await card(h, 'showChronology', { ...ref, page: 1 });
    const text = cardText(page);
    expect(text).toContain('Pagina 1 van 1 · 3 regels');
    expect(text).toContain('#1 · 16 nov 2026, 10:00 · Sanne de Vries (eigenaar)\nDossier geopend');
    expect(text).toContain('Leerling AB, 7b. Eerste beschrijving: Zorgen over blauwe plekken.');
    expect(text).toContain(
      '#2 · 16 nov 2026, 10:00 · Sanne de Vries (eigenaar)\nSignaal vastgelegd · 1. Signalen in kaart brengen',
    );
    expect(text).toContain(
      'Gezien of gehoord op 13 nov 2026, gymzaal, bron: Verteld door iemand anders (gymdocent).',
    );
    expect(text).toContain('#3 · 16 nov 2026, 14:25 · Fatima El Amrani (zorgcoördinator)\nNotitie');
    expect(text.indexOf('#1 ·')).toBeLessThan(text.indexOf('#2 ·'));
    expect(text.indexOf('#2 ·')).toBeLessThan(text.indexOf('#3 ·'));
    expect(cardVerbs(page)).toEqual(['correctEntry', 'correctEntry', 'correctEntry', 'showDossier']);
  });

  it('pages a long dossier with previous and next, and clamps a page out of range', async () => {
    const ref = await openDossier(h);
    for (let i = 1; i <= 20; i++)
      await card(h, 'recordNote', { ...ref, text: `Notitie ${i}`, isOpinion: 'false' });
    // 21 entries: pages of 8, 8 and 5.
    const first = await card(h, 'showChronology', { ...ref, page: 1 });
    expect(cardText(first)).toContain('Pagina 1 van 3 · 21 regels');
    expect(cardVerbs(first).filter((v) => v === 'showChronology')).toHaveLength(2); // next, newest
    expect(cardText(first)).not.toContain('Vorige');

    const second = await card(h, 'showChronology', { ...ref, page: '2' });
    const text = cardText(second);
    expect(text).toContain('Pagina 2 van 3 · 21 regels');
    expect(text).toContain('#9 ·');
    expect(text).toContain('#16 ·');
    expect(text).not.toContain('#8 ·');
    expect(text).not.toContain('#17 ·');
    expect(text).toContain('Vorige');
    expect(text).toContain('Volgende');

    const beyond = await card(h, 'showChronology', { ...ref, page: 99 });
    expect(cardText(beyond)).toContain('Pagina 3 van 3 · 21 regels');
    expect(cardText(beyond)).toContain('Notitie 20');
    expect(cardText(beyond)).not.toContain('Volgende');
    expect(cardText(await card(h, 'showChronology', { ...ref, page: 'abc' }))).toContain('Pagina 1 van 3');
  });

  it('refuses an empty correction on the same page, naming the entry', async () => {
    const ref = await openDossier(h);
    for (let i = 1; i <= 9; i++)
      await card(h, 'recordNote', { ...ref, text: `Notitie ${i}`, isOpinion: 'false' });
    const refused = await card(h, 'correctEntry', { ...ref, seq: 10, correction_10: '   ' });
    const text = cardText(refused);
    expect(text).toContain('Pagina 2 van 2');
    expect(text).toContain('Correctie #10: Vul dit in.');
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    expect(dossier?.value.log.some((e) => e.kind === 'entryCorrected')).toBe(false);
  });

  it('records a correction once as a new entry that refers to the old one', async () => {
    const ref = await openDossier(h);
    await card(h, 'recordContact', { ...ref, with: 'moeder', on: '2026-11-13', outcome: 'Ze was boos.' });
    const correction = {
      ...ref,
      seq: 2,
      submissionId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
      correction_2: 'Het was de vader, niet de moeder.',
    };
    const after = await card(h, 'correctEntry', correction);
    await card(h, 'correctEntry', correction);
    const text = cardText(after);
    expect(text).toContain('Je correctie is vastgelegd.');
    expect(text).toContain(
      '#3 · 16 nov 2026, 10:00 · Sanne de Vries (eigenaar)\nCorrectie\nCorrectie van #2',
    );
    expect(text).toContain('Het was de vader, niet de moeder.');
    expect(text).toContain('Met moeder op 13 nov 2026: Ze was boos.\nGecorrigeerd in #3');
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    const log = dossier?.value.log ?? [];
    expect(log.map((e) => e.kind)).toEqual(['dossierOpened', 'contactRecorded', 'entryCorrected']);
    expect(log[1]?.data).toMatchObject({ with: 'moeder', outcome: 'Ze was boos.' });
    expect(log[2]).toMatchObject({
      corrects: 2,
      data: { seq: 2, text: 'Het was de vader, niet de moeder.' },
    });
  });

  it('offers no corrections on a closed dossier, and refuses one sent from an old card', async () => {
    const ref = await openDossier(h);
    await card(h, 'closeDossier', { ...ref, reason: 'ongegrond', note: '' });
    const page = await card(h, 'showChronology', { ...ref, page: 1 });
    expect(cardVerbs(page)).not.toContain('correctEntry');
    expect(cardText(page)).toContain('Dossier gesloten\nReden: Het vermoeden bleek ongegrond.');
    const refused = await card(h, 'correctEntry', { ...ref, seq: 1, correction_1: 'Toch niet.' });
    expect(cardText(refused)).toContain('Dit dossier is gesloten. Heropen het eerst als er iets bij moet.');
  });

  it('speaks English to an English Teams client', async () => {
    const ref = await openDossier(h);
    const text = cardText(await card(h, 'showChronology', { ...ref, page: 1 }, teacher, 'en-US'));
    expect(text).toContain('Page 1 of 1 · 1 lines');
    expect(text).toContain('#1 · 16 Nov 2026, 10:00 · Sanne de Vries (owner)\nDossier opened');
    expect(text).toContain('Pupil AB, 7b. First description: Zorgen over blauwe plekken.');
  });

  it('keeps every page of a worst-case dossier under the card budget, also with a refused correction', async () => {
    const dossier = worstCaseDossier();
    expect(dossier.log).toHaveLength(200);
    await h.store.createDossier(dossier);
    const ref = { schoolId: dossier.schoolId, dossierId: dossier.id };
    const pages = Math.ceil(200 / CHRONOLOGY_PAGE_SIZE);
    let largest = 0;
    for (let page = 1; page <= pages; page++) {
      const shown = await card(h, 'showChronology', { ...ref, page });
      expect(cardText(shown)).toContain(`Pagina ${page} van ${pages} · 200 regels`);
      expect(correctionButtons(shown)).toHaveLength(CHRONOLOGY_PAGE_SIZE);
      largest = Math.max(largest, bytes(shown));
      // A refused correction brings back what was typed, cut to the longest a correction may be.
      const seq = (page - 1) * CHRONOLOGY_PAGE_SIZE + 1;
      const refused = await card(h, 'correctEntry', {
        ...ref,
        seq,
        [`correction_${seq}`]: '€"'.repeat(1500),
      });
      expect(cardText(refused)).toContain(`Pagina ${page} van ${pages}`);
      expect(cardText(refused)).toContain(`Correctie #${seq}: Deze tekst is te lang. Kort hem in.`);
      expect(JSON.stringify(refused)).toContain(`"value":${JSON.stringify('€"'.repeat(1000))}`);
      largest = Math.max(largest, bytes(refused));
    }
    expect(largest).toBeGreaterThan(15_000); // the fixture really is heavy
    expect(largest).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
  });
});

/**
 * 200 entries built through decide(), every text at its maximum length in characters that cost the
 * most bytes on a card (a 3-byte euro sign and a quote that JSON escapes), authors with long names,
 * and many corrections of one entry.
 */
function worstCaseDossier(): Dossier {
  const heavy = (length: number): string => '€"'.repeat(Math.ceil(length / 2)).slice(0, length);
  const longName = heavy(NAME_MAX_LENGTH);
  const actors = [
    { id: teacher.aadObjectId, name: longName, role: 'eigenaar' as const },
    { id: coordinator.aadObjectId, name: longName, role: 'zorgcoordinator' as const },
  ];
  const commands: Command[] = [
    {
      type: 'openDossier',
      schoolId: SCHOOL.id,
      pupil: { reference: 'AB', group: '7b', age: 9 },
      firstDescription: heavy(TEXT_MAX_LENGTH),
    },
  ];
  const rotation: Command[] = [
    {
      type: 'recordSignal',
      categories: ['letsel-onlogische-plek', 'letsel-herkenbare-vorm'],
      specificForms: ['seksueel-misbruik', 'eergerelateerd-geweld'],
      observedOn: '2026-11-13',
      place: heavy(PLACE_MAX_LENGTH),
      description: heavy(TEXT_MAX_LENGTH),
      source: 'verteld-door-ander',
      sourceName: heavy(NAME_MAX_LENGTH),
      pointsOtherWay: true,
    },
    {
      type: 'recordContact',
      with: heavy(NAME_MAX_LENGTH),
      on: '2026-11-13',
      outcome: heavy(TEXT_MAX_LENGTH),
    },
    { type: 'recordNote', text: heavy(TEXT_MAX_LENGTH), isOpinion: true },
    {
      type: 'recordConsultation',
      with: heavy(NAME_MAX_LENGTH),
      on: '2026-11-14',
      advice: heavy(TEXT_MAX_LENGTH),
    },
    {
      type: 'recordConversation',
      on: '2026-11-14',
      participants: { pupil: true, parents: false, coordinator: true },
      said: heavy(TEXT_MAX_LENGTH),
      reaction: heavy(TEXT_MAX_LENGTH),
      outcome: heavy(TEXT_MAX_LENGTH),
      parentsDespiteWarning: false,
    },
    // Every correction corrects entry 2: its "corrected in" list grows as long as it can.
    { type: 'correctEntry', seq: 2, text: heavy(TEXT_MAX_LENGTH) },
  ];
  let dossier: Dossier | undefined;
  const now = new Date('2026-11-16T09:00:00+01:00');
  for (let i = 0; i < 200; i++) {
    const command = i === 0 ? commands[0] : rotation[(i - 1) % rotation.length];
    if (!command) throw new Error('no command');
    const decision = decide(dossier, command, {
      actor: actors[i % 2] ?? actors[0]!,
      now,
      newDossier: { id: 'worst-case-dossier', number: 'MC-2026-0999', tenantId: TENANT },
    });
    if (!decision.ok) throw new Error(`fixture refused at ${i}: ${JSON.stringify(decision.refusal)}`);
    dossier = decision.dossier;
  }
  if (!dossier) throw new Error('no dossier');
  return dossier;
}
