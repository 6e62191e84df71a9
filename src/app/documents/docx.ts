// The document as a Word file (.docx), for schools that file documents in their pupil administration
// or edit them into a report. Word's own heading styles (so the navigation pane and a table of contents
// work), and a header with the dossier number and "vertrouwelijk" and a footer with "page X of Y" on
// every page. Word picks the fonts on the reader's machine, so every character prints as typed.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel } from './document';
import { readable, type Text } from './text';

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;
const SUBTLE = '555555';
const WITHHELD = '8A1C1C';
const RULE = 'B0B0B0';

const run = (text: Text, options: { bold?: boolean; italics?: boolean; color?: string } = {}): TextRun =>
  new TextRun({ text: readable(text), ...options });

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], keepNext: true, children: [run(b.text)] })];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: [run(b.text, { bold: b.style === 'strong', italics: b.style === 'emphasis' })],
        }),
      ];
    case 'fields':
      return b.rows
        .filter((row) => readable(row.value) !== '')
        .map(
          (row) =>
            new Paragraph({
              spacing: { after: 40 },
              children: [
                run([...row.label, { text: ': ', typed: false }], { bold: true }),
                run(
                  row.value,
                  row.withheld ? { italics: true, color: WITHHELD } : { bold: row.strong === true },
                ),
              ],
            }),
        );
    case 'quote': {
      if (b.lines.length === 0) return [];
      const label = b.label
        ? [
            new Paragraph({
              keepNext: true,
              spacing: { before: 80 },
              children: [run([...b.label, { text: ':', typed: false }], { bold: true })],
            }),
          ]
        : [];
      return [
        ...label,
        ...b.lines.map(
          (line) =>
            new Paragraph({
              indent: { left: 240 },
              border: { left: { style: BorderStyle.SINGLE, size: 12, color: RULE, space: 8 } },
              children: [run(line)],
            }),
        ),
      ];
    }
    case 'entry':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120 },
          children: [run(b.header, { bold: true })],
        }),
        new Paragraph({ keepNext: true, children: [run(b.line, { color: SUBTLE })] }),
      ];
    case 'withheld':
      return [
        new Paragraph({
          indent: { left: 240 },
          spacing: { after: 120 },
          children: [run(b.text, { italics: true, color: WITHHELD })],
        }),
      ];
    case 'table': {
      const row = (cells: readonly Text[], bold: boolean): TableRow =>
        new TableRow({
          tableHeader: bold,
          children: cells.map(
            (cell, i) =>
              new TableCell({
                children: [
                  new Paragraph({
                    alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
                    children: [run(cell, { bold })],
                  }),
                ],
              }),
          ),
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [row(b.columns, true), ...b.rows.map((cells) => row(cells, false))],
        }),
        new Paragraph({ children: [] }),
      ];
    }
  }
}

/** "Pagina {page} van {total}" with Word's own page fields in the places of the two numbers. */
function pageNumbering(template: string): string[] {
  return template
    .split(/(\{page\}|\{total\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}' ? PageNumber.CURRENT : part === '{total}' ? PageNumber.TOTAL_PAGES : part,
    );
}

export function renderDocx(model: DocumentModel): Promise<Buffer> {
  const document = new Document({
    creator: 'meldcode-bot',
    title: model.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun({ text: model.runningHead, bold: true, size: 16, color: SUBTLE })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: pageNumbering(model.pageNumbering), size: 16, color: SUBTLE }),
                ],
              }),
            ],
          }),
        },
        children: model.blocks.flatMap(block),
      },
    ],
  });
  return Packer.toBuffer(document);
}
