import fs, { existsSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_LIST_QUERIES, SqliteStore } from '../../src/store/sqlite-store';
import { AlreadyExistsError } from '../../src/store/store';
import { DiskSyncError } from '../../src/store/group-commit';
import { SCHOOL, makeDossier } from './fixtures';
import { runStoreContract } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'meldcode-sqlite-'));
let files = 0;
/** A path inside a not yet existing sub-directory, so open() must create it. */
const newFile = (): string => join(dir, `run-${(files += 1)}`, 'meldcode.db');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runStoreContract('SQLite', () => {
  const store = SqliteStore.open(newFile());
  return Promise.resolve({ store, cleanup: () => store.close() });
});

/** A sync the test ends (`finish`) or fails (`fail`) by hand. */
interface HeldSync {
  finish: () => void;
  fail: (error: Error) => void;
}

/**
 * Every fdatasync of this process, watched: the file it syncs is written down (`files`), and the
 * test says when each one ends or fails, in the order they were started.
 */
function watchSyncs(): {
  files: string[];
  count: () => number;
  finish: () => void;
  fail: (error: Error) => void;
  restore: () => void;
} {
  const files: string[] = [];
  const held: HeldSync[] = [];
  const spy = jest
    .spyOn(fs, 'fdatasync')
    .mockImplementation((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      files.push(readlinkSync(`/proc/self/fd/${fd}`));
      held.push({ finish: () => callback(null), fail: (error) => callback(error) });
    });
  const next = async (): Promise<HeldSync> => {
    for (let tries = 0; held.length === 0; tries += 1) {
      if (tries > 500) throw new Error('No sync was started.');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return held.shift() as HeldSync;
  };
  return {
    files,
    count: () => files.length,
    finish: () => void next().then((sync) => sync.finish()),
    fail: (error) => void next().then((sync) => sync.fail(error)),
    restore: () => spy.mockRestore(),
  };
}

/** Whether a promise is still unsettled once every callback due now has run. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('the SQLite store file', () => {
  it('keeps its data when the store is closed and opened again', async () => {
    const file = newFile();
    const dossier = makeDossier();
    const first = SqliteStore.open(file);
    const created = await first.createDossier(dossier);
    await first.nextDossierSequence(SCHOOL, 2026);
    await first.close();
    expect(await first.ping()).toBe(false);

    const second = SqliteStore.open(file);
    try {
      expect(await second.getDossier(SCHOOL, dossier.id)).toEqual({
        value: dossier,
        version: created.version,
      });
      expect(await second.nextDossierSequence(SCHOOL, 2026)).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('is in WAL mode with the schema version set', async () => {
    const file = newFile();
    await SqliteStore.open(file).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(9);
    } finally {
      db.close();
    }
  });

  describe('a write is answered once it is on disk', () => {
    it('after a sync of its write-ahead log, off the event loop; reads that saw it wait too', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      const syncs = watchSyncs();
      try {
        // The library's default in WAL mode, said outright: the sync is the store's own.
        const { db } = store as unknown as { db: Database.Database };
        expect(db.pragma('synchronous', { simple: true })).toBe(1);
        const dossier = makeDossier();
        const created = store.createDossier(dossier);
        for (let tries = 0; syncs.files.length === 0 && tries < 500; tries += 1)
          await new Promise((resolve) => setTimeout(resolve, 2));
        expect(syncs.files).toEqual([`${realpathSync(file)}-wal`]);
        // Committed and visible, not yet on disk: neither the write nor a read of it is answered.
        const read = store.getDossier(SCHOOL, dossier.id);
        expect([await pending(created), await pending(read)]).toEqual([true, true]);
        syncs.finish();
        await expect(created).resolves.toMatchObject({ value: dossier });
        await expect(read).resolves.toMatchObject({ value: dossier });
        // With nothing waiting for the disk, a read is answered at once.
        expect(await pending(store.getDossier(SCHOOL, dossier.id))).toBe(false);
      } finally {
        syncs.restore();
        await store.close();
      }
    });

    it('syncs the log SQLite writes when the store file is a symbolic link', async () => {
      const file = newFile();
      await SqliteStore.open(file).close();
      const link = join(dirname(file), 'link.db');
      symlinkSync(file, link);
      const store = SqliteStore.open(link);
      const syncs = watchSyncs();
      try {
        const created = store.createDossier(makeDossier());
        syncs.finish();
        await created;
        expect(syncs.files).toEqual([`${realpathSync(file)}-wal`]);
      } finally {
        syncs.restore();
        await store.close();
      }
    });

    it('stops after a failed sync: the write fails, so do the next ones, and the health check', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      const syncs = watchSyncs();
      try {
        const created = store.createDossier(makeDossier());
        syncs.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
        await expect(created).rejects.toBeInstanceOf(DiskSyncError);
        await expect(store.ping()).resolves.toBe(false);
        await expect(store.nextDossierSequence(SCHOOL, 2026)).rejects.toBeInstanceOf(DiskSyncError);
        await expect(store.getDossier(SCHOOL, 'any')).rejects.toBeInstanceOf(DiskSyncError);
        // Closing leaves the log as it is (a normal close copies it into the file and removes it),
        // so that the next start recovers the file from what really reached the disk.
        await store.close();
        expect(existsSync(`${file}-wal`)).toBe(true);
      } finally {
        syncs.restore();
        await store.close();
      }
    });

    it('closing twice at once: both wait until what was asked for is on disk', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      const syncs = watchSyncs();
      try {
        const created = store.createDossier(makeDossier());
        const [first, second] = [store.close(), store.close()];
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect([await pending(first), await pending(second)]).toEqual([true, true]);
        syncs.finish();
        await Promise.all([created, first, second]);
      } finally {
        syncs.restore();
      }
    });
  });

  describe('writes asked for at once are committed together', () => {
    /** Whether another connection to the file sees the dossier: what is committed, and only that. */
    const committed = (file: string, id: string): boolean => {
      const db = new Database(file, { readonly: true });
      try {
        return (
          db.prepare('SELECT 1 FROM dossiers WHERE school_id = ? AND id = ?').get(SCHOOL, id) !== undefined
        );
      } finally {
        db.close();
      }
    };

    it('in one commit and one sync: both are answered by the same sync', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      const syncs = watchSyncs();
      try {
        const [a, b] = [makeDossier(), makeDossier()];
        const first = store.createDossier(a);
        const second = store.createDossier(b);
        // Nothing is committed within the turn in which they are asked for …
        expect(committed(file, a.id) || committed(file, b.id)).toBe(false);
        // … then both at once, and a single sync answers both.
        syncs.finish();
        await Promise.all([first, second]);
        expect(committed(file, a.id) && committed(file, b.id)).toBe(true);
        expect(syncs.count()).toBe(1);
      } finally {
        syncs.restore();
        await store.close();
      }
    });

    it('each in a savepoint: one that fails is undone alone, and its caller hears why', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      try {
        const existing = makeDossier();
        await store.createDossier(existing);
        const [before, after] = [makeDossier(), makeDossier()];
        const outcomes = await Promise.allSettled([
          store.createDossier(before),
          store.createDossier(existing),
          store.createDossier(after),
          store.nextDossierSequence(SCHOOL, 2026),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyExistsError);
        expect(committed(file, before.id) && committed(file, after.id)).toBe(true);
        expect(await store.nextDossierSequence(SCHOOL, 2026)).toBe(2);
      } finally {
        await store.close();
      }
    });

    it('closing commits what was asked for before it, and refuses what comes after', async () => {
      const file = newFile();
      const store = SqliteStore.open(file);
      const dossier = makeDossier();
      const created = store.createDossier(dossier);
      const audited = store.appendAudit({
        id: 'audit-before-close',
        schoolId: SCHOOL,
        tenantId: dossier.tenantId,
        dossierId: dossier.id,
        actorId: dossier.ownerId,
        action: 'viewed',
        at: '2026-03-02T09:00:00.000Z',
      });
      await store.close();
      await expect(created).resolves.toMatchObject({ value: dossier });
      await expect(audited).resolves.toBeUndefined();
      await expect(store.createDossier(makeDossier())).rejects.toThrow(/closed/);

      const reopened = SqliteStore.open(file);
      try {
        expect((await reopened.getDossier(SCHOOL, dossier.id))?.value).toEqual(dossier);
        expect((await reopened.auditOfDossier(SCHOOL, dossier.id)).map((e) => e.id)).toEqual([
          'audit-before-close',
        ]);
      } finally {
        await reopened.close();
      }
    });
  });

  it('upgrades a file of schema version 1 (before claims), keeping its data', async () => {
    const file = newFile();
    const dossier = makeDossier();
    const first = SqliteStore.open(file);
    await first.createDossier(dossier);
    await first.close();
    const db = new Database(file);
    db.exec(
      `DROP TABLE claims; DROP TABLE export_links; ALTER TABLE audit DROP COLUMN tenant_id;
       DROP TRIGGER waiting_on_insert; DROP TRIGGER waiting_on_update; DROP TRIGGER waiting_on_delete;
       DROP TABLE waiting; DROP TRIGGER marks_on_insert; DROP TRIGGER marks_on_update;
       DROP TRIGGER marks_on_delete; DROP TABLE marks;
       ALTER TABLE dossiers DROP COLUMN current_step; ALTER TABLE dossiers DROP COLUMN last_activity_at`,
    );
    db.pragma('user_version = 1');
    db.close();

    const second = SqliteStore.open(file);
    try {
      expect((await second.getDossier(SCHOOL, dossier.id))?.value).toEqual(dossier);
      expect(await second.claim(SCHOOL, 'k', '2026-03-16T07:05:00.000Z', '2026-03-16T07:00:00.000Z')).toBe(
        true,
      );
    } finally {
      await second.close();
    }
  });

  it('refuses a file written by a newer schema version, saying what to do', async () => {
    const file = newFile();
    await SqliteStore.open(file).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/schema version 99.*Run the newer release/);
  });

  it.each(Object.entries(SQLITE_LIST_QUERIES))(
    'answers %s with an index search, not a table scan',
    async (_name, sql) => {
      const file = newFile();
      await SqliteStore.open(file).close();
      const db = new Database(file, { readonly: true });
      try {
        const args = (sql.match(/\?/g) ?? []).map(() => 'x');
        const plan = db
          .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...args)
          .map((row) => row.detail)
          .join('\n');
        expect(plan).toMatch(/SEARCH \w+ USING (COVERING )?INDEX/);
        expect(plan).not.toMatch(/SCAN|USE TEMP B-TREE/);
      } finally {
        db.close();
      }
    },
  );
});
