// npm run package [-- --bot-id <guid>] [--out <file.zip>] [--manifest-dir <dir>]
//
// Builds artifacts/meldcode-app.zip, the Teams app package, from manifest/ and the environment
// (.env is read when present; variables already set win). Exits non-zero and lists the problems
// when the package is not valid; see manifest/README.md.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { MissingVariableError, REPO_ROOT, packageApp } from './build-app-package';

interface Arguments {
  botId?: string;
  outFile?: string;
  manifestDir?: string;
  help?: boolean;
}

const USAGE = `usage: npm run package -- [--bot-id <guid>] [--out <file.zip>] [--manifest-dir <dir>]

  --bot-id        the bot's Microsoft App ID; overrides MicrosoftAppId (for local and test packages)
  --out           where to write the zip (default artifacts/meldcode-app.zip)
  --manifest-dir  folder with manifest.template.json, en-us.json and the icons (default manifest/)`;

function parseArguments(argv: readonly string[]): Arguments {
  const options: Record<string, keyof Arguments> = {
    '--bot-id': 'botId',
    '--out': 'outFile',
    '--manifest-dir': 'manifestDir',
  };
  const parsed: Arguments = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--help' || argument === '-h') {
      parsed.help = true;
      continue;
    }
    const [flag = '', inline] = argument.split(/=(.*)/s, 2);
    const key = options[flag];
    if (!key || key === 'help') throw new Error(`unknown argument ${argument}\n\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value\n\n${USAGE}`);
    parsed[key] = value;
  }
  return parsed;
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const envFile = path.join(REPO_ROOT, '.env');
  if (existsSync(envFile)) loadDotenv({ path: envFile, quiet: true });

  try {
    const result = await packageApp({
      env: process.env,
      botId: args.botId,
      outFile: args.outFile && path.resolve(args.outFile),
      manifestDir: args.manifestDir && path.resolve(args.manifestDir),
    });
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    if (!result.written) {
      console.error(
        `The app package is not valid (${result.problems.length} problems); nothing was written:`,
      );
      for (const problem of result.problems) console.error(`  - ${problem}`);
      return 1;
    }
    const shown = path.relative(process.cwd(), result.outFile) || result.outFile;
    console.log(`${shown}: valid Teams app package (${result.zip.length} bytes)`);
    return 0;
  } catch (error) {
    if (error instanceof MissingVariableError) {
      console.error(`Cannot build the app package:\n${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
