// pdfkit and docx are loaded on the first file of their kind, not with the bot: every instance would
// otherwise keep them in memory for the few exports a week (documents/renderers.ts). Checked in a
// process of its own, whose module cache is Node's (jest keeps a registry of its own).

import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Runs `body` in a fresh Node under tsx in the repository and returns what it printed. */
function inFreshNode(body: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', body], { cwd: ROOT, encoding: 'utf8' });
}

describe('the document renderers', () => {
  it('are not loaded with the bot, and are loaded by the first export of their kind', () => {
    const printed = inFreshNode(`
      const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'));
      require('./src/compose');
      const before = { pdfkit: loaded('pdfkit'), docx: loaded('docx') };
      const { renderPdf } = require('./src/app/documents/renderers');
      renderPdf({ language: 'nl', title: 'T', runningHead: 'H', pageNumbering: '{page}/{total}', blocks: [] }).then((pdf) => {
        console.log(JSON.stringify({ before, afterPdf: { pdfkit: loaded('pdfkit'), docx: loaded('docx') }, pdf: pdf.subarray(0, 5).toString() }));
      });
    `);
    expect(JSON.parse(printed)).toEqual({
      before: { pdfkit: false, docx: false },
      afterPdf: { pdfkit: true, docx: false },
      pdf: '%PDF-',
    });
  });
});
