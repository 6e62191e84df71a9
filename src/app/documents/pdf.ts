// The document as a PDF for reading and printing: A4, headings, and on every page the running head
// (dossier number and "vertrouwelijk") and "page X of Y". Made with pdfkit and its built-in Helvetica,
// so nothing is downloaded or read from disk at run time. The built-in fonts cover Western European
// text (ë, ï, ö, é, ç, ß, €, typographic quotes); any other character is printed without its accent
// or, failing that, as "?", instead of as a wrong glyph (see `printable`).

import PDFDocument from 'pdfkit';
import type { Block, DocumentModel } from './document';
import { readable, type Text } from './text';

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#1a1a1a';
const SUBTLE = '#555555';
const WITHHELD = '#8a1c1c';
const RULE = '#b0b0b0';

const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12, 4: 10.5 } as const;
const BODY = 10;
const QUOTE_INDENT = 12;

/** The 27 characters Windows-1252 adds to Latin-1 in 0x80–0x9F; the standard fonts encode these too. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters without a decomposition that have an obvious plain look-alike. */
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  ŀ: 'l',
};

function encodable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/** Text the built-in fonts can print: accents dropped where needed, the rest shown as "?". */
export function printable(text: string): string {
  let out = '';
  for (const char of text.replace(/\t/g, '    ')) {
    if (encodable(char)) {
      out += char;
      continue;
    }
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (bare !== '' && [...bare].every(encodable)) out += bare;
    else out += LOOK_ALIKE[char] ?? '?';
  }
  return out;
}

const str = (text: Text): string => printable(readable(text));

class PdfWriter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** A new page when less than `height` is left, so a heading does not end a page alone. */
  private keep(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private gap(points: number): void {
    this.doc.y += points;
  }

  block(b: Block): void {
    const doc = this.doc;
    switch (b.kind) {
      case 'heading': {
        const size = HEADING_SIZE[b.level];
        this.gap(b.level <= 2 ? 12 : 6);
        // A heading keeps a few lines of its section with it on the page.
        this.keep(b.level <= 2 ? 110 : size * 5);
        doc
          .font(BOLD)
          .fontSize(size)
          .fillColor(INK)
          .text(str(b.text), MARGIN.left, doc.y, { width: this.width });
        this.gap(b.level <= 2 ? 6 : 3);
        if (b.level === 2) {
          doc
            .moveTo(MARGIN.left, doc.y - 3)
            .lineTo(MARGIN.left + this.width, doc.y - 3)
            .lineWidth(0.5)
            .strokeColor(RULE)
            .stroke();
        }
        break;
      }
      case 'paragraph':
        doc
          .font(b.style === 'strong' ? BOLD : b.style === 'emphasis' ? ITALIC : FONT)
          .fontSize(BODY)
          .fillColor(INK)
          .text(str(b.text), MARGIN.left, doc.y, { width: this.width, lineGap: 2 });
        this.gap(5);
        break;
      case 'fields':
        for (const row of b.rows) {
          const value = str(row.value);
          if (value === '') continue;
          doc
            .font(BOLD)
            .fontSize(BODY)
            .fillColor(INK)
            .text(`${str(row.label)}: `, MARGIN.left, doc.y, {
              width: this.width,
              continued: true,
              lineGap: 2,
            })
            .font(row.withheld ? ITALIC : row.strong ? BOLD : FONT)
            .fillColor(row.withheld ? WITHHELD : INK)
            .text(value, { lineGap: 2 });
        }
        this.gap(5);
        break;
      case 'quote':
        if (b.lines.length === 0) break;
        if (b.label) {
          this.keep(BODY * 3);
          doc
            .font(BOLD)
            .fontSize(BODY - 0.5)
            .fillColor(INK)
            .text(`${str(b.label)}:`, MARGIN.left, doc.y, {
              width: this.width,
            });
        }
        for (const line of b.lines) this.quoteLine(line);
        this.gap(5);
        break;
      case 'entry':
        this.gap(3);
        this.keep(BODY * 4);
        doc
          .font(BOLD)
          .fontSize(BODY - 0.5)
          .fillColor(INK)
          .text(str(b.header), MARGIN.left, doc.y, {
            width: this.width,
          });
        doc
          .font(FONT)
          .fontSize(BODY - 1)
          .fillColor(SUBTLE)
          .text(str(b.line), { width: this.width });
        this.gap(2);
        break;
      case 'withheld':
        doc
          .font(ITALIC)
          .fontSize(BODY)
          .fillColor(WITHHELD)
          .text(str(b.text), MARGIN.left + QUOTE_INDENT, doc.y, {
            width: this.width - QUOTE_INDENT,
            lineGap: 2,
          });
        this.gap(5);
        break;
      case 'table':
        this.table(b.columns, b.rows);
        break;
    }
  }

  /** One line of a quote, indented with a rule on its left (on the page where it ends). */
  private quoteLine(line: Text): void {
    const doc = this.doc;
    const text = str(line);
    const x = MARGIN.left + QUOTE_INDENT;
    const top = doc.y;
    const page = doc.bufferedPageRange().count;
    doc
      .font(FONT)
      .fontSize(BODY)
      .fillColor(INK)
      .text(text === '' ? ' ' : text, x, doc.y, { width: this.width - QUOTE_INDENT, lineGap: 2 });
    const from = doc.bufferedPageRange().count === page ? top : MARGIN.top;
    doc
      .moveTo(MARGIN.left + 3, from)
      .lineTo(MARGIN.left + 3, doc.y)
      .lineWidth(1.5)
      .strokeColor(RULE)
      .stroke();
  }

  private table(columns: readonly Text[], rows: readonly (readonly Text[])[]): void {
    const doc = this.doc;
    const first = this.width * 0.55;
    const rest = columns.length > 1 ? (this.width - first) / (columns.length - 1) : 0;
    const widths = columns.map((_, i) => (i === 0 ? first : rest));
    const row = (cells: readonly Text[], font: string): void => {
      doc.font(font).fontSize(BODY - 0.5);
      const height = Math.max(
        ...cells.map((cell, i) => doc.heightOfString(str(cell), { width: (widths[i] ?? rest) - 6 })),
      );
      this.keep(height + 6);
      const top = doc.y;
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const width = widths[i] ?? rest;
        doc
          .fillColor(INK)
          .text(str(cell), x + 3, top + 3, { width: width - 6, align: i === 0 ? 'left' : 'right' });
        x += width;
      });
      doc.y = top + height + 6;
      doc
        .moveTo(MARGIN.left, doc.y)
        .lineTo(MARGIN.left + this.width, doc.y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    };
    row(columns, BOLD);
    for (const cells of rows) row(cells, FONT);
    this.gap(8);
  }

  /** The running head and the page number on every page, once all pages exist. */
  furnish(model: DocumentModel): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing into the margins must not start a new page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(BOLD)
        .fontSize(8)
        .fillColor(SUBTLE)
        .text(printable(model.runningHead), MARGIN.left, 36, { width: this.width, lineBreak: false });
      const numbering = model.pageNumbering
        .replace('{page}', String(i - range.start + 1))
        .replace('{total}', String(range.count));
      doc
        .font(FONT)
        .fontSize(8)
        .fillColor(SUBTLE)
        .text(printable(numbering), MARGIN.left, doc.page.height - 40, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottomMargin;
    }
  }
}

export function renderPdf(model: DocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: model.language === 'nl' ? 'nl-NL' : 'en-GB',
    info: { Title: printable(model.title), Creator: 'meldcode-bot' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new PdfWriter(doc);
  for (const block of model.blocks) writer.block(block);
  writer.furnish(model);
  doc.end();
  return done;
}
