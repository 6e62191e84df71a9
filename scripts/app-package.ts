// Offline checks of the Teams app package (the zip a Teams admin uploads). Every check adds a
// problem that names the file and the field, so a broken package says what to fix. An empty list
// means the package is valid as far as can be checked without Microsoft's servers.
//
// Schema validation uses @microsoft/app-manifest with the JSON schemas bundled in that package.
// The library downloads a schema it does not bundle; to keep this step offline, the schema file
// is looked up here first and handed to the library, and an unbundled `$schema` is a problem.

import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

/** The files of the package, all at the root of the zip; nothing else belongs there. */
export const PACKAGE_FILES = ['manifest.json', 'en-us.json', 'color.png', 'outline.png'] as const;

/** Teams' pixel sizes for the two icons. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Text limits of the manifest (and of a localization file, which translates the same fields). */
export const TEXT_LIMITS: Readonly<Record<string, number>> = {
  'name.short': 30,
  'name.full': 100,
  'description.short': 80,
  'description.full': 4000,
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COMMAND_KEY = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

type Json = Record<string, unknown>;
type SchemaArgument = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
type ManifestArgument = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof key === 'number') current = Array.isArray(current) ? (current[key] as unknown) : undefined;
    else current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}

/** Parses JSON text as Teams reads it (a UTF-8 byte order mark is allowed). */
function parseJson(file: string, bytes: Buffer, problems: string[]): Json | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    problems.push(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (!isRecord(parsed)) {
    problems.push(`${file} must hold a JSON object`);
    return undefined;
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Schemas

const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas');

/**
 * The bundled schema file for a Teams `$schema` URL such as
 * https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json, or
 * undefined when @microsoft/app-manifest does not ship it.
 */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(schemaUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'developer.microsoft.com') return undefined;
  const match = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/json-schemas\/teams\/(v[\w.]+)\/([\w.]+\.json)$/i.exec(
    url.pathname,
  );
  if (!match?.[1] || !match[2]) return undefined;
  const file = path.join(SCHEMA_ROOT, 'teams', match[1], match[2]);
  return existsSync(file) ? file : undefined;
}

/**
 * The validator compiles patterns in Unicode mode, where a `]` outside a character class is a
 * syntax error. The published localization schemas have two such patterns (`…\b]\.description`);
 * a pattern that does not compile gets its lone `]` escaped, which is what its authors meant.
 */
function unicodeSafePattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern[i] ?? '';
      if (char === '\\') {
        out += char + (pattern[++i] ?? '');
        continue;
      }
      if (char === '[') inClass = true;
      else if (char === ']') {
        if (!inClass) {
          out += '\\]';
          continue;
        }
        inClass = false;
      }
      out += char;
    }
    return out;
  }
}

function withUnicodeSafePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withUnicodeSafePatterns);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, unicodeSafePattern(value)];
      if (key === 'patternProperties' && isRecord(value)) {
        return [
          key,
          Object.fromEntries(
            Object.entries(value).map(([pattern, inner]) => [
              unicodeSafePattern(pattern),
              withUnicodeSafePatterns(inner),
            ]),
          ),
        ];
      }
      return [key, withUnicodeSafePatterns(value)];
    }),
  );
}

const schemaCache = new Map<string, SchemaArgument>();

function loadSchema(file: string): SchemaArgument {
  let schema = schemaCache.get(file);
  if (!schema) {
    // Some published schemas contain \a and \v escapes, which JSON does not know; the library
    // rewrites them the same way when it loads a schema itself.
    const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    schema = withUnicodeSafePatterns(JSON.parse(text)) as SchemaArgument;
    schemaCache.set(file, schema);
  }
  return schema;
}

async function checkSchema(
  file: string,
  document: Json,
  expectedSchemaFile: string,
  problems: string[],
): Promise<void> {
  const schemaUrl = document.$schema;
  if (typeof schemaUrl !== 'string' || schemaUrl === '') {
    problems.push(`${file}: $schema is missing; it names the Teams schema the file follows`);
    return;
  }
  const schemaFile = bundledSchemaPath(schemaUrl);
  if (!schemaFile) {
    problems.push(
      `${file}: $schema ${schemaUrl} is not bundled with @microsoft/app-manifest, so it cannot be checked offline ` +
        `(use https://developer.microsoft.com/json-schemas/teams/v1.22/${expectedSchemaFile})`,
    );
    return;
  }
  if (path.basename(schemaFile) !== expectedSchemaFile) {
    problems.push(`${file}: $schema must point to ${expectedSchemaFile}, not ${path.basename(schemaFile)}`);
    return;
  }
  try {
    const errors = await AppManifestUtils.validateAgainstSchema(
      document as unknown as ManifestArgument,
      loadSchema(schemaFile),
    );
    for (const error of errors) problems.push(`${file} (schema): ${error}`);
  } catch (error) {
    problems.push(
      `${file}: schema validation failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Icons

/** Width and height from a PNG's IHDR chunk (bytes 16–19 and 20–23), or undefined if not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function decodePng(file: string, bytes: Buffer, problems: string[]): PNG | undefined {
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    problems.push(`${file} is not a readable PNG: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function checkIconSize(file: string, bytes: Buffer, size: number, problems: string[]): boolean {
  const found = pngSize(bytes);
  if (!found) {
    problems.push(`${file} is not a PNG file (no PNG signature and IHDR header)`);
    return false;
  }
  if (found.width !== size || found.height !== size) {
    problems.push(`${file} is ${found.width}×${found.height} pixels; Teams needs ${size}×${size}`);
    return false;
  }
  return true;
}

/** The outline icon: every pixel fully transparent, or white with any alpha. */
function checkOutlinePixels(file: string, png: PNG, problems: string[]): void {
  let transparent = 0;
  let coloured = 0;
  let first = '';
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2], png.data[i * 4 + 3]];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      if (coloured === 0)
        first = ` (first at x=${i % png.width}, y=${Math.floor(i / png.width)}: rgba(${r}, ${g}, ${b}, ${a}))`;
      coloured++;
    }
  }
  if (coloured > 0) {
    problems.push(
      `${file} has ${coloured} pixels that are neither transparent nor white${first}; ` +
        'the outline icon is white on transparency only',
    );
  }
  if (transparent === 0)
    problems.push(`${file} has no transparent pixels; the outline icon needs a transparent background`);
  if (transparent === png.width * png.height) problems.push(`${file} is fully transparent; it shows nothing`);
}

// ---------------------------------------------------------------------------------------------
// Manifest and localization

function checkText(file: string, key: string, value: unknown, required: boolean, problems: string[]): void {
  const limit = TEXT_LIMITS[key];
  if (value === undefined) {
    if (required) problems.push(`${file}: ${key} is missing`);
    return;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${file}: ${key} must be a non-empty text`);
    return;
  }
  if (limit !== undefined && value.length > limit) {
    problems.push(`${file}: ${key} is ${value.length} characters; Teams allows at most ${limit}`);
  }
}

function checkManifest(manifest: Json, problems: string[]): void {
  const file = 'manifest.json';
  if (manifest.manifestVersion !== '1.22') {
    problems.push(
      `${file}: manifestVersion is ${JSON.stringify(manifest.manifestVersion)}; this app uses "1.22"`,
    );
  }
  if (
    typeof manifest.$schema === 'string' &&
    !manifest.$schema.includes(`/v${String(manifest.manifestVersion)}/`)
  ) {
    problems.push(`${file}: $schema and manifestVersion name different versions`);
  }
  if (typeof manifest.version !== 'string' || !SEMVER.test(manifest.version)) {
    problems.push(`${file}: version ${JSON.stringify(manifest.version)} is not a version like 1.2.3`);
  }
  if (typeof manifest.id !== 'string' || !GUID.test(manifest.id)) {
    problems.push(
      `${file}: id ${JSON.stringify(manifest.id)} is not a GUID (the Teams app id, TEAMS_APP_ID)`,
    );
  }
  checkText(file, 'name.short', at(manifest, 'name', 'short'), true, problems);
  checkText(file, 'name.full', at(manifest, 'name', 'full'), false, problems);
  checkText(file, 'description.short', at(manifest, 'description', 'short'), true, problems);
  checkText(file, 'description.full', at(manifest, 'description', 'full'), true, problems);

  const bots = manifest.bots;
  if (!Array.isArray(bots) || bots.length !== 1) {
    problems.push(`${file}: bots must hold exactly one bot`);
  } else {
    const botId = at(bots, 0, 'botId');
    if (botId === undefined || botId === '') {
      problems.push(`${file}: bots[0].botId is missing (the bot's Microsoft App ID, MicrosoftAppId)`);
    } else if (typeof botId !== 'string' || !GUID.test(botId)) {
      problems.push(`${file}: bots[0].botId ${JSON.stringify(botId)} is not a GUID (MicrosoftAppId)`);
    }
  }
}

/** Each command key of a localization file must name a command of the manifest, and each command is translated. */
function checkLocalizedCommands(file: string, manifest: Json, localization: Json, problems: string[]): void {
  for (const key of Object.keys(localization)) {
    const match = COMMAND_KEY.exec(key);
    if (!match) continue;
    const [bot, list, command] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (at(manifest, 'bots', bot, 'commandLists', list, 'commands', command) === undefined) {
      problems.push(`${file}: ${key} translates a command that manifest.json does not have`);
    }
  }
  const lists = at(manifest, 'bots', 0, 'commandLists');
  if (!Array.isArray(lists)) return;
  lists.forEach((list: unknown, l) => {
    const commands = at(list, 'commands');
    if (!Array.isArray(commands)) return;
    commands.forEach((_command: unknown, c) => {
      for (const field of ['title', 'description']) {
        const key = `bots[0].commandLists[${l}].commands[${c}].${field}`;
        if (!(key in localization)) problems.push(`${file}: ${key} is not translated`);
      }
    });
  });
}

function checkLocalization(file: string, manifest: Json, localization: Json, problems: string[]): void {
  for (const key of Object.keys(TEXT_LIMITS)) {
    checkText(file, key, localization[key], key !== 'name.full', problems);
  }
  checkLocalizedCommands(file, manifest, localization, problems);
}

// ---------------------------------------------------------------------------------------------
// The package

async function readZip(zipPathOrBuffer: string | Buffer, problems: string[]): Promise<JSZip | undefined> {
  let bytes: Buffer;
  try {
    bytes = typeof zipPathOrBuffer === 'string' ? await readFile(zipPathOrBuffer) : zipPathOrBuffer;
  } catch (error) {
    problems.push(`cannot read the package: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    problems.push(`the package is not a zip file: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The files at the zip's root, by name; problems for folders, missing and unexpected files. */
async function readLayout(zip: JSZip, problems: string[]): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  for (const entry of Object.values(zip.files)) {
    const name = entry.name.replace(/\\/g, '/');
    if (entry.dir || name.includes('/')) {
      folders.add(`${name.split('/')[0] ?? name}/`);
      continue;
    }
    if (!(PACKAGE_FILES as readonly string[]).includes(name)) {
      problems.push(`zip: unexpected file ${name}; the package holds exactly ${PACKAGE_FILES.join(', ')}`);
      continue;
    }
    files.set(name, await entry.async('nodebuffer'));
  }
  for (const folder of folders) {
    problems.push(`zip: folder ${folder} found; every file must be at the root of the zip, with no folders`);
  }
  for (const name of PACKAGE_FILES) {
    if (!files.has(name)) problems.push(`zip: ${name} is missing at the root of the zip`);
  }
  return files;
}

/** Files the manifest points to must be in the package. */
function checkReferences(manifest: Json, files: Map<string, Buffer>, problems: string[]): void {
  const references: [string, unknown][] = [
    ['icons.color', at(manifest, 'icons', 'color')],
    ['icons.outline', at(manifest, 'icons', 'outline')],
  ];
  const languages = at(manifest, 'localizationInfo', 'additionalLanguages');
  if (Array.isArray(languages)) {
    languages.forEach((language: unknown, i) => {
      references.push([`localizationInfo.additionalLanguages[${i}].file`, at(language, 'file')]);
    });
  }
  for (const [field, value] of references) {
    if (typeof value !== 'string') continue; // the schema reports a missing or wrong-typed field
    if (!files.has(value))
      problems.push(`manifest.json: ${field} points to ${value}, which is not in the package`);
  }
  if (at(manifest, 'icons', 'color') !== 'color.png' || at(manifest, 'icons', 'outline') !== 'outline.png') {
    problems.push('manifest.json: icons must be { "color": "color.png", "outline": "outline.png" }');
  }
}

/**
 * Checks a Teams app package offline and lists its problems; an empty list means valid.
 * Accepts the path of the zip or its bytes.
 */
export async function validateAppPackage(zipPathOrBuffer: string | Buffer): Promise<string[]> {
  const problems: string[] = [];
  const zip = await readZip(zipPathOrBuffer, problems);
  if (!zip) return problems;
  const files = await readLayout(zip, problems);

  const color = files.get('color.png');
  if (color && checkIconSize('color.png', color, ICON_SIZES.color, problems))
    decodePng('color.png', color, problems);
  const outline = files.get('outline.png');
  if (outline && checkIconSize('outline.png', outline, ICON_SIZES.outline, problems)) {
    const png = decodePng('outline.png', outline, problems);
    if (png) checkOutlinePixels('outline.png', png, problems);
  }

  const manifestBytes = files.get('manifest.json');
  const manifest = manifestBytes && parseJson('manifest.json', manifestBytes, problems);
  if (!manifest) return problems;
  await checkSchema('manifest.json', manifest, 'MicrosoftTeams.schema.json', problems);
  checkManifest(manifest, problems);
  checkReferences(manifest, files, problems);

  const languages = at(manifest, 'localizationInfo', 'additionalLanguages');
  for (const language of Array.isArray(languages) ? (languages as unknown[]) : []) {
    const name = at(language, 'file');
    const bytes = typeof name === 'string' ? files.get(name) : undefined;
    if (typeof name !== 'string' || !bytes) continue; // reported above
    const localization = parseJson(name, bytes, problems);
    if (!localization) continue;
    await checkSchema(name, localization, 'MicrosoftTeams.Localization.schema.json', problems);
    checkLocalization(name, manifest, localization, problems);
  }
  return problems;
}
