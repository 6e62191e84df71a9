// Debian's Chromium, headless, driven by playwright-core. Shared by the real-browser test
// (test/browser) and `npm run cards:preview`. Playwright never downloads a browser here: it uses
// /usr/bin/chromium from `apt-get install chromium` (or CHROMIUM_PATH on another machine).

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The flags known to work on these machines. Without the background-networking flags Chromium
 * keeps trying to reach Google's hosts, and this machine's closed network refuses each attempt.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails with what to do, rather than Playwright's long error, when Chromium is not installed. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed: ${CHROMIUM_PATH} does not exist. The browser test and ` +
        "`npm run cards:preview` drive Debian's Chromium. Install it with " +
        '`apt-get update && apt-get install -y chromium` (as root; .ci/run does this), or set ' +
        'CHROMIUM_PATH to another Chromium or Chrome binary. Never run `npx playwright install`.',
    );
  }
}

/** Launches headless Chromium; Playwright gives every launch a fresh, temporary user-data dir. */
export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}
