// SIGTERM/SIGINT: stop accepting, let the turns that are running finish, then close the store.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness } from '../support/bot-harness';
import { message, teacher } from '../support/teams';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { SavedConversation, Store } from '../../src/store/store';

/** The real store, with saving a conversation held up until the test lets it go. */
function slowStore(): { store: Store; release: () => void; saving: Promise<void> } {
  const real = SqliteStore.open(path.join(mkdtempSync(path.join(tmpdir(), 'meldcode-stop-')), 'db.sqlite'));
  let release = (): void => undefined;
  let started = (): void => undefined;
  const saving = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = Object.create(real) as Store;
  store.saveConversation = async (conversation: SavedConversation) => {
    started();
    await gate;
    return real.saveConversation(conversation);
  };
  return { store, release, saving };
}

describe('stopping the bot', () => {
  it('finishes a turn that is running, refuses new ones, then closes the store', async () => {
    const slow = slowStore();
    const h = await startHarness({ store: slow.store });
    const running = h.post(message(teacher, h.connector.url, 'hallo'));
    await slow.saving;
    const stopping = h.bot.stop();
    const late = await fetch(`${h.bot.server.url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    slow.release();
    expect((await running).status).toBe(200);
    await stopping;
    expect(h.connector.activities()).toHaveLength(1);
    expect(await slow.store.ping()).toBe(false);
    await h.connector.stop();
  });
});
