// Writes to the SQLite file, committed in groups and synced to disk off the event loop.
//
// Every write asked for during one turn of the event loop goes into one transaction, committed after
// that turn's I/O callbacks have run (setImmediate). Its callers hear that it succeeded only once the
// file is synced (`syncToDisk`, an fdatasync of the write-ahead log on libuv's thread pool): what a
// person is told is saved survives a power cut. The sync runs while the event loop serves other
// people, and the groups committed while one sync runs share the next one.
//
// Why not SQLite's own synchronous=FULL: it syncs inside the COMMIT, on the event loop. Measured in
// the benchmark's walk, those syncs took a sixth of the bot's busy time, and every staff member
// waited for the syncs of everyone who clicked before them.
//
// Each write runs in a savepoint of its own: a write that fails (a stale version, an id that exists)
// is undone alone and its caller gets its error at once, while the others commit. A failed COMMIT
// fails every write of the group, and none of them is kept. A failed sync fails the writes it was
// for: they are committed, but nobody may be told they are safe.

import type Database from 'better-sqlite3';

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A committed write whose caller waits for the sync. */
interface Unsynced {
  write: Waiting;
  value: unknown;
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private unsynced: Unsynced[] = [];
  private syncing: Promise<void> | undefined;
  private closing = false;
  private readonly commit: (group: readonly Waiting[]) => Outcome[];

  /**
   * `syncToDisk` makes everything committed so far durable; without it (an in-memory database) a
   * write is answered as soon as it is committed.
   */
  constructor(
    db: Database.Database,
    private readonly syncToDisk?: () => Promise<void>,
  ) {
    // better-sqlite3 runs a transaction function called inside another transaction as a savepoint.
    const inSavepoint = db.transaction((work: () => unknown) => work());
    const all = db.transaction((group: readonly Waiting[]) =>
      group.map((write): Outcome => {
        try {
          return { ok: true, value: inSavepoint(write.work) };
        } catch (error) {
          // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction:
          // then nothing of the group can be kept, and the group fails as a whole.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
    // IMMEDIATE: the write lock is taken at BEGIN (waiting up to busy_timeout for another process),
    // not halfway through the group.
    this.commit = (group) => all.immediate(group);
  }

  /** Run `work` (synchronous statements) in the next group; settles once it is committed and synced. */
  run<T>(work: () => T): Promise<T> {
    if (this.closing) return Promise.reject(new Error('The store is closed: nothing more is written.'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commit what waits, now, and have it synced. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    if (group.length === 0) return;
    this.waiting = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.commit(group);
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    group.forEach((write, i) => {
      const outcome = outcomes[i];
      if (!outcome) write.reject(new Error('The write was not run.'));
      else if (!outcome.ok) write.reject(outcome.error);
      else if (this.syncToDisk) this.unsynced.push({ write, value: outcome.value });
      else write.resolve(outcome.value);
    });
    this.startSync();
  }

  /**
   * Take no more writes; commit what waits and wait until all of it is synced. Called before the file
   * is closed, so nothing asked for before is dropped.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.flush();
    while (this.syncing) await this.syncing;
  }

  /** One sync at a time; what was committed while it ran waits for the next, which starts right after. */
  private startSync(): void {
    if (this.syncing || this.unsynced.length === 0 || !this.syncToDisk) return;
    const batch = this.unsynced;
    this.unsynced = [];
    this.syncing = this.syncToDisk()
      .then(
        () => {
          for (const { write, value } of batch) write.resolve(value);
        },
        (error: unknown) => {
          for (const { write } of batch) write.reject(error);
        },
      )
      .finally(() => {
        this.syncing = undefined;
        this.startSync();
      });
  }
}
