// `npm run dev`: build, start the bot on the embedded store, start the Microsoft 365 Agents
// Playground (a local Teams) against it, and print the address to open. Ctrl+C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const botPort = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';

const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// Local defaults: the embedded store under ./data and the mock school of the playground users.
// A .env file (read by the bot itself) or the shell may override any of them.
const env = {
  ...process.env,
  PORT: botPort,
  STORE: process.env.STORE ?? 'embedded',
  DATA_DIR: process.env.DATA_DIR ?? './data',
  ...(process.env.SCHOOLS || process.env.SCHOOLS_FILE || existsSync('.env')
    ? {}
    : { SCHOOLS_FILE: 'config/schools.local.json' }),
  MicrosoftAppId: process.env.MicrosoftAppId ?? '',
};

const children = [];
const bot = spawn(process.execPath, ['dist/src/index.js'], { env, stdio: 'inherit' });
children.push(bot);
const playground = spawn(
  'npx',
  [
    'agentsplayground',
    '-e',
    `http://127.0.0.1:${botPort}/api/messages`,
    '-c',
    'msteams',
    '--dt',
    '-p',
    playgroundPort,
  ],
  // Without TEAMSAPPTESTER_BROWSER=none the playground exits silently trying to open a browser.
  { env: { ...env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'inherit', 'inherit'] },
);
children.push(playground);

console.log(`\nmeldcode-bot: http://127.0.0.1:${botPort}/api/messages (embedded store in ${env.DATA_DIR})`);
console.log(`Open the Microsoft 365 Agents Playground: http://localhost:${playgroundPort}\n`);

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    if (code && code !== 0) process.exitCode = code;
  });
}
