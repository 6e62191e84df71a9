// The yearly figures as files: the CSV a spreadsheet opens (semicolons, a byte order mark, decimals
// as the reader writes them, "< 5" kept) and the PDF a board reads, both with the card's rows.

import { figuresCsv, figuresDocument, figuresFileName } from '../../../src/app/documents/figures-document';
import { renderPdf } from '../../../src/app/documents/pdf';
import { FEWER, meldcodeFigures, type MeldcodeFigures } from '../../../src/domain/figures';
import { flat, pdfPages } from './extract';

const empty = meldcodeFigures([], {
  schoolId: 'de-linde',
  schoolYear: 2025,
  calendar: { isWorkingDay: () => true },
});
/** Made-up figures with a half-day median, to see how decimals are written. */
const figures: MeldcodeFigures = {
  ...empty,
  dossiers: 12,
  consultations: 7,
  workingDays: { ...empty.workingDays, consultatie: { dossiers: 6, median: 2.5, from: 1, to: 4.5 } },
};
const input = {
  figures,
  schoolName: 'OBS "De Linde"; Zuid',
  madeBy: 'Fatima El Amrani',
  now: new Date('2026-07-01T10:00:00Z'),
};

function csvRows(language: 'nl' | 'en'): string[] {
  const text = figuresCsv({ ...input, voice: language }).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n');
}

describe('the figures as CSV', () => {
  it('has a header, one row per figure, and keeps "< 5" as it is', () => {
    const rows = csvRows('nl');
    expect(rows[0]).toBe('onderdeel;omschrijving;aantal;mediaan werkdagen;25e percentiel;75e percentiel');
    expect(rows).toContain('Dossiers;Geopend in dit schooljaar;12;;;');
    expect(rows).toContain(`Dossiers;Met advies van Veilig Thuis;${FEWER};;;`);
    expect(rows).toContain(`Werkdagen van het eerste signaal tot elke stap;4. Wegen;${FEWER};;;`);
  });

  it('writes decimals with a comma in Dutch and a point in English', () => {
    expect(csvRows('nl')).toContain(
      'Werkdagen van het eerste signaal tot elke stap;2. Collegiale consultatie;6;2,5;1;4,5',
    );
    expect(csvRows('en')).toContain(
      'Working days from the first signal to each step;2. Consultation;6;2.5;1;4.5',
    );
  });

  it('is named after the school and the school year, not after anyone', () => {
    expect(figuresFileName(figures, 'csv')).toBe('meldcodecijfers-de-linde-2025-2026.csv');
  });
});

describe('the figures as PDF', () => {
  it('has the title, the privacy rule and every section, on pages that say what they are', async () => {
    const pages = pdfPages(await renderPdf(figuresDocument({ ...input, voice: 'nl' })));
    const text = flat(pages.join('\n'));
    expect(text).toContain('Meldcodecijfers OBS "De Linde"; Zuid, schooljaar 2025-2026');
    expect(text).toContain('Aantallen onder de 5 staan er als “< 5”');
    for (const title of [
      'Dossiers',
      'Dossiers met signalen per categorie',
      'Uitkomst',
      'Meldingen bij Veilig Thuis',
    ])
      expect(text).toContain(title);
    expect(text).toContain('mediaan 2,5, middelste helft 1–4,5 (6 dossiers)');
    pages.forEach((page, i) => {
      expect(flat(page)).toContain('geen leerlinggegevens');
      expect(page).toContain(`Pagina ${i + 1} van ${pages.length}`);
    });
  });
});
