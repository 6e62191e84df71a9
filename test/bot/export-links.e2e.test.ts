// Export links kept in the store: a link one bot instance issued is served by another on the same
// store, works once (also when two instances are asked at the same moment), lives as long as
// configured, and every download is audited. With the App Service sign-in on, only the person who
// asked gets the file. Over real HTTP, two bots on one local Cosmos DB and two on one SQLite file.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import {
  startHarness,
  press,
  openDossier,
  downloadLinks,
  type Harness,
  type DossierRef,
} from '../support/bot-harness';
import { startCosmosServer, type LocalCosmos } from '../support/cosmos-server';
import { failingStore } from '../support/failing-store';
import { coordinator, colleague, teacher, type TestUser } from '../support/teams';

const START = new Date('2026-11-16T10:00:00+01:00');

/** The download link on an export card (the acute-danger phone links aside). */
function linkOf(card: unknown): string {
  const urls = downloadLinks(card);
  const [url] = urls;
  if (urls.length !== 1 || !url) throw new Error(`expected one download link, got ${urls.length}`);
  return url;
}

async function exportLink(h: Harness, ref: DossierRef, user: TestUser = teacher): Promise<string> {
  return linkOf(await press(h, 'exportDossier', ref, user));
}

/** Fetch the link's path from a bot's own address, optionally as App Service's signed-in person. */
function download(h: Harness, url: string, signedInAs?: TestUser): Promise<Response> {
  return fetch(`${h.bot.server.url}${new URL(url).pathname}`, {
    headers: signedInAs ? { 'X-MS-CLIENT-PRINCIPAL-ID': signedInAs.aadObjectId } : {},
  });
}

async function auditActions(h: Harness, ref: DossierRef): Promise<[string, string][]> {
  return (await h.store.auditOfDossier(ref.schoolId, ref.dossierId))
    .filter((e) => e.action === 'downloaded' || e.action.startsWith('refused:download'))
    .map((e) => [e.action, e.actorId]);
}

describe('export links on two bot instances sharing one Cosmos DB', () => {
  let cosmos: LocalCosmos;
  let first: Harness;
  let second: Harness;
  beforeEach(async () => {
    cosmos = await startCosmosServer();
    const connect = () =>
      CosmosStore.connect({
        endpoint: cosmos.endpoint,
        databaseId: 'meldcode-export-links',
        dossiersContainerId: 'dossiers',
        usersContainerId: 'users',
        auth: { kind: 'key', key: cosmos.key },
        createIfNotExists: true,
        connectionPolicy: cosmos.connectionPolicy,
      });
    first = await startHarness({ now: START, store: await connect() });
    second = await startHarness({ now: START, store: await connect() });
  });
  afterEach(async () => {
    await first.stop();
    await second.stop();
    await cosmos.stop();
  });

  it('serves on the second instance a link the first issued, once, to one of simultaneous clicks', async () => {
    const ref = await openDossier(first);
    const url = await exportLink(first, ref);
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => download(i % 2 ? first : second, url).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(await auditActions(first, ref)).toEqual([['downloaded', teacher.aadObjectId]]);
  });
});

describe('export links on two bot instances sharing one SQLite file', () => {
  let dir: string;
  let first: Harness;
  let second: Harness;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meldcode-export-links-'));
    const file = path.join(dir, 'meldcode.sqlite');
    first = await startHarness({ now: START, store: SqliteStore.open(file) });
    second = await startHarness({ now: START, store: SqliteStore.open(file) });
  });
  afterEach(async () => {
    await first.stop();
    await second.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves on the second instance a link the first issued, once, and audits the download', async () => {
    const ref = await openDossier(first);
    const url = await exportLink(first, ref);

    const fetched = await download(second, url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(fetched.headers.get('cache-control')).toBe('no-store');
    expect(await fetched.text()).toMatch(/^# Dossier MC-2026-0001\n/);

    expect((await download(first, url)).status).toBe(404);
    expect((await download(second, url)).status).toBe(404);
    expect(await auditActions(first, ref)).toEqual([['downloaded', teacher.aadObjectId]]);
  });

  it('hands the file to exactly one of many clicks at the same moment, on both instances', async () => {
    const ref = await openDossier(first);
    const url = await exportLink(first, ref);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => download(i % 2 ? first : second, url).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(9);
    expect(await auditActions(first, ref)).toHaveLength(1);
  });

  it('keeps no copy of the link token in the store', async () => {
    const ref = await openDossier(first);
    const url = await exportLink(first, ref);
    const token = new URL(url).pathname.split('/').pop() ?? '';
    const raw = (await import('better-sqlite3')).default;
    const db = new raw(path.join(dir, 'meldcode.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT id FROM export_links').all() as { id: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]?.id).not.toBe(token);
      expect(JSON.stringify(rows)).not.toContain(token);
    } finally {
      db.close();
    }
  });
});

describe('how long an export link lives', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: START, env: { EXPORT_LINK_MINUTES: '3' } });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('follows EXPORT_LINK_MINUTES, and the card says so', async () => {
    const ref = await openDossier(h);
    const card = await press(h, 'exportDossier', ref);
    expect(JSON.stringify(card)).toContain('3 minuten');
    const inTime = linkOf(card);
    const late = await exportLink(h, ref);
    h.setNow(new Date(START.getTime() + 3 * 60_000 - 1000));
    expect((await download(h, inTime)).status).toBe(200);
    h.setNow(new Date(START.getTime() + 3 * 60_000));
    expect((await download(h, late)).status).toBe(404);
  });
});

describe('export downloads with the App Service sign-in on', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: START, env: { EXPORT_REQUIRE_SIGN_IN: 'true' } });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('refuses anyone but the person who asked, audits it, and keeps the link for that person', async () => {
    const ref = await openDossier(h);
    const url = await exportLink(h, ref);

    const nobody = await download(h, url);
    expect(nobody.status).toBe(403);
    expect(await nobody.text()).toContain('Deze downloadlink is van de collega die de export aanvroeg.');
    const otherColleague = await download(h, url, colleague);
    expect(otherColleague.status).toBe(403);
    // Even someone involved in the dossier: they ask for their own export.
    expect((await download(h, url, coordinator)).status).toBe(403);

    const own = await download(h, url, teacher);
    expect(own.status).toBe(200);
    expect(await auditActions(h, ref)).toEqual([
      ['refused:downloadNotRequester', 'unknown'],
      ['refused:downloadNotRequester', colleague.aadObjectId],
      ['refused:downloadNotRequester', coordinator.aadObjectId],
      ['downloaded', teacher.aadObjectId],
    ]);
  });
});

describe('export downloads with the App Service sign-in off', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: START });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('ignores a principal header a browser could have made up: the audit names the person who asked', async () => {
    const ref = await openDossier(h);
    const url = await exportLink(h, ref);
    expect((await download(h, url, colleague)).status).toBe(200);
    expect(await auditActions(h, ref)).toEqual([['downloaded', teacher.aadObjectId]]);
  });
});

describe('an export download while the store fails', () => {
  it('answers 503 with a plain explanation and hands nothing out unaudited', async () => {
    const faults = failingStore(SqliteStore.open(':memory:'));
    const h = await startHarness({ now: START, store: faults.store });
    try {
      const ref = await openDossier(h);
      const url = await exportLink(h, ref);
      faults.fail(['appendAudit']);
      const failed = await download(h, url);
      expect(failed.status).toBe(503);
      expect(await failed.text()).toContain('De download lukte nu niet.');
      faults.fail(['peekExportLink']);
      expect((await download(h, url)).status).toBe(503);
      faults.heal();
      expect(await auditActions(h, ref)).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
