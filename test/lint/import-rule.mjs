// Runs ESLint's Node API with the project's configuration, only `no-restricted-imports`, for
// test/lint/layers.test.ts. A separate process because ESLint loads eslint.config.mjs with a dynamic
// import, which jest's module sandbox refuses without --experimental-vm-modules.
//
// stdin: {"cases": [{"file": "src/…", "code": "…"}], "tree": ["src"]}
// stdout: {"cases": [[message, …], …], "tree": [{"file", "line", "message"}], "treeFiles": n}
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'no-restricted-imports';

// Type information is off: this rule reads import strings only, and building the TypeScript program
// for every file would take half a minute for nothing.
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === RULE,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

// A fatal message (a parse error) means the rule never ran; it is reported so the test fails.
const relevant = (messages) => messages.filter((m) => m.ruleId === RULE || m.fatal);

let input = '';
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

const cases = [];
for (const { file, code } of request.cases ?? []) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  cases.push(
    relevant(result?.messages ?? [{ fatal: true, message: `no result for ${file}` }]).map((m) => m.message),
  );
}

const tree = [];
let treeFiles = 0;
if (request.tree?.length) {
  const results = await eslint.lintFiles(request.tree);
  treeFiles = results.length;
  for (const result of results)
    for (const m of relevant(result.messages))
      tree.push({ file: path.relative(root, result.filePath), line: m.line, message: m.message });
}

process.stdout.write(JSON.stringify({ cases, tree, treeFiles }));
