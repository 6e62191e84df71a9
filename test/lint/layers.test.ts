// The layers (the dependency rule in the README) are kept by `npm run lint` (eslint.config.mjs), not by memory.
// These tests lint small files placed in each layer with the project's own configuration: an import
// across a forbidden line is an error, an allowed one is not, and today's tree breaks no line.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Linted {
  /** Per case, the messages of the import rule (and any parse failure). */
  cases: string[][];
  /** Every crossing found in the tree. */
  tree: { file: string; line: number; message: string }[];
  treeFiles: number;
}

/**
 * Lint with ESLint's Node API (`new ESLint({cwd})`, `lintText(code, {filePath})`) and the project's
 * eslint.config.mjs, in a child process (see import-rule.mjs for why).
 */
function lint(cases: { file: string; code: string }[], tree: string[]): Linted {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'import-rule.mjs')], {
    cwd: root,
    input: JSON.stringify({ cases, tree }),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Linted;
}

/** A file in `file`'s place that imports `from` and uses it. */
const importing = (file: string, from: string) => ({
  file,
  code: `import type { Anything } from '${from}';\nexport type Again = Anything;\n`,
});

// [a file in the layer, an import it may not make, why]
const FORBIDDEN: [string, string, string][] = [
  ['src/domain/x.ts', '../store/store', 'the domain imports nothing of ours'],
  ['src/domain/x.ts', '../app/dossier-service', 'the domain imports nothing of ours'],
  ['src/domain/x.ts', '../cards/views', 'the domain imports nothing of ours'],
  ['src/domain/x.ts', '../bot/turn', 'the domain imports nothing of ours'],
  ['src/domain/x.ts', '../i18n', 'the domain imports nothing of ours'],
  ['src/domain/x.ts', '../logger', 'the domain does not log'],
  ['src/domain/reminders/x.ts', '../../store/store', 'also from a subfolder'],
  ['src/domain/x.ts', 'botbuilder', 'no Bot Framework in the domain'],
  ['src/domain/x.ts', 'node:fs', 'no I/O in the domain'],
  ['src/store/x.ts', '../app/dossier-service', 'a store imports only the domain'],
  ['src/store/x.ts', '../cards/render', 'a store imports only the domain'],
  ['src/store/x.ts', '../bot/adapter', 'a store imports only the domain'],
  ['src/store/x.ts', '../i18n', 'a store imports only the domain'],
  ['src/cards/views/x.ts', '../../app/notifier', 'cards import no use cases'],
  ['src/cards/views/x.ts', '../../store/store', 'cards import no store'],
  ['src/cards/x.ts', '../store/store', 'cards import no store'],
  ['src/cards/views/x.ts', '../../bot/turn', 'cards import nothing of the Teams edge'],
  ['src/cards/views/x.ts', 'botbuilder', 'cards produce JSON, not Bot Framework objects'],
  ['src/app/x.ts', '../bot/teams-messenger', 'use cases never import the Teams edge'],
  ['src/app/x.ts', '../store/sqlite-store', 'use cases know only the store interface'],
  ['src/app/x.ts', '../store/cosmos-store', 'use cases know only the store interface'],
  ['src/app/x.ts', '../store/open-store', 'use cases know only the store interface'],
  ['src/app/x.ts', 'botbuilder', 'the Bot Framework stays in src/bot'],
  ['src/app/x.ts', 'better-sqlite3', 'databases stay in src/store'],
  ['src/bot/x.ts', '../store/store', 'the Teams edge never imports a store'],
  ['src/bot/verbs/x.ts', '../../store/sqlite-store', 'the Teams edge never imports a store'],
  ['src/bot/x.ts', '../compose', 'the edge does not build the graph'],
  ['src/server.ts', './store/sqlite-store', 'only index.ts and compose.ts know concrete stores'],
  ['src/config.ts', './store/cosmos-store', 'only index.ts and compose.ts know concrete stores'],
];

// [a file in the layer, an import it may make]
const ALLOWED: [string, string][] = [
  ['src/domain/x.ts', './dossier'],
  ['src/domain/reminders/x.ts', '../dossier'],
  ['src/domain/x.ts', 'zod'],
  ['src/store/x.ts', '../domain/dossier'],
  ['src/store/x.ts', './store'],
  ['src/store/x.ts', 'better-sqlite3'],
  ['src/cards/views/x.ts', '../../domain'],
  ['src/cards/views/x.ts', '../../i18n'],
  ['src/cards/views/x.ts', './common'],
  ['src/app/x.ts', '../domain'],
  ['src/app/x.ts', '../cards/views'],
  ['src/app/x.ts', '../i18n'],
  ['src/app/x.ts', '../store/store'],
  ['src/app/x.ts', '../logger'],
  ['src/bot/x.ts', '../app/dossier-service'],
  ['src/bot/verbs/x.ts', '../../cards/render'],
  ['src/bot/x.ts', '../i18n'],
  ['src/bot/x.ts', '../domain/personal-chat'],
  ['src/bot/x.ts', 'botbuilder'],
  ['src/compose.ts', './store/open-store'],
  ['src/index.ts', './compose'],
  ['src/store/open-store.ts', './sqlite-store'],
];

describe('the layers in the linter', () => {
  // One ESLint run for every case and the tree: loading the configuration is the slow part.
  let linted: Linted;
  const cases = [
    ...FORBIDDEN.map(([file, from]) => importing(file, from)),
    ...ALLOWED.map(([file, from]) => importing(file, from)),
    importing('src/cards/views/x.ts', '../../store/store'),
  ];
  const errorsOf = (file: string, from: string): string[] => {
    const index = cases.findIndex((c) => c.file === file && c.code === importing(file, from).code);
    return linted.cases[index] ?? [`case ${file} → ${from} was not linted`];
  };

  beforeAll(() => {
    linted = lint(cases, ['src']);
  }, 60_000);

  it.each(FORBIDDEN)('refuses in %s an import of %s (%s)', (file, from) => {
    const errors = errorsOf(file, from);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/layer rule|Only src\/|Bot Framework|database/);
  });

  it.each(ALLOWED)('lets %s import %s', (file, from) => {
    expect(errorsOf(file, from)).toEqual([]);
  });

  it('names the import and the way out in its message', () => {
    const [message] = errorsOf('src/cards/views/x.ts', '../../store/store');
    expect(message).toContain("'../../store/store'");
    expect(message).toContain('src/domain');
  });

  it('finds no import across a layer in the source tree today', () => {
    expect(linted.treeFiles).toBeGreaterThan(50);
    expect(linted.tree.map((c) => `${c.file}:${c.line} ${c.message}`)).toEqual([]);
  });
});
