// The dossier as a file: PDF or Word for the pupil file and for a report to Veilig Thuis, or Markdown
// as a plain-text option readable in any editor. The sections are built once (documents/
// dossier-document.ts) and rendered per format, so the three files always say the same.

import { dossierDocument, dossierFileName, type DossierDocumentInput } from './documents/dossier-document';
import { DOCUMENT_FORMATS, type RenderedDocument } from './documents/document';
import { renderMarkdown } from './documents/markdown';
import { renderDocx, renderPdf } from './documents/renderers';

export type ExportInput = DossierDocumentInput;

/** The formats a dossier is delivered in. */
export const DOSSIER_FORMATS = ['pdf', 'docx', 'md'] as const;
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

/** The Markdown file name of the export: the dossier number, which holds no pupil data. */
export function exportFileName(dossier: ExportInput['dossier']): string {
  return dossierFileName(dossier, 'md');
}

/** The dossier as Markdown (the plain-text option). */
export function dossierMarkdown(input: ExportInput): string {
  return renderMarkdown(dossierDocument(input));
}

/** The dossier (or the copy for the parents or the pupil) as a file in the chosen format. */
export async function dossierFile(input: ExportInput, format: DossierFormat): Promise<RenderedDocument> {
  const document = dossierDocument(input);
  const { extension, contentType } = DOCUMENT_FORMATS[format];
  const body =
    format === 'pdf'
      ? await renderPdf(document)
      : format === 'docx'
        ? await renderDocx(document)
        : Buffer.from(renderMarkdown(document), 'utf8');
  return {
    fileName: dossierFileName(input.dossier, extension, input.accessCopy !== undefined),
    contentType,
    body,
  };
}
