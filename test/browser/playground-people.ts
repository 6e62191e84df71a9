// Several people in the Microsoft 365 Agents Playground at once, against one bot. A Playground talks
// as the one "current user" named in the .m365agentsplayground.yml of its working directory, so each
// person gets a Playground of their own: its own port, its own folder holding a copy of the
// repository's mock tenant with that person as the current user and a personal chat of their own.
// The bot then sees three people with three chats, each behind its own Playground service URL, as
// it would see three Teams clients.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Locator, Page } from 'playwright-core';
import { composeBot, type RunningBot } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger, LogContext } from '../../src/logger';

export const ROOT = path.resolve(__dirname, '../..');
const PLAYGROUND_BIN = path.join(ROOT, 'node_modules', '.bin', 'agentsplayground');
const MOCK_TENANT = path.join(ROOT, '.m365agentsplayground.yml');

// ── The mock tenant file ─────────────────────────────────────────────────────────────────────────

type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface YamlLine {
  indent: number;
  text: string;
}

/**
 * Reads the small part of YAML the mock tenant file uses: nested mappings, lists of mappings and
 * plain or quoted scalars, comments on their own lines. Enough to copy the repository's users
 * instead of repeating them here; anything else fails loudly rather than being misread.
 */
export function parseMockTenant(text: string): Record<string, Yaml> {
  const lines: YamlLine[] = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  let at = 0;

  const scalar = (raw: string): string => {
    const value = raw.trim();
    if (/^'.*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
    if (/^".*"$/.test(value)) return JSON.parse(value) as string;
    if (/\s#/.test(value)) throw new Error(`The mock tenant file has a comment after a value: ${value}`);
    if (/^[[{&*!|>]/.test(value))
      throw new Error(`The mock tenant file has YAML this reader does not know: ${value}`);
    return value;
  };

  const block = (indent: number): Yaml => {
    const first = lines[at];
    if (!first || first.indent !== indent) throw new Error(`Unexpected indentation at "${first?.text}"`);
    if (first.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (lines[at]?.indent === indent && lines[at]?.text.startsWith('- ')) {
        // "- key: value" opens a mapping whose further keys sit two columns deeper.
        const line = lines[at] as YamlLine;
        lines[at] = { indent: indent + 2, text: line.text.slice(2) };
        list.push(block(indent + 2));
      }
      return list;
    }
    const map: { [key: string]: Yaml } = {};
    while (lines[at]?.indent === indent && !lines[at]?.text.startsWith('- ')) {
      const line = lines[at] as YamlLine;
      const match = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(line.text);
      if (!match) throw new Error(`The mock tenant file has a line this reader does not know: ${line.text}`);
      const [, key, value] = match as unknown as [string, string, string | undefined];
      at++;
      if (value !== undefined && value !== '') map[key] = scalar(value);
      else map[key] = block((lines[at]?.indent ?? 0) > indent ? (lines[at] as YamlLine).indent : indent);
    }
    return map;
  };

  const parsed = block(0);
  if (at !== lines.length || Array.isArray(parsed) || typeof parsed === 'string') {
    throw new Error(`The mock tenant file could not be read past "${lines[at]?.text}"`);
  }
  return parsed;
}

/** A user of the mock tenant as the Playground knows them. */
export interface MockUser {
  /** The Playground's own id for the user (Teams' 29:… id in real Teams). */
  id: string;
  name: string;
  /** The Entra object id: what the bot and the school configuration know people by. */
  aadObjectId: string;
  [key: string]: string;
}

const isUser = (value: Yaml | undefined): value is MockUser =>
  typeof value === 'object' &&
  !Array.isArray(value) &&
  typeof value.id === 'string' &&
  typeof value.aadObjectId === 'string';

export function mockUsers(tenant: Record<string, Yaml>): MockUser[] {
  const users = [tenant.currentUser, ...(Array.isArray(tenant.users) ? tenant.users : [])];
  return users.filter(isUser);
}

/** The Playground refuses a mock tenant with more than five users besides the current one. */
export const PLAYGROUND_MAX_OTHER_USERS = 5;

/**
 * The mock tenant as seen by one person: they become the current user, the previous current user
 * joins the others, and their personal chat gets an id of its own (two Playgrounds with the same
 * chat id would look like one chat to the bot). The people named in `keep` stay among the others;
 * the rest are cut to what the Playground accepts, so a sixth mock user in the repository's file
 * does not stop the Playground (it exits at once with "must NOT have more than 5 items").
 */
export function mockTenantAs(
  tenant: Record<string, Yaml>,
  aadObjectId: string,
  chatId: string,
  keep: readonly string[] = [],
): Record<string, Yaml> {
  const everyone = mockUsers(tenant);
  const me = everyone.find((user) => user.aadObjectId === aadObjectId);
  if (!me) throw new Error(`No user with aadObjectId ${aadObjectId} in ${MOCK_TENANT}`);
  const others = everyone.filter((user) => user !== me);
  const kept = others.filter((user) => keep.includes(user.aadObjectId));
  const rest = others.filter((user) => !keep.includes(user.aadObjectId));
  const personalChat = typeof tenant.personalChat === 'object' ? tenant.personalChat : {};
  return {
    ...tenant,
    currentUser: me,
    users: [...kept, ...rest].slice(0, PLAYGROUND_MAX_OTHER_USERS),
    personalChat: { ...personalChat, id: chatId },
  };
}

export function readMockTenant(): Record<string, Yaml> {
  return parseMockTenant(readFileSync(MOCK_TENANT, 'utf8'));
}

// ── Processes ───────────────────────────────────────────────────────────────────────────────────

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
}

export function tail(lines: readonly string[], count = 30): string {
  return lines.slice(-count).join('').trim() || '(nothing)';
}

export interface BotUnderTest {
  bot: RunningBot;
  logs: string[];
}

/** The bot on the embedded store in a temporary folder, with the Playground's mock school. */
export async function startBot(dataDir: string, env: Record<string, string> = {}): Promise<BotUnderTest> {
  const config = loadConfig(
    { PORT: '0', DATA_DIR: dataDir, SCHOOLS_FILE: 'config/schools.local.json', LOG_LEVEL: 'info', ...env },
    ROOT,
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logContext = new LogContext();
  const bot = await composeBot(config, {
    logger: createLogger('info', sink, logContext),
    logContext,
    host: '127.0.0.1',
  });
  return { bot, logs };
}

export interface RunningPlayground {
  url: string;
  folder: string;
  child: ChildProcess;
  output: string[];
  stop: () => Promise<void>;
}

/** One Playground as one person: their own folder (mock tenant file) and port, the shared bot. */
export async function startPlaygroundAs(
  user: MockUser,
  botMessagesUrl: string,
  parentFolder: string,
  { keep = [] }: { keep?: readonly string[] } = {},
): Promise<RunningPlayground> {
  const folder = mkdtempSync(path.join(parentFolder, `as-${user.id}-`));
  // JSON is YAML: the Playground reads this file as its mock tenant.
  const tenant = mockTenantAs(readMockTenant(), user.aadObjectId, `personal-chat-${user.id}`, keep);
  writeFileSync(path.join(folder, '.m365agentsplayground.yml'), JSON.stringify(tenant, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(PLAYGROUND_BIN, ['-e', botMessagesUrl, '-c', 'msteams', '--dt', '-p', String(port)], {
    cwd: folder,
    // Without TEAMSAPPTESTER_BROWSER=none it exits silently, trying to open a browser.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntil(
      `the Agents Playground as ${user.name} on ${url}`,
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`The Agents Playground exited (${child.exitCode}):\n${tail(output)}`);
        }
        const response = await fetch(`${url}/_internal/v1/config`);
        return response.ok;
      },
      45_000,
    );
  } catch (error) {
    await stop();
    // The Playground writes why it stopped (e.g. a mock tenant it refuses) to its own log file.
    const log = path.join(folder, 'devTools', 'm365agentsplayground.log');
    const written = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-6).join('\n') : '(no log)';
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nPlayground output:\n${tail(output)}\n` +
        `Playground log:\n${written}`,
      { cause: error },
    );
  }
  return { url, folder, child, output, stop };
}

// ── A person at their Playground ───────────────────────────────────────────────────────────────

/** What a person did with their hands: every click, and every field or message they typed. */
export class Effort {
  readonly clicks: string[] = [];
  readonly typed: string[] = [];
  /** Per part of the walk: how many clicks and typed fields it took. */
  readonly parts: { name: string; clicks: number; typed: number }[] = [];

  part(name: string): void {
    this.parts.push({ name, clicks: 0, typed: 0 });
  }

  click(what: string): void {
    this.clicks.push(what);
    const current = this.parts.at(-1);
    if (current) current.clicks++;
  }

  type(what: string): void {
    this.typed.push(what);
    const current = this.parts.at(-1);
    if (current) current.typed++;
  }

  table(): string {
    const width = Math.max(...this.parts.map((p) => p.name.length), 5);
    const rows = this.parts.map(
      (p) => `  ${p.name.padEnd(width)}  ${String(p.clicks).padStart(6)}  ${String(p.typed).padStart(5)}`,
    );
    return [
      `  ${'part'.padEnd(width)}  clicks  typed`,
      ...rows,
      `  ${'total'.padEnd(width)}  ${String(this.clicks.length).padStart(6)}  ${String(this.typed.length).padStart(5)}`,
    ].join('\n');
  }
}

export const UI_TIMEOUT = 15_000;

/**
 * A pattern that matches a text holding every one of these words, in any order and case. Cards
 * are found by the words that carry their meaning (the dossier number, a verb), so that a reworded
 * sentence around them does not break the walk.
 */
export function allOf(...words: string[]): RegExp {
  const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(words.map((word) => `(?=[^]*${escape(word)})`).join(''), 'i');
}

/**
 * One person's browser tab on their own Playground. Everything they do goes through `click` and
 * `type`, so the effort count is what the walk did, not an estimate.
 */
export class PersonAtPlayground {
  readonly effort = new Effort();

  constructor(
    readonly name: string,
    readonly page: Page,
    readonly playground: RunningPlayground,
  ) {}

  static async open(browser: Browser, name: string, playground: RunningPlayground, timeZone: string) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: timeZone,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    return new PersonAtPlayground(name, page, playground);
  }

  /**
   * The cards in the chat, oldest first. A card's Action.ShowCard renders as an Adaptive Card inside
   * it: only the outermost ones are messages.
   */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  }

  /**
   * One message by its place in the chat. An invoke replaces the clicked card in place, so the card
   * a person works on keeps its place while notices arrive below it.
   */
  cardAt(index: number): Locator {
    return this.cards().nth(index);
  }

  /** The place of the newest card that shows this text. */
  async indexOfLast(text: RegExp): Promise<number> {
    const texts = await this.cards().allInnerTexts();
    for (let i = texts.length - 1; i >= 0; i--) if (text.test(texts[i] ?? '')) return i;
    throw new Error(`No card in ${this.name}'s chat shows ${String(text)}.`);
  }

  /**
   * Waits for a card below place `after` that shows this text (a card the bot sends on its own)
   * and gives its place. Below, so that a card already on screen that happens to match is not taken
   * for the one that is awaited.
   */
  async waitForCard(text: RegExp, { after = -1, timeoutMs = UI_TIMEOUT } = {}): Promise<number> {
    let found = -1;
    await waitUntil(
      `a card showing ${String(text)} in ${this.name}'s chat`,
      async () => {
        const texts = await this.cards().allInnerTexts();
        found = texts.findIndex((cardText, index) => index > after && text.test(cardText));
        return found >= 0;
      },
      timeoutMs,
    );
    return found;
  }

  async cardCount(): Promise<number> {
    return this.cards().count();
  }

  async click(target: Locator, what: string): Promise<void> {
    await target.click();
    this.effort.click(what);
  }

  async type(target: Locator, text: string, what: string): Promise<void> {
    await target.pressSequentially(text);
    this.effort.type(what);
  }

  /** The Playground's page with the personal chat open (a Teams user clicks the app once). */
  async openPersonalChat(): Promise<void> {
    await this.page.goto(this.playground.url, { waitUntil: 'load' });
    await this.click(this.page.getByText('Personal Chat', { exact: true }), 'open the personal chat');
  }

  /** Waits until no new card arrived for `quietMs`: the bot's greeting on install, a delivered card. */
  async settle(quietMs = 1_000): Promise<number> {
    let seen = -1;
    let stableSince = Date.now();
    await waitUntil(
      `${this.name}'s chat to settle`,
      async () => {
        const now = await this.cardCount();
        if (now !== seen) {
          seen = now;
          stableSince = Date.now();
        }
        return Date.now() - stableSince >= quietMs;
      },
      UI_TIMEOUT,
    );
    return seen;
  }

  /**
   * Types a message into the compose box and sends it; waits for a new card in reply. `counted:
   * false` only for what the test does beyond the walk (a home card for the screenshots).
   */
  async say(text: string, { counted = true }: { counted?: boolean } = {}): Promise<void> {
    const before = await this.cardCount();
    const compose = this.page.locator('[contenteditable=true][role=textbox]');
    await compose.click();
    await compose.pressSequentially(text);
    if (counted) this.effort.type(`message "${text}"`);
    await this.page.keyboard.press('Enter');
    await waitUntil(
      `a card in reply to "${text}" in ${this.name}'s chat`,
      async () => (await this.cardCount()) > before,
      UI_TIMEOUT,
    );
  }

  /** Saves the page with this card in the middle of the chat, the window as tall as the card needs. */
  async screenshot(card: Locator, file: string): Promise<void> {
    const box = await card.boundingBox();
    const height = Math.min(Math.max(900, Math.ceil((box?.height ?? 0) + 320)), 4000);
    await this.page.setViewportSize({ width: 1280, height });
    // Browser code as text: this project compiles without the DOM library.
    await card.evaluate(
      `(element) => new Promise((resolve) => {
        element.scrollIntoView({ block: 'center' });
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      })`,
    );
    await this.page.screenshot({ path: file });
    await this.page.setViewportSize({ width: 1280, height: 900 });
  }
}
