// Where the CPU went, from the V8 profiles `npm run bench -- --cpu-prof DIR` writes: self time per
// package (node_modules/<name>) or project folder, and the heaviest functions.
//
//   npx tsx scripts/bench/profile-summary.ts DIR [top]

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** "adaptive-expressions", "src/cards", "(node)" … for a script URL. */
function ownerOf(url: string): string {
  if (url === '') return '(V8: idle, GC, native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return '(node)';
  const src = url.indexOf('/src/');
  if (src !== -1)
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
  const scripts = url.indexOf('/scripts/');
  if (scripts !== -1) return 'scripts';
  return url;
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    total += ms;
    const owner = ownerOf(node.callFrame.url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${owner}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>): string[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, ms]) =>
          `  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`,
      );
  return [
    `${path.basename(file)}: ${total.toFixed(0)} ms of CPU in JavaScript and GC (idle left out)`,
    'by package or folder:',
    ...lines(byOwner),
    'heaviest functions (self time):',
    ...lines(byFunction),
  ].join('\n');
}

const [directory, topText] = process.argv.slice(2);
if (!directory) throw new Error('Usage: npx tsx scripts/bench/profile-summary.ts DIR [top]');
const top = Number(topText ?? 15);
// DIR holds the profiles, or (as run.ts writes them) one folder of profiles per bot.
const folders = [
  directory,
  ...readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(directory, entry.name)),
];
for (const folder of folders)
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.cpuprofile')))
    process.stdout.write(`${path.basename(folder)}/${summarise(path.join(folder, file), top)}\n\n`);
