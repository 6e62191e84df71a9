// Runs a command on a supported Node.js (22 or newer; package.json `engines`). On a machine whose
// Node is older, it runs the command on Node 24 LTS taken from the npm registry, which publishes
// Node itself as the `node` package: no version manager and no download site. It is fetched once
// into a cache folder and reused. `npm test` and `npm run dev` go through here, so both work on such
// a machine after a plain `npm ci`.
//
//   node scripts/on-supported-node.mjs <command> [args…]
//
// MELDCODE_NODE_HOME chooses the cache folder; MELDCODE_NODE_MAJOR the Node major to fetch (24).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const MINIMUM_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/on-supported-node.mjs <command> [args…]');
  process.exit(2);
}

let env = process.env;
if (major < MINIMUM_MAJOR) {
  const wanted = process.env.MELDCODE_NODE_MAJOR ?? '24';
  const home =
    process.env.MELDCODE_NODE_HOME ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'meldcode-bot', `node-${wanted}`);
  const bin = join(home, 'node_modules', '.bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(
      `Node ${process.version} is older than ${MINIMUM_MAJOR}: fetching node@${wanted} from the npm registry into ${home}`,
    );
    const installed = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        home,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        `node@${wanted}`,
      ],
      { stdio: 'inherit' },
    );
    if (installed.status !== 0) process.exit(installed.status ?? 1);
  }
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
}

const run = spawnSync(command, args, { stdio: 'inherit', env });
if (run.error) {
  console.error(run.error.message);
  process.exit(1);
}
process.exit(run.status ?? 1);
