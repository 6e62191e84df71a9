// The documents in the chat, over HTTP with the real bot, store and download links: the dossier as PDF
// and Word, the copy for the parents (zorgcoördinator only, every copy and every refusal audited),
// and the yearly figures as a card, a PDF and a CSV.

import {
  startHarness,
  cardOf,
  press,
  cardText,
  cardVerbs,
  downloadLinks,
  openDossier,
  type Harness,
  type DossierRef,
} from '../../support/bot-harness';
import { coordinator, decisionMaker, invoke, message, teacher, colleague } from '../../support/teams';
import {
  ACCESS_COPY_AUDIT_ACTION,
  ACCESS_COPY_REFUSED_AUDIT_ACTION,
} from '../../../src/app/documents/documents';
import { flat, pdfPages, wordParts, wordText } from './extract';

async function download(h: Harness, card: unknown): Promise<Response> {
  const [url] = downloadLinks(card);
  if (!url) throw new Error(`no download link on ${cardText(card)}`);
  return fetch(`${h.bot.server.url}${new URL(url).pathname}`);
}

async function auditActions(h: Harness, ref: DossierRef, actorId: string): Promise<string[]> {
  return (await h.store.auditOfDossier(ref.schoolId, ref.dossierId))
    .filter((e) => e.actorId === actorId)
    .map((e) => e.action);
}

/** A dossier with a signal someone else told (with the informant's name) and an opinion. */
async function dossierWithInformant(h: Harness): Promise<DossierRef> {
  const ref = await openDossier(h, { firstDescription: 'Blauwe plekken gezien bij gym.' });
  await press(h, 'recordSignal', {
    ...ref,
    signals_lichamelijk: 'letsel-onlogische-plek',
    observedOn: '2026-11-13',
    place: 'gymzaal',
    description: 'Buurvrouw zag vaker blauwe plekken.',
    source: 'verteld-door-ander',
    sourceName: 'BUURVROUW_Joke',
    pointsOtherWay: 'false',
  });
  await press(h, 'recordNote', {
    ...ref,
    text: 'MENING_mentor: ik denk dat het thuis onveilig is.',
    isOpinion: 'true',
  });
  return ref;
}

describe('documents in the chat', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('gives the dossier as a PDF and a Word file, each through its own single-use link', async () => {
    const ref = await dossierWithInformant(h);
    const documents = await press(h, 'showDocuments', ref);
    expect(cardVerbs(documents)).toEqual(expect.arrayContaining(['exportDocument', 'exportDossier']));
    // The owner is no zorgcoördinator: no copy for the parents on her card.
    expect(cardVerbs(documents)).not.toContain('makeAccessCopy');

    const pdf = await download(h, await press(h, 'exportDocument', { ...ref, format: 'pdf' }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="MC-2026-0001.pdf"');
    const pages = pdfPages(Buffer.from(await pdf.arrayBuffer()));
    expect(flat(pages.join('\n'))).toContain('VAN ANDEREN: Verteld door iemand anders (BUURVROUW_Joke)');
    expect(pages[0]).toContain('Geëxporteerd door: Sanne de Vries');

    const word = await download(h, await press(h, 'exportDocument', { ...ref, format: 'docx' }));
    expect(word.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = wordText((await wordParts(Buffer.from(await word.arrayBuffer()))).body);
    expect(text).toContain('MENING_mentor');

    expect(await auditActions(h, ref, teacher.aadObjectId)).toEqual(
      expect.arrayContaining(['exported', 'downloaded']),
    );
  });

  it('lets the zorgcoördinator make a copy for the parents without the informant or the opinion, and audits it', async () => {
    const ref = await dossierWithInformant(h);
    const card = await press(h, 'showDocuments', ref, coordinator);
    expect(cardVerbs(card)).toContain('makeAccessCopy');

    const ready = await press(
      h,
      'makeAccessCopy',
      { ...ref, recipient: 'ouders', format: 'pdf', withhold: '' },
      coordinator,
    );
    expect(cardText(ready)).toContain('De kopie voor de ouders of verzorgers staat klaar (PDF).');
    const file = await download(h, ready);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="MC-2026-0001-inzage.pdf"');
    const text = flat(pdfPages(Buffer.from(await file.arrayBuffer())).join('\n'));
    expect(text).not.toContain('BUURVROUW_Joke');
    expect(text).not.toContain('MENING_mentor');
    expect(text).toContain('Buurvrouw zag vaker blauwe plekken.');
    expect(text).toContain('[Weggelaten: wie dit aan de school vertelde]');
    expect(await auditActions(h, ref, coordinator.aadObjectId)).toContain(ACCESS_COPY_AUDIT_ACTION);
  });

  it('leaves out an entry the zorgcoördinator names, and asks again for a number the dossier lacks', async () => {
    const ref = await dossierWithInformant(h);
    const wrong = await press(
      h,
      'makeAccessCopy',
      { ...ref, recipient: 'ouders', format: 'docx', withhold: '2, 99' },
      coordinator,
    );
    expect(cardText(wrong)).toContain('Deze nummers staan niet in het dossier: 99.');
    expect(downloadLinks(wrong)).toEqual([]);
    expect(await auditActions(h, ref, coordinator.aadObjectId)).not.toContain(ACCESS_COPY_AUDIT_ACTION);

    const ready = await press(
      h,
      'makeAccessCopy',
      { ...ref, recipient: 'ouders', format: 'docx', withhold: '#2' },
      coordinator,
    );
    const text = wordText(
      (await wordParts(Buffer.from(await (await download(h, ready)).arrayBuffer()))).body,
    );
    expect(text).not.toContain('Buurvrouw zag vaker blauwe plekken.');
    expect(text).toContain('[Weggelaten door de zorgcoördinator');
  });

  it('refuses the copy to the owner and to the beslisser, and records each refusal', async () => {
    const ref = await dossierWithInformant(h);
    for (const user of [teacher, decisionMaker]) {
      const refused = await press(h, 'makeAccessCopy', { ...ref, recipient: 'ouders', format: 'pdf' }, user);
      expect(cardText(refused)).toContain('Alleen een zorgcoördinator van de school kan een kopie');
      expect(downloadLinks(refused)).toEqual([]);
      expect(await auditActions(h, ref, user.aadObjectId)).toContain(ACCESS_COPY_REFUSED_AUDIT_ACTION);
    }
    const stranger = await press(
      h,
      'makeAccessCopy',
      { ...ref, recipient: 'ouders', format: 'pdf' },
      colleague,
    );
    expect(cardText(stranger)).toContain('Je hebt geen toegang tot dit dossier.');
  });

  it('shows the yearly figures to the zorgcoördinator when typed, with "< 5" for small numbers, and as PDF and CSV', async () => {
    await dossierWithInformant(h);
    const answer = await h.post(message(coordinator, h.connector.url, 'cijfers'));
    expect(answer.status).toBe(200);
    const card = JSON.stringify(cardOf(h.connector.activities().at(-1)));
    expect(card).toContain('Meldcodecijfers OBS De Linde');
    expect(card).toContain('Schooljaar 2026-2027');
    expect(card).toContain('< 5');
    expect(card).not.toContain('MC-2026-0001');
    expect(card).not.toContain('BUURVROUW_Joke');

    const csv = await download(
      h,
      await press(h, 'exportFigures', { schoolId: 'de-linde', schoolYear: 2026, format: 'csv' }, coordinator),
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('onderdeel;omschrijving;aantal;mediaan werkdagen;25e percentiel;75e percentiel');
    expect(rows).toContain('Dossiers;Geopend in dit schooljaar;< 5;;;');

    const pdf = await download(
      h,
      await press(h, 'exportFigures', { schoolId: 'de-linde', schoolYear: 2026, format: 'pdf' }, coordinator),
    );
    const pages = pdfPages(Buffer.from(await pdf.arrayBuffer()));
    expect(flat(pages.join('\n'))).toContain('Meldcodecijfers OBS De Linde, schooljaar 2026-2027');
  });

  it('shows the figures to nobody else: the owner of a dossier is refused', async () => {
    await dossierWithInformant(h);
    const refused = await press(h, 'showFigures', {}, teacher);
    expect(cardText(refused)).toContain(
      'Alleen de zorgcoördinatoren en de beslisser van een school zien de meldcodecijfers.',
    );
    const file = await press(
      h,
      'exportFigures',
      { schoolId: 'de-linde', schoolYear: 2026, format: 'csv' },
      teacher,
    );
    expect(downloadLinks(file)).toEqual([]);
    const invoked = await h.post(invoke(decisionMaker, h.connector.url, 'showFigures', {}));
    expect(JSON.stringify(invoked.body)).toContain('Meldcodecijfers OBS De Linde');
  });
});
