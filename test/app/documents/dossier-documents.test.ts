// The dossier as PDF, Word and text, and the copy for the parents or the pupil, rendered from the worst
// case (200 entries, every kind a person records, texts at their longest, every awkward character) in
// Dutch and in English, and read back as a reader's software reads them.

import { dossierFile, type DossierFormat } from '../../../src/app/export';
import type { AccessCopyRequest } from '../../../src/app/documents/access-copy';
import type { Language } from '../../../src/i18n';
import { SCHOOL } from '../../cards/dossiers';
import { flat, pdfInfo, pdfPages, wordParts, wordText } from './extract';
import { BEYOND_LATIN1, DUTCH, KEPT, WITHHELD, documentsWorstCase } from './worst-case';

const { dossier, otherPupilSeq } = documentsWorstCase();
const now = new Date('2026-11-16T14:30:00Z');
const copy: AccessCopyRequest = { recipient: 'ouders', chosen: [otherPupilSeq] };

async function render(language: Language, format: DossierFormat, accessCopy?: AccessCopyRequest) {
  return dossierFile(
    { dossier, school: SCHOOL, language, exportedBy: 'Fatima El Amrani', now, accessCopy },
    format,
  );
}

async function wordOf(language: Language, accessCopy?: AccessCopyRequest) {
  const file = await render(language, 'docx', accessCopy);
  const parts = await wordParts(file.body);
  return { file, parts, text: wordText(parts.body) };
}

const HEADINGS = {
  nl: [
    '1. Toelichting',
    '2. Gezette stappen van de meldcode',
    '3. Betrokken medewerkers van school',
    '4. De zorgen',
    '5. Consultatie en advies van Veilig Thuis',
    '6. Gesprek met de leerling en/of de ouders',
    '7. Weging',
    '8. Afwegingskader',
    '9. Melding, hulp en vervolg',
    '10. Afsluiting',
    '11. Chronologie',
  ],
  en: ['1. Explanation', '4. The concerns', '8. Assessment framework (afwegingskader)', '11. Chronology'],
};

/** Markdown as it reads: the backslashes that escape typed text removed. */
const unescaped = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

/** Internal ids never reach a document. */
const IDS = ['user-owner', 'user-ib', 'user-beslisser', 'tenant-1', 'documents-worst-case', 'school-1'];

describe('the worst-case dossier as a PDF', () => {
  const pages: Record<Language, string[]> = { nl: [], en: [] };
  let info: Record<string, string> = {};
  beforeAll(async () => {
    const nl = await render('nl', 'pdf');
    expect(nl.fileName).toBe('MC-2026-0999.pdf');
    expect(nl.contentType).toBe('application/pdf');
    pages.nl = pdfPages(nl.body);
    info = pdfInfo(nl.body);
    pages.en = pdfPages((await render('en', 'pdf')).body);
  }, 120_000);

  it('has the dossier number, "vertrouwelijk" and "page X of Y" on every page', () => {
    expect(pages.nl.length).toBeGreaterThan(50);
    expect(info['Pages']).toBe(String(pages.nl.length));
    pages.nl.forEach((page, i) => {
      expect(page).toContain('Dossier MC-2026-0999 · VERTROUWELIJK');
      expect(page).toContain(`Pagina ${i + 1} van ${pages.nl.length}`);
    });
    pages.en.forEach((page, i) => {
      expect(page).toContain('Dossier MC-2026-0999 · CONFIDENTIAL (vertrouwelijk)');
      expect(page).toContain(`Page ${i + 1} of ${pages.en.length}`);
    });
  });

  it('names the dossier, not the pupil, in its properties', () => {
    expect(info['Title']).toBe('Dossier MC-2026-0999');
  });

  it('has the sections of the report form in order, in the reader’s language', () => {
    for (const language of ['nl', 'en'] as const) {
      const text = pages[language].join('\n');
      const positions = HEADINGS[language].map((heading) => text.indexOf(`\n${heading}\n`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('holds every recorded text, the sources and the opinions included', () => {
    const text = pages.nl.join('\n');
    for (const marker of [...Object.values(WITHHELD), ...Object.values(KEPT)]) expect(text).toContain(marker);
    expect(flat(text)).toContain('VAN ANDEREN: Verteld door iemand anders (INFORMANT_Kees_de_buurman)');
    expect(flat(text)).toContain('Mening van Mevrouw Jansen (#9)');
  });

  it('prints Dutch letters, the euro sign, quotes and markup as typed; other letters without their accent', () => {
    const text = flat(pages.nl.join('\n'));
    expect(text).toContain(DUTCH);
    expect(text).toContain('<script>alert(1)</script> # *nadruk* [link](x) | a b');
    // ı and Ł have no accent to drop: their look-alikes; ó is in the fonts, ź loses its accent.
    expect(text).toContain('Yilmaz Lódz');
    expect(text).not.toContain(BEYOND_LATIN1);
    expect(text).toContain('Leerling: ëé-2024-0153, groep 8 ëé');
  });

  it('ends with the whole chronology: all 200 entries', () => {
    const chronology = pages.nl.join('\n').split('\n11. Chronologie\n')[1] ?? '';
    const headers = chronology.match(/^#\d+ · /gm) ?? [];
    expect(headers).toHaveLength(200);
  });

  it('holds no internal ids', () => {
    const text = pages.nl.join('\n');
    for (const id of IDS) expect(text).not.toContain(id);
  });
});

describe('the worst-case dossier as a Word file', () => {
  it('has every text as typed, the headings as Word headings, and the number and "vertrouwelijk" in the page header', async () => {
    const { file, parts, text } = await wordOf('nl');
    expect(file.fileName).toBe('MC-2026-0999.docx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    for (const marker of [...Object.values(WITHHELD), ...Object.values(KEPT)]) expect(text).toContain(marker);
    expect(text).toContain(DUTCH);
    expect(text).toContain(BEYOND_LATIN1);
    expect(text).toContain('🙂');
    expect(text).toContain('<script>alert(1)</script> # *nadruk* [link](x) | a\tb');
    for (const heading of HEADINGS.nl) expect(text).toContain(`\n${heading}\n`);
    expect(parts.body).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(parts.headers.map(wordText).join('\n')).toContain('Dossier MC-2026-0999 · VERTROUWELIJK');
    // Page X of Y as Word's own fields, so they are right however the reader's Word lays out the pages.
    const footer = parts.footers.join('\n');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(wordText(footer)).toContain('Pagina');
    for (const id of IDS) expect(text).not.toContain(id);
  });

  it('is in English for an English reader', async () => {
    const { text, parts } = await wordOf('en');
    for (const heading of HEADINGS.en) expect(text).toContain(`\n${heading}\n`);
    expect(parts.headers.map(wordText).join('\n')).toContain('CONFIDENTIAL (vertrouwelijk)');
    expect(text).not.toContain('Toelichting');
  });
});

describe('the copy for the parents or the pupil', () => {
  const withheldMarks = {
    nl: [
      '[Weggelaten: wie dit aan de school vertelde]',
      '[Weggelaten: een mening of afweging van een medewerker]',
      '[Weggelaten: de inhoud van overleg tussen professionals, die informatie over anderen kan bevatten]',
      '[Weggelaten: dit zou de veiligheid van de leerling of van een ander kunnen schaden]',
      '[Weggelaten door de zorgcoördinator: dit gaat over andere leerlingen of zou anderen schaden]',
    ],
    en: [
      '[Left out: who told the school this]',
      "[Left out: a staff member's opinion or deliberation]",
      '[Left out by the care coordinator: this concerns other pupils or would harm others]',
    ],
  };

  it.each(['nl', 'en'] as const)(
    'as a PDF (%s) holds none of the withheld items and marks each place',
    async (language) => {
      const file = await render(language, 'pdf', copy);
      expect(file.fileName).toBe('MC-2026-0999-inzage.pdf');
      const pages = pdfPages(file.body);
      const text = flat(pages.join('\n'));
      for (const marker of Object.values(WITHHELD)) expect(text).not.toContain(marker);
      for (const marker of Object.values(KEPT)) expect(text).toContain(marker);
      for (const mark of withheldMarks[language]) expect(text).toContain(mark);
      const head = language === 'nl' ? 'VERTROUWELIJK · kopie voor inzage' : 'copy for access';
      pages.forEach((page) => expect(flat(page)).toContain(head));
    },
    60_000,
  );

  it('as a Word file holds none of the withheld items, and says for whom and by whom it was made', async () => {
    const { text } = await wordOf('nl', copy);
    for (const marker of Object.values(WITHHELD)) expect(text).not.toContain(marker);
    for (const marker of Object.values(KEPT)) expect(text).toContain(marker);
    for (const mark of withheldMarks.nl) expect(text).toContain(mark);
    expect(text).toContain('Kopie voor: de ouders of verzorgers');
    expect(text).toContain('Gemaakt door: Fatima El Amrani');
    expect(text).toContain('artikel 15 AVG');
  });

  it('as text holds none of the withheld items either', async () => {
    const file = await render('nl', 'md', copy);
    const text = unescaped(file.body.toString('utf8'));
    expect(file.fileName).toBe('MC-2026-0999-inzage.md');
    for (const marker of Object.values(WITHHELD)) expect(text).not.toContain(marker);
    for (const marker of Object.values(KEPT)) expect(text).toContain(marker);
  });

  it('keeps an entry the zorgcoördinator did not choose, and leaves out the one she chose', async () => {
    const unchosen = await render('nl', 'md', { recipient: 'leerling', chosen: [] });
    const text = unescaped(unchosen.body.toString('utf8'));
    expect(text).toContain(WITHHELD.otherPupil);
    expect(text).toContain('Kopie voor:** de leerling');
    // The rules still apply without any choice.
    for (const marker of Object.values(WITHHELD).filter((m) => m !== WITHHELD.otherPupil))
      expect(text).not.toContain(marker);
  });
});
