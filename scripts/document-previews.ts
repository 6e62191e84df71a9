// Page images of the documents for the README: the dossier as PDF, the copy for the parents and the
// yearly figures, rendered from fixture dossiers and turned into PNGs by Debian's pdftoppm.
//
//   npx tsx scripts/document-previews.ts            → artifacts/documents/*.pdf and *.png
//   npx tsx scripts/document-previews.ts --docs     → also docs/screenshots/doc-*.png

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dossierFile } from '../src/app/export';
import { figuresDocument } from '../src/app/documents/figures-document';
import { renderPdf } from '../src/app/documents/pdf';
import { meldcodeFigures } from '../src/domain/figures';
import { WorkingCalendar } from '../src/domain/working-time';
import { DEFAULT_REMINDER_SETTINGS } from '../src/domain/reminders/settings';
import type { Dossier } from '../src/domain';
import { DOSSIERS, SCHOOL } from '../test/cards/dossiers';

const OUT = path.resolve('artifacts/documents');
const DOCS = path.resolve('docs/screenshots');
const now = new Date('2026-03-12T14:30:00Z');

/** Pages `first` to `last` of a PDF as small PNGs named `<name>-<page>.png`. */
function pages(pdf: Buffer, name: string, first: number, last: number): string[] {
  const file = path.join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    String(first),
    '-l',
    String(last),
    file,
    path.join(OUT, name),
  ]);
  // pdftoppm numbers the pages with as many digits as the last page has.
  return Array.from({ length: last - first + 1 }, (_, i) => path.join(OUT, `${name}-${first + i}.png`));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const input = (dossier: Dossier) => ({
    dossier,
    school: SCHOOL,
    language: 'nl' as const,
    exportedBy: 'Fatima El Amrani',
    now,
  });
  const made: string[] = [];

  const full = await dossierFile(input(DOSSIERS.reported), 'pdf');
  made.push(...pages(full.body, 'doc-dossier', 1, 2));

  // The midway dossier has a signal told by someone else (named), a contact and an opinion.
  const copy = await dossierFile(
    { ...input(DOSSIERS.midway), accessCopy: { recipient: 'ouders', chosen: [] } },
    'pdf',
  );
  made.push(...pages(copy.body, 'doc-copy-for-parents', 1, 2));

  // Enough dossiers for real numbers: the fixtures, each five times under another id.
  const many = Object.values(DOSSIERS).flatMap((d) =>
    Array.from({ length: 5 }, (_, i) => ({ ...d, id: `${d.id}-${i}` })),
  );
  const figures = meldcodeFigures(many, {
    schoolId: SCHOOL.id,
    schoolYear: 2025,
    calendar: new WorkingCalendar(DEFAULT_REMINDER_SETTINGS),
  });
  const figuresPdf = await renderPdf(
    figuresDocument({ figures, schoolName: SCHOOL.name, voice: 'nl', madeBy: 'Fatima El Amrani', now }),
  );
  made.push(...pages(figuresPdf, 'doc-figures', 1, 1));

  if (process.argv.includes('--docs')) {
    mkdirSync(DOCS, { recursive: true });
    for (const file of made) copyFileSync(file, path.join(DOCS, path.basename(file)));
  }
  console.log(made.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
