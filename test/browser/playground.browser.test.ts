// The bot in a real browser: the Microsoft 365 Agents Playground (a local Teams) renders the
// bot's cards in Debian's headless Chromium, and this test uses them the way a teacher does —
// typing into the rendered inputs and clicking the rendered buttons. It catches what the HTTP
// tests cannot: a card the Teams renderer refuses, an input that never reaches the bot, a button
// that sends the wrong data. Screenshots of every stage land in artifacts/screenshots/.
//
// Needs /usr/bin/chromium (`apt-get install -y chromium`); it fails, not skips, without it.

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Locator, Page } from 'playwright-core';
import { composeBot, type RunningBot } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger, LogContext } from '../../src/logger';
import { assertChromiumInstalled, launchChromium } from '../../scripts/preview/chromium';
import {
  mockUsers,
  readMockTenant,
  startPlaygroundAs,
  tail,
  waitUntil,
  type RunningPlayground,
} from './playground-people';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');
/** The school's own calendar: dossier numbers and "today" in the date picker follow it. */
const TIME_ZONE = 'Europe/Amsterdam';
const WIDTH = 1280;

/** Waits for one rendered state of the page; generous, but the whole test stays under two minutes. */
const UI_TIMEOUT = 15_000;

/** Today's date parts in Amsterdam, e.g. { year: '2026', month: 'November', day: '28' }. */
function todayInSchool(): { year: string; month: string; day: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The newest card in the chat: an invoke replaces the clicked card in place, so it stays the last. */
function lastCard(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').last();
}

describe('the bot in the Microsoft 365 Agents Playground, in headless Chromium', () => {
  let dataDir: string | undefined;
  let bot: RunningBot | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let playgroundUrl: string;
  const botLogs: string[] = [];
  let playgroundOutput: string[] = [];

  beforeAll(async () => {
    // First, so a machine without Chromium gets the install command and nothing else.
    assertChromiumInstalled();
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const file of readdirSync(SCREENSHOTS)) {
      if (/^playground-.*\.png$/.test(file)) rmSync(path.join(SCREENSHOTS, file));
    }

    // The bot: embedded SQLite in a temporary folder, the playground's mock school, real clock
    // (the playground stamps activities with the real time).
    dataDir = mkdtempSync(path.join(tmpdir(), 'meldcode-browser-'));
    const config = loadConfig(
      {
        PORT: '0',
        DATA_DIR: dataDir,
        SCHOOLS_FILE: 'config/schools.local.json',
        LOG_LEVEL: 'info',
      },
      ROOT,
    );
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        botLogs.push(chunk.toString('utf8'));
        callback();
      },
    });
    const logContext = new LogContext();
    bot = await composeBot(config, {
      logger: createLogger('info', sink, logContext),
      logContext,
      host: '127.0.0.1',
    });

    // The playground: the repository's mock tenant (.m365agentsplayground.yml) with the teacher as
    // its current user, copied into a folder of its own (playground-people.ts: the Playground
    // accepts at most five other users); it serves its web page once the bot's endpoint answers.
    const [teacher] = mockUsers(readMockTenant());
    if (!teacher) throw new Error('The mock tenant has no current user.');
    playground = await startPlaygroundAs(teacher, `${bot.server.url}/api/messages`, dataDir);
    playgroundUrl = playground.url;
    playgroundOutput = playground.output;

    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 900 },
      locale: 'en-US',
      timezoneId: TIME_ZONE,
    });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await playground?.stop();
    await bot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  /** Saves the page with the newest card fully in view, the viewport as tall as the card needs. */
  async function screenshot(name: string): Promise<void> {
    const card = lastCard(page);
    const box = await card.boundingBox();
    const height = Math.min(Math.max(900, Math.ceil((box?.height ?? 0) + 320)), 4000);
    await page.setViewportSize({ width: WIDTH, height });
    // Centre the card in the chat pane (the compose box covers the pane's bottom edge).
    // (Browser code as text: this project compiles without the DOM library.)
    await card.evaluate(
      `(element) => new Promise((resolve) => {
        element.scrollIntoView({ block: 'center' });
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      })`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, `playground-${name}.png`) });
  }

  /** Runs one stage; on failure, keeps a screenshot and says what the page and the bot showed. */
  async function stage(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      await screenshot(name);
    } catch (error) {
      await page
        .screenshot({ path: path.join(SCREENSHOTS, `playground-failed-${name}.png`) })
        .catch(() => undefined);
      const cardText = await lastCard(page)
        .innerText({ timeout: 1_000 })
        .catch(() => '(no card)');
      throw new Error(
        `Stage "${name}" failed: ${error instanceof Error ? error.message : String(error)}\n\n` +
          `Newest card on the page:\n${cardText}\n\nBot log (last lines):\n${tail(botLogs, 15)}\n\n` +
          `Playground output (last lines):\n${tail(playgroundOutput, 15)}\n\n` +
          `Screenshot: artifacts/screenshots/playground-failed-${name}.png`,
        { cause: error },
      );
    }
  }

  it('opens a dossier and records a signal through the rendered cards', async () => {
    const today = todayInSchool();
    const card = lastCard(page);

    await stage('1-welcome', async () => {
      await page.goto(playgroundUrl, { waitUntil: 'load' });
      await page.getByText('Personal Chat', { exact: true }).click();
      // On install the bot greets with a card of its own; let that arrive first, so the reply to
      // "hallo" is the one counted below. The playground's log panel lists the installationUpdate
      // once the bot has answered it (the greeting is posted within that turn).
      await page
        .getByText('installationUpdate', { exact: false })
        .first()
        .waitFor()
        .catch(() => undefined); // a playground without the install event: the settling covers it
      let seen = -1;
      let stableSince = Date.now();
      await waitUntil(
        'the chat to settle',
        async () => {
          const now = await page.locator('.ac-adaptiveCard').count();
          if (now !== seen) {
            seen = now;
            stableSince = Date.now();
          }
          return Date.now() - stableSince >= 1_000;
        },
        UI_TIMEOUT,
      );
      const before = seen;
      const compose = page.locator('[contenteditable=true][role=textbox]');
      await compose.click();
      await compose.pressSequentially('hallo');
      await page.keyboard.press('Enter');
      await waitUntil(
        'a card in reply to "hallo"',
        async () => (await page.locator('.ac-adaptiveCard').count()) > before,
        UI_TIMEOUT,
      );
      await card.getByText('Reporting code for domestic violence and child abuse').waitFor();
      const text = await card.innerText();
      expect(text).toContain('112');
      expect(text).toContain('0800-2000');
      // The acute-danger block's call buttons (Action.OpenUrl with tel:) render as links.
      await card.getByRole('link', { name: 'Call 112' }).waitFor();
    });

    await stage('2-route-check', async () => {
      await card.getByRole('button', { name: 'New dossier' }).click();
      await card.getByText('A quick check first').waitFor();
    });

    await stage('3-new-dossier', async () => {
      await card.getByRole('button', { name: /^Yes: domestic violence or child abuse/ }).click();
      await card.getByRole('button', { name: 'Open dossier' }).waitFor();
      await card.getByLabel(/^Pupil \(initials or pupil number\)/).pressSequentially('AB');
      await card.getByLabel(/^Group or class/).pressSequentially('7b');
      await card.getByLabel(/^Age \(years\)/).pressSequentially('9');
      await card.getByLabel(/^Short first description/).pressSequentially('Blauwe plekken op de armen.');
    });

    await stage('4-dossier-opened', async () => {
      await card.getByRole('button', { name: 'Open dossier' }).click();
      await card.getByText(`Dossier MC-${today.year}-0001`, { exact: true }).waitFor();
      await card.getByText('The dossier is open.', { exact: false }).waitFor();
      // The step names are plain text runs, so "1." stays part of the name (not a list marker).
      expect(await card.innerText()).toMatch(/1\. Map the signals\s+not started/);
    });

    await stage('5-signalen', async () => {
      // The first "Open" is step 1's.
      await card.getByRole('button', { name: 'Open', exact: true }).first().click();
      await card.getByText('Step 1 · Map the signals').waitFor();
      // A multi-select list renders as a dropdown with checkable items in a popup.
      await card.getByRole('combobox', { name: /^Physical/ }).click();
      const signal = page.getByRole('menuitemcheckbox', { name: /^Bruises, burns or other injuries/ });
      await signal.click();
      await waitUntil(
        'the signal to be ticked',
        async () => (await signal.getAttribute('aria-checked')) === 'true',
        UI_TIMEOUT,
      );
      await page.keyboard.press('Escape');
      await card.getByRole('combobox', { name: /^Date you saw or heard it/ }).click();
      await page
        .getByRole('button', { name: `${today.day}, ${today.month}, ${today.year}`, exact: true })
        .click();
      await card.getByLabel(/^Where/).pressSequentially('gymzaal');
      await card
        .getByLabel(/^What did you see or hear/)
        .pressSequentially('Blauwe plekken op beide bovenarmen.');
      await card.getByLabel('My own observation').check();
    });

    await stage('6-step1-done', async () => {
      await card.getByRole('button', { name: 'Record signal' }).click();
      await card.getByText('Recorded.', { exact: true }).waitFor();
      const text = await card.innerText();
      expect(text).toContain(`Dossier MC-${today.year}-0001`);
      expect(text).toMatch(/Map the signals\s+done/);
      expect(text).toMatch(/Consult a colleague\s+not started/);
    });
  }, 90_000);
});
