// One model of a document, rendered three ways: Markdown (plain text), PDF and Word. The sections of
// a dossier or of the yearly figures are built once as these blocks; each renderer only decides how
// a heading, a labelled value or a quote looks in its format, so the three files always say the same.

import type { Language } from '../../i18n';
import type { Text } from './text';

export interface Field {
  label: Text;
  value: Text;
  /** The value stands out (e.g. "FROM OTHERS: …"), so a reader cannot miss it. */
  strong?: boolean | undefined;
  /** The value is the mark of something left out of a copy: shown like the other such marks. */
  withheld?: boolean | undefined;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: Text }
  | { kind: 'paragraph'; text: Text; style?: 'emphasis' | 'strong' | undefined }
  /** Labelled short values; a row whose value is empty is left out. */
  | { kind: 'fields'; rows: readonly Field[] }
  /** What someone wrote, in its own lines, under an optional label. */
  | { kind: 'quote'; label?: Text | undefined; lines: readonly Text[] }
  /** One line of the chronology: who and when, then what kind of entry. */
  | { kind: 'entry'; header: Text; line: Text }
  /** The place of something left out of a copy, with the reason: the reader sees that it exists. */
  | { kind: 'withheld'; text: Text }
  /** A table of figures; the first column names the row. */
  | { kind: 'table'; columns: readonly Text[]; rows: readonly (readonly Text[])[] };

export interface DocumentModel {
  language: Language;
  /** For the file's properties: the dossier number or the school year, never pupil data. */
  title: string;
  /** Printed at the top of every page, e.g. "MC-2026-0001 · VERTROUWELIJK". */
  runningHead: string;
  /** Page numbering with `{page}` and `{total}`, e.g. "Pagina {page} van {total}". */
  pageNumbering: string;
  blocks: readonly Block[];
}

/** Which format a document is delivered in, with its file extension and content type. */
export const DOCUMENT_FORMATS = {
  pdf: { extension: 'pdf', contentType: 'application/pdf' },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

/** A finished file, ready to be handed out through a download link. */
export interface RenderedDocument {
  fileName: string;
  contentType: string;
  body: Buffer;
}
