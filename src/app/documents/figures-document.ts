// The yearly meldcode figures as a PDF for the board and as a CSV for a spreadsheet. Both show the
// same rows as the card (cards/views/figures.ts): counts only, "< 5" where a count is small.

import { languageIn, t, type Voice } from '../../i18n';
import { schoolYearName, type MeldcodeFigures } from '../../domain/figures';
import { decimal, figuresSections, formatDateTime } from '../../cards/views';
import type { Block, DocumentModel } from './document';
import { plain } from './text';

export interface FiguresDocumentInput {
  figures: MeldcodeFigures;
  schoolName: string;
  voice: Voice;
  madeBy: string;
  now: Date;
}

export function figuresFileName(figures: MeldcodeFigures, extension: string): string {
  const school = figures.schoolId.replace(/[^A-Za-z0-9-]/g, '');
  return `meldcodecijfers-${school === '' ? 'school' : school}-${schoolYearName(figures.schoolYear)}.${extension}`;
}

export function figuresDocument(input: FiguresDocumentInput): DocumentModel {
  const { figures, voice } = input;
  const year = schoolYearName(figures.schoolYear);
  const params = { school: input.schoolName, year };
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: plain(t(voice, 'figures.doc.title', params)) },
    { kind: 'paragraph', style: 'emphasis', text: plain(t(voice, 'figures.doc.subtitle')) },
    { kind: 'paragraph', text: plain(t(voice, 'figures.card.year', { year })) },
    {
      kind: 'paragraph',
      text: plain(
        t(voice, 'figures.doc.madeOn', {
          at: formatDateTime(voice, input.now.toISOString()),
          name: input.madeBy,
          privacy: t(voice, 'figures.card.privacy'),
        }),
      ),
    },
  ];
  for (const section of figuresSections(voice, figures)) {
    blocks.push({ kind: 'heading', level: 2, text: plain(section.title) });
    blocks.push({
      kind: 'table',
      columns: [
        plain(t(voice, 'figures.doc.column.item')),
        plain(
          t(
            voice,
            section.values === 'counts' ? 'figures.doc.column.count' : 'figures.doc.column.workingDays',
          ),
        ),
      ],
      rows: section.rows.map((row) => [plain(row.label), plain(row.value)]),
    });
  }
  return {
    language: languageIn(voice),
    title: t(voice, 'figures.doc.title', params),
    runningHead: t(voice, 'figures.doc.runningHead', params),
    pageNumbering: t(voice, 'export.doc.page'),
    blocks,
  };
}

/** A field as a spreadsheet reads it: quoted when it holds the separator, a quote or a line break. */
function cell(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The figures as CSV: one row per figure with the section it belongs to. Semicolons, as Dutch Excel
 * expects, and a byte order mark so that Excel reads the accents as UTF-8.
 */
export function figuresCsv(input: FiguresDocumentInput): Buffer {
  const { voice } = input;
  const say = (key: Parameters<typeof t>[1]): string => t(voice, key);
  const header = [
    say('figures.csv.section'),
    say('figures.csv.item'),
    say('figures.csv.count'),
    say('figures.csv.median'),
    say('figures.csv.from'),
    say('figures.csv.to'),
  ];
  const rows = figuresSections(voice, input.figures).flatMap((section) =>
    section.rows.map((row) => {
      const days = row.workingDays;
      if (!days) return [section.title, row.label, row.count ?? '', '', '', ''];
      return 'median' in days
        ? [
            section.title,
            row.label,
            days.dossiers,
            ...[days.median, days.from, days.to].map((n) => decimal(voice, n)),
          ]
        : [section.title, row.label, days.dossiers, '', '', ''];
    }),
  );
  const lines = [header, ...rows].map((cells) => cells.map(cell).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
