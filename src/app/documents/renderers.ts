// The PDF and Word renderers, loaded on the first file of their kind. pdfkit and docx (and their font
// metrics and XML builders) take about 9 MB of heap and 15 MB of resident memory once loaded; a bot
// instance serves many turns for each export, and every byte it keeps at all times is multiplied by
// the garbage collector's headroom at its peak. The first export waits a few tens of milliseconds.

import type { DocumentModel } from './document';

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  return (await import('./pdf')).renderPdf(model);
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  return (await import('./docx')).renderDocx(model);
}
