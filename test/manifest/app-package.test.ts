// The Teams app package: built from manifest/, checked offline, and every kind of broken package
// is caught with a problem that says what is wrong.

import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { PACKAGE_FILES, pngSize, validateAppPackage } from '../../scripts/app-package';
import {
  DEFAULT_MANIFEST_DIR,
  MissingVariableError,
  REPO_ROOT,
  buildAppPackage,
  packageApp,
} from '../../scripts/build-app-package';
import { ACCENT, renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';

// @microsoft/app-manifest requires strip-bom 5, an ES module. Node 20 loads it (require of ES
// modules), jest before Node 24.9 cannot; this stand-in does the same (drops a byte order mark).
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const TEST_BOT_ID = '00000000-0000-0000-0000-000000000001';

type Files = Map<string, Buffer>;
type Json = Record<string, unknown>;

let tmp: string;
let good: Files;

async function unzip(zip: Buffer): Promise<Files> {
  const archive = await JSZip.loadAsync(zip);
  const files: Files = new Map();
  for (const entry of Object.values(archive.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

async function zipOf(files: Files): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes);
  return zip.generateAsync({ type: 'nodebuffer' });
}

function png(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      pixel(x, y).forEach((value, channel) => (image.data[offset + channel] = value));
    }
  }
  return PNG.sync.write(image);
}

function readJson(files: Files, name: string): Json {
  return JSON.parse((files.get(name) ?? Buffer.from('{}')).toString('utf8')) as Json;
}

function editJson(files: Files, name: string, edit: (document: Json) => void): void {
  const document = readJson(files, name);
  edit(document);
  files.set(name, Buffer.from(JSON.stringify(document)));
}

function bot(manifest: Json): Json {
  return (manifest.bots as Json[])[0] as Json;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'meldcode-app-package-'));
  good = await unzip((await buildAppPackage({ env: {}, botId: TEST_BOT_ID })).zip);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('building the Teams app package', () => {
  it('writes a zip with exactly manifest.json, en-us.json and the two icons at its root, and it validates', async () => {
    const outFile = path.join(tmp, 'meldcode-app.zip');
    const result = await packageApp({ env: {}, botId: TEST_BOT_ID, outFile });

    expect(result.problems).toEqual([]);
    expect(result.written).toBe(true);
    expect(await validateAppPackage(outFile)).toEqual([]);
    const archive = await JSZip.loadAsync(await readFile(outFile));
    expect(Object.keys(archive.files).sort()).toEqual([...PACKAGE_FILES].sort());
  });

  it('fills the ids and the developer from the environment and the version from package.json', async () => {
    const env = {
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      TEAMS_APP_ID: '66666666-7777-8888-9999-aaaaaaaaaaaa',
      APP_DEVELOPER_NAME: 'Stichting Voorbeeldscholen',
      APP_WEBSITE_URL: 'https://scholen.example/meldcode',
      APP_PRIVACY_URL: 'https://scholen.example/privacy',
      APP_TERMS_URL: 'https://scholen.example/voorwaarden',
    };
    const { manifest, warnings } = await buildAppPackage({ env });
    const { version } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };

    expect(manifest).toMatchObject({
      id: env.TEAMS_APP_ID,
      version,
      developer: {
        name: env.APP_DEVELOPER_NAME,
        websiteUrl: env.APP_WEBSITE_URL,
        privacyUrl: env.APP_PRIVACY_URL,
        termsOfUseUrl: env.APP_TERMS_URL,
      },
      bots: [{ botId: env.MicrosoftAppId, scopes: ['personal', 'team'] }],
    });
    expect(warnings).toEqual([]);
  });

  it('uses the placeholder defaults when the developer variables are unset, and says so', async () => {
    const { warnings } = await buildAppPackage({ env: {}, botId: TEST_BOT_ID });
    expect(warnings.join('\n')).toMatch(/APP_WEBSITE_URL is not set/);
  });

  it.each([
    ['unset', {}],
    ['empty, as in a local .env', { MicrosoftAppId: '' }],
  ])(
    'refuses to build without a bot id when MicrosoftAppId is %s, and names the variable',
    async (_case, env) => {
      const build = buildAppPackage({ env });
      await expect(build).rejects.toBeInstanceOf(MissingVariableError);
      await expect(build).rejects.toThrow(/MicrosoftAppId is not set.*--bot-id/);
    },
  );

  it('--bot-id wins over MicrosoftAppId', async () => {
    const { manifest } = await buildAppPackage({
      env: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555' },
      botId: TEST_BOT_ID,
    });
    expect(manifest).toMatchObject({ bots: [{ botId: TEST_BOT_ID }] });
  });

  it('ships the icons that scripts/make-icons.ts draws', async () => {
    for (const [file, rendered] of [
      ['color.png', renderColorIcon()],
      ['outline.png', renderOutlineIcon()],
    ] as const) {
      const committed = PNG.sync.read(await readFile(path.join(DEFAULT_MANIFEST_DIR, file)));
      const drawn = PNG.sync.read(rendered);
      expect([committed.width, committed.height]).toEqual([drawn.width, drawn.height]);
      expect(committed.data.equals(drawn.data)).toBe(true);
    }
  });

  it("uses the icon's background colour as the accent colour", async () => {
    const { manifest } = await buildAppPackage({ env: {}, botId: TEST_BOT_ID });
    expect(manifest).toMatchObject({ accentColor: ACCENT });
    const color = PNG.sync.read(renderColorIcon());
    expect('#' + color.data.subarray(0, 3).toString('hex').toUpperCase()).toBe(ACCENT);
  });

  it('reads the icon size from the PNG header', () => {
    expect(pngSize(png(7, 3, () => [0, 0, 0, 0]))).toEqual({ width: 7, height: 3 });
    expect(pngSize(Buffer.from('not a png at all, but long enough'))).toBeUndefined();
  });
});

interface BrokenCase {
  broken: string;
  change: (files: Files) => void;
  problem: RegExp;
}

const brokenPackages: BrokenCase[] = [
  {
    broken: 'a short name one character over the limit of 30',
    change: (files) => editJson(files, 'manifest.json', (m) => ((m.name as Json).short = 'M'.repeat(31))),
    problem: /^manifest\.json: name\.short is 31 characters; Teams allows at most 30$/,
  },
  {
    broken: 'a full name over 100 characters',
    change: (files) => editJson(files, 'manifest.json', (m) => ((m.name as Json).full = 'n'.repeat(101))),
    problem: /^manifest\.json: name\.full is 101 characters/,
  },
  {
    broken: 'a short description over 80 characters',
    change: (files) =>
      editJson(files, 'manifest.json', (m) => ((m.description as Json).short = 'd'.repeat(81))),
    problem: /^manifest\.json: description\.short is 81 characters; Teams allows at most 80$/,
  },
  {
    broken: 'a full description over 4000 characters',
    change: (files) =>
      editJson(files, 'manifest.json', (m) => ((m.description as Json).full = 'd'.repeat(4001))),
    problem: /^manifest\.json: description\.full is 4001 characters/,
  },
  {
    broken: 'a bot without botId',
    change: (files) => editJson(files, 'manifest.json', (m) => delete bot(m).botId),
    problem: /^manifest\.json: bots\[0\]\.botId is missing/,
  },
  {
    broken: 'a botId that is not a GUID',
    change: (files) => editJson(files, 'manifest.json', (m) => (bot(m).botId = 'meldcode-bot')),
    problem: /^manifest\.json: bots\[0\]\.botId "meldcode-bot" is not a GUID/,
  },
  {
    broken: 'an app id that is not a GUID',
    change: (files) => editJson(files, 'manifest.json', (m) => (m.id = '1234')),
    problem: /^manifest\.json: id "1234" is not a GUID/,
  },
  {
    broken: 'an accent colour that is not #rrggbb (only the schema knows this rule)',
    change: (files) => editJson(files, 'manifest.json', (m) => (m.accentColor = 'teal')),
    problem: /^manifest\.json \(schema\): \/accentColor must match pattern/,
  },
  {
    broken: 'a $schema that is not bundled, so it cannot be checked offline',
    change: (files) =>
      editJson(
        files,
        'manifest.json',
        (m) => (m.$schema = 'https://example.org/schemas/MicrosoftTeams.schema.json'),
      ),
    problem: /^manifest\.json: \$schema .* is not bundled with @microsoft\/app-manifest/,
  },
  {
    broken: 'a manifest that is not JSON',
    change: (files) => files.set('manifest.json', Buffer.from('{ "manifestVersion": ')),
    problem: /^manifest\.json is not valid JSON/,
  },
  {
    broken: 'a colour icon of the wrong size',
    change: (files) =>
      files.set(
        'color.png',
        png(100, 100, () => [31, 110, 122, 255]),
      ),
    problem: /^color\.png is 100×100 pixels; Teams needs 192×192$/,
  },
  {
    broken: 'an outline icon of the wrong size',
    change: (files) =>
      files.set(
        'outline.png',
        png(48, 48, (x) => [255, 255, 255, x < 24 ? 255 : 0]),
      ),
    problem: /^outline\.png is 48×48 pixels; Teams needs 32×32$/,
  },
  {
    broken: 'an outline icon with coloured pixels',
    change: (files) =>
      files.set(
        'outline.png',
        png(32, 32, (x, y) => (x === 5 && y === 9 ? [31, 110, 122, 255] : [255, 255, 255, x < 16 ? 200 : 0])),
      ),
    problem: /^outline\.png has 1 pixels that are neither transparent nor white \(first at x=5, y=9/,
  },
  {
    broken: 'an outline icon without transparency',
    change: (files) =>
      files.set(
        'outline.png',
        png(32, 32, () => [255, 255, 255, 255]),
      ),
    problem: /^outline\.png has no transparent pixels/,
  },
  {
    broken: 'an icon that is not a PNG',
    change: (files) => files.set('color.png', Buffer.from('GIF89a, not a png but long enough for a header')),
    problem: /^color\.png is not a PNG file/,
  },
  {
    broken: 'a folder inside the zip',
    change: (files) => files.set('icons/color.png', files.get('color.png') ?? Buffer.alloc(0)),
    problem: /^zip: folder icons\/ found; every file must be at the root of the zip/,
  },
  {
    broken: 'the files zipped inside a folder instead of at the root',
    change: (files) => {
      for (const name of [...files.keys()]) {
        files.set(`meldcode/${name}`, files.get(name) ?? Buffer.alloc(0));
        files.delete(name);
      }
    },
    problem: /^zip: manifest\.json is missing at the root of the zip$/,
  },
  {
    broken: 'an extra file at the root',
    change: (files) => files.set('README.md', Buffer.from('# notes')),
    problem: /^zip: unexpected file README\.md/,
  },
  {
    broken: 'a missing localization file',
    change: (files) => files.delete('en-us.json'),
    problem:
      /^manifest\.json: localizationInfo\.additionalLanguages\[0\]\.file points to en-us\.json, which is not in the package$/,
  },
  {
    broken: 'an English short name over the limit',
    change: (files) =>
      editJson(files, 'en-us.json', (l) => (l['name.short'] = 'Reporting code assistant for schools')),
    problem: /^en-us\.json: name\.short is 36 characters; Teams allows at most 30$/,
  },
  {
    broken: 'an English translation of a field Teams does not localize (only the schema knows this rule)',
    change: (files) => editJson(files, 'en-us.json', (l) => (l['developer.name'] = 'Schools')),
    problem: /^en-us\.json \(schema\): {2}must NOT have additional properties/,
  },
  {
    broken: 'an English translation of a command the manifest does not have',
    change: (files) =>
      editJson(files, 'en-us.json', (l) => (l['bots[0].commandLists[0].commands[7].title'] = 'report')),
    problem:
      /^en-us\.json: bots\[0\]\.commandLists\[0\]\.commands\[7\]\.title translates a command that manifest\.json does not have$/,
  },
  {
    broken: 'a command without an English translation',
    change: (files) =>
      editJson(files, 'en-us.json', (l) => delete l['bots[0].commandLists[0].commands[2].title']),
    problem: /^en-us\.json: bots\[0\]\.commandLists\[0\]\.commands\[2\]\.title is not translated$/,
  },
];

describe('a broken app package is refused with a problem that names it', () => {
  it('the unchanged package has no problems (so each problem below comes from its change)', async () => {
    expect(await validateAppPackage(await zipOf(good))).toEqual([]);
  });

  it.each(brokenPackages)('$broken', async ({ change, problem }) => {
    const files: Files = new Map(good);
    change(files);
    const problems = await validateAppPackage(await zipOf(files));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('a file that is not a zip', async () => {
    expect(await validateAppPackage(Buffer.from('PK? no, just text'))).toEqual([
      expect.stringMatching(/^the package is not a zip file/),
    ]);
  });
});

describe('npm run package', () => {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const run = (args: string[]) =>
    spawnSync(tsx, [path.join(REPO_ROOT, 'scripts', 'package.ts'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MicrosoftAppId: '' },
    });

  it('writes a valid package with --bot-id and exits 0', () => {
    const outFile = path.join(tmp, 'cli.zip');
    const result = run(['--bot-id', TEST_BOT_ID, '--out', outFile]);
    expect(result.stderr).not.toMatch(/not valid/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid Teams app package/);
    expect(existsSync(outFile)).toBe(true);
  });

  it('exits non-zero, names MicrosoftAppId and leaves no zip when there is no bot id', async () => {
    const outFile = path.join(tmp, 'no-bot.zip');
    await writeFile(outFile, 'an older package');
    const result = run(['--out', outFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId is not set/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('exits non-zero, lists the problems and writes nothing when the package is invalid', async () => {
    const manifestDir = path.join(tmp, 'broken-manifest');
    await cp(DEFAULT_MANIFEST_DIR, manifestDir, { recursive: true });
    await writeFile(
      path.join(manifestDir, 'outline.png'),
      png(32, 32, () => [200, 0, 0, 255]),
    );
    const outFile = path.join(tmp, 'broken.zip');
    await writeFile(outFile, 'an older package');

    const result = run(['--bot-id', TEST_BOT_ID, '--out', outFile, '--manifest-dir', manifestDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not valid/);
    expect(result.stderr).toMatch(/- outline\.png has 1024 pixels that are neither transparent nor white/);
    expect(existsSync(outFile)).toBe(false);
  });
});
