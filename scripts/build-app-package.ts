// Builds the Teams app package from manifest/: fills manifest.template.json from the environment,
// zips it with the localization file and the committed icons, checks the zip, and writes it only
// when it is valid. scripts/package.ts is the command line around this.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { PACKAGE_FILES, validateAppPackage } from './app-package';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_MANIFEST_DIR = path.join(REPO_ROOT, 'manifest');
export const DEFAULT_OUT_FILE = path.join(REPO_ROOT, 'artifacts', 'meldcode-app.zip');

/** What each template variable means, for the error when a required one is missing. */
export const TEMPLATE_VARIABLES: Readonly<Record<string, string>> = {
  MicrosoftAppId:
    "the bot's Microsoft App ID, a GUID from the Azure Bot resource (the same value the bot runs with)",
  TEAMS_APP_ID: 'the Teams app id, a GUID that stays the same for every version of this app in a tenant',
  APP_DEVELOPER_NAME: 'the publisher shown in Teams (at most 32 characters), e.g. the school board',
  APP_WEBSITE_URL: 'https page with information and support for the app',
  APP_PRIVACY_URL: "https page with the privacy statement (the school's or the board's)",
  APP_TERMS_URL: 'https page with the terms of use',
  APP_VERSION: 'the app version; taken from package.json',
};

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A fixed timestamp for every zip entry, so the same inputs give the same zip. */
const ZIP_DATE = new Date(Date.UTC(2026, 0, 1));

export class MissingVariableError extends Error {
  constructor(readonly variables: readonly string[]) {
    super(
      variables
        .map((name) => {
          const hint = name === 'MicrosoftAppId' ? '; for a local or test package pass --bot-id <guid>' : '';
          return `${name} is not set: ${TEMPLATE_VARIABLES[name] ?? 'a template variable'}${hint}`;
        })
        .join('\n'),
    );
    this.name = 'MissingVariableError';
  }
}

export interface FilledTemplate {
  manifest: unknown;
  /** Variables that fell back to their placeholder default. */
  defaulted: string[];
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of the template. An empty value
 * counts as unset. Throws MissingVariableError naming every required variable without a value.
 */
export function fillTemplate(
  template: unknown,
  variables: Readonly<Record<string, string | undefined>>,
): FilledTemplate {
  const missing = new Set<string>();
  const defaulted = new Set<string>();
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
        const given = variables[name]?.trim();
        if (given) return given;
        if (fallback !== undefined) {
          defaulted.add(name);
          return fallback;
        }
        missing.add(name);
        return '';
      });
    }
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    }
    return value;
  };
  const manifest = fill(template);
  if (missing.size > 0) throw new MissingVariableError([...missing]);
  return { manifest, defaulted: [...defaulted] };
}

export interface BuildOptions {
  /** Usually process.env (after .env is read). */
  env: Readonly<Record<string, string | undefined>>;
  /** Overrides MicrosoftAppId, for local and test packages. */
  botId?: string | undefined;
  manifestDir?: string | undefined;
  /** Defaults to the version in package.json. */
  version?: string | undefined;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: unknown;
  warnings: string[];
}

async function packageVersion(): Promise<string> {
  const text = await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error('package.json has no "version"');
  return version;
}

/** Builds the zip in memory; it is not checked yet. */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const dir = options.manifestDir ?? DEFAULT_MANIFEST_DIR;
  const template = JSON.parse(await readFile(path.join(dir, 'manifest.template.json'), 'utf8')) as unknown;
  const variables = {
    ...options.env,
    ...(options.botId ? { MicrosoftAppId: options.botId } : {}),
    APP_VERSION: options.version ?? (await packageVersion()),
  };
  const { manifest, defaulted } = fillTemplate(template, variables);

  const zip = new JSZip();
  for (const name of PACKAGE_FILES) {
    const bytes =
      name === 'manifest.json'
        ? Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')
        : await readFile(path.join(dir, name));
    zip.file(name, bytes, { date: ZIP_DATE });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const warnings = defaulted.map(
    (name) =>
      `${name} is not set; the template's placeholder default is used (${TEMPLATE_VARIABLES[name] ?? ''})`,
  );
  return { zip: bytes, manifest, warnings };
}

export interface PackageResult extends BuiltPackage {
  outFile: string;
  problems: string[];
  /** True when the zip was valid and written to outFile. */
  written: boolean;
}

/**
 * Builds, checks and writes the package. When the build fails or the package is invalid nothing
 * is written, and an older zip at the same place is removed, so nobody uploads a stale file.
 */
export async function packageApp(
  options: BuildOptions & { outFile?: string | undefined },
): Promise<PackageResult> {
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;
  let built: BuiltPackage;
  try {
    built = await buildAppPackage(options);
  } catch (error) {
    await rm(outFile, { force: true });
    throw error;
  }
  const problems = await validateAppPackage(built.zip);
  if (problems.length > 0) {
    await rm(outFile, { force: true });
    return { ...built, outFile, problems, written: false };
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, built.zip);
  return { ...built, outFile, problems, written: true };
}
