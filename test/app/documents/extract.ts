// Reading back what a document says, the way a reader's software does: the PDF through Debian's
// poppler-utils (pdftotext, pdfinfo), the Word file by unzipping its XML with jszip.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

/** The text of every page of a PDF, in reading order, one string per page. */
export function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'meldcode-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8');
    // pdftotext ends every page with a form feed.
    return text.split('\f').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The document's properties as pdfinfo reports them (Title, Pages, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meldcode-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file]).toString('utf8');
    return Object.fromEntries(
      out
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .flatMap((m) => (m ? [[m[1] ?? '', m[2] ?? '']] : [])),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
};

/** The text of one WordprocessingML part: a line per paragraph, the runs of a paragraph joined. */
export function wordText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((m) => (m[0] === '<w:tab/>' ? '\t' : (m[1] ?? '')))
        .join(''),
    )
    .join('\n')
    .replace(/&(lt|gt|amp|quot|apos);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The parts of a .docx: the body, the headers and the footers, as XML. */
export async function wordParts(
  docx: Buffer,
): Promise<{ body: string; headers: string[]; footers: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const read = (name: string): Promise<string> => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is missing from the Word file`);
    return file.async('string');
  };
  const named = (pattern: RegExp): string[] => Object.keys(zip.files).filter((name) => pattern.test(name));
  return {
    body: await read('word/document.xml'),
    headers: await Promise.all(named(/^word\/header\d*\.xml$/).map(read)),
    footers: await Promise.all(named(/^word\/footer\d*\.xml$/).map(read)),
  };
}

/** Runs of white space (line breaks of the layout included) as one space, for phrases that wrap. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
