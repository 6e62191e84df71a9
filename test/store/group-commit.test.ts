// Group commit over a real SQLite database, with the sync to disk in the test's hands: when a write or
// a read is answered, that a failed sync stops the store, and that writes committed while a sync runs
// share the next one.

import Database from 'better-sqlite3';
import { DiskSyncError, GroupCommit } from '../../src/store/group-commit';

/** A sync the test finishes (or fails) by hand, one call at a time. */
class HeldSync {
  readonly calls: { finish: () => void; fail: (error: Error) => void }[] = [];

  readonly sync = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.calls.push({ finish: resolve, fail: reject });
    });

  get count(): number {
    return this.calls.length;
  }

  /** The newest call, once it has been made. */
  async next(count: number): Promise<HeldSync['calls'][number]> {
    for (let tries = 0; this.calls.length < count; tries += 1) {
      if (tries > 100) throw new Error(`No sync number ${count} was started.`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this.calls[count - 1] as HeldSync['calls'][number];
  }
}

/** Where a promise stands, looked at without waiting for it. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'fulfilled' | 'rejected'> {
  const pending = Symbol('pending');
  try {
    return (await Promise.race([promise, Promise.resolve(pending)])) === pending ? 'pending' : 'fulfilled';
  } catch {
    return 'rejected';
  }
}

describe('group commit', () => {
  let db: Database.Database;
  let held: HeldSync;
  let commits: GroupCommit;
  const insert = (id: string) => (): number =>
    Number(db.prepare('INSERT INTO items (id) VALUES (?)').run(id).lastInsertRowid);
  const ids = (): string[] =>
    db
      .prepare<[], { id: string }>('SELECT id FROM items ORDER BY id')
      .all()
      .map((row) => row.id);

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE items (id TEXT PRIMARY KEY)');
    held = new HeldSync();
    commits = new GroupCommit(db, held.sync);
  });
  afterEach(() => {
    db.close();
  });

  it('answers a write once the sync after its commit is done, not at the commit', async () => {
    const write = commits.run(insert('a'));
    const sync = await held.next(1);
    expect(ids()).toEqual(['a']);
    expect(await stateOf(write)).toBe('pending');
    sync.finish();
    await expect(write).resolves.toBe(1);
  });

  it('lets the writes committed while a sync runs share the next one', async () => {
    const first = commits.run(insert('a'));
    const firstSync = await held.next(1);
    // Two more turns of the event loop, each with a write, while the first sync runs.
    const second = commits.run(insert('b'));
    await new Promise((resolve) => setImmediate(resolve));
    const third = commits.run(insert('c'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(held.count).toBe(1);

    firstSync.finish();
    await first;
    const secondSync = await held.next(2);
    expect([await stateOf(second), await stateOf(third)]).toEqual(['pending', 'pending']);
    secondSync.finish();
    await Promise.all([second, third]);
    expect(held.count).toBe(2);
  });

  it('answers a read that saw a commit once that commit is on disk, and at once when all are', async () => {
    expect(commits.durable()).toBeUndefined();
    const write = commits.run(insert('a'));
    const sync = await held.next(1);
    // The row is visible now, but not yet safe: what saw it waits.
    expect(ids()).toEqual(['a']);
    const read = commits.durable();
    expect(read).toBeDefined();
    expect(await stateOf(read as Promise<void>)).toBe('pending');
    sync.finish();
    await Promise.all([write, read]);
    expect(commits.durable()).toBeUndefined();
  });

  it('stops after a failed sync: its writes fail, and so does everything after, reads too', async () => {
    const write = commits.run(insert('a'));
    (await held.next(1)).fail(new Error('EIO: the disk failed'));
    await expect(write).rejects.toBeInstanceOf(DiskSyncError);
    await expect(write).rejects.toMatchObject({ cause: new Error('EIO: the disk failed') });
    expect(commits.failed).toBe(true);

    await expect(commits.run(insert('b'))).rejects.toBeInstanceOf(DiskSyncError);
    await expect(commits.durable()).rejects.toBeInstanceOf(DiskSyncError);
    expect(held.count).toBe(1);
    expect(ids()).toEqual(['a']);
  });

  it('fails the writes committed while the failing sync ran, and the reads waiting for them', async () => {
    const first = commits.run(insert('a'));
    const failing = await held.next(1);
    const second = commits.run(insert('b'));
    await new Promise((resolve) => setImmediate(resolve));
    const read = commits.durable();
    failing.fail(new Error('EIO'));
    await expect(first).rejects.toBeInstanceOf(DiskSyncError);
    await expect(second).rejects.toBeInstanceOf(DiskSyncError);
    await expect(read).rejects.toBeInstanceOf(DiskSyncError);
  });

  it('undoes a write that fails in its savepoint alone; its error, too, waits for the sync', async () => {
    await Promise.all([commits.run(insert('a')), held.next(1).then((sync) => sync.finish())]);
    const good = commits.run(insert('b'));
    // A double press: the refusal says the row exists, which is only true once it is on disk.
    const duplicate = commits.run(insert('a'));
    const sync = await held.next(2);
    expect(ids()).toEqual(['a', 'b']);
    expect(await stateOf(duplicate)).toBe('pending');
    sync.finish();
    await expect(duplicate).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(good).resolves.toBe(2);
  });

  it('on closing, commits and syncs what waits, and refuses what is asked for after', async () => {
    const write = commits.run(insert('a'));
    const closed = commits.close();
    (await held.next(1)).finish();
    await closed;
    await expect(write).resolves.toBe(1);
    await expect(commits.run(insert('b'))).rejects.toThrow(/closed/);
    expect(ids()).toEqual(['a']);
  });

  it('without a sync (a database in memory), answers at the commit', async () => {
    const inMemory = new GroupCommit(db);
    await expect(inMemory.run(insert('a'))).resolves.toBe(1);
    // … and a read never waits.
    expect(inMemory.durable()).toBeUndefined();
  });
});
