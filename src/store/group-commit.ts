// Writes to the SQLite file, committed in groups and synced to disk off the event loop.
//
// Every write asked for during one turn of the event loop goes into one transaction, committed after
// that turn's I/O callbacks have run (setImmediate). Its caller hears how it went only once the file
// is synced (`syncToDisk`, an fdatasync of the write-ahead log on libuv's thread pool): what a person
// is told is saved survives a power cut. The sync runs while the event loop serves other people, and
// the groups committed while one sync runs share the next one.
//
// Why not SQLite's own synchronous=FULL: it syncs inside the COMMIT, on the event loop. Measured in
// the benchmark's walk, those syncs took a sixth of the bot's busy time, and every staff member
// waited for the syncs of everyone who clicked before them.
//
// Under FULL, a commit becomes visible to readers only once it is synced. Here it is visible at
// COMMIT, so whatever saw it waits too: a read (`durable`) and a write refused because of it (an id
// that exists: a double press) are answered once every commit before them is on disk. Nobody is
// shown, or told "already saved", what a power cut could still undo.
//
// Each write runs in a savepoint of its own: a write that fails (a stale version, an id that exists)
// is undone alone and its caller gets its error, while the others commit. A failed COMMIT fails every
// write of the group, and none of them is kept.
//
// A failed sync stops the store (fail-stop): after an I/O error the kernel may have dropped the
// unsynced pages and report the next sync as clean, and since every frame of the log is checked
// against all before it, one lost frame would take every later commit with it. So the writes it was
// for, and everything after, fail with DiskSyncError; the health check fails, and the bot must be
// restarted (SQLite then recovers the file to what was really saved).

import type Database from 'better-sqlite3';

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Someone to answer once every commit up to `upTo` is on disk: a write's caller or a reader. */
interface AfterSync {
  upTo: number;
  done: () => void;
  fail: (error: unknown) => void;
}

/** The disk did not confirm a sync: what was written since the last good one may or may not be kept. */
export class DiskSyncError extends Error {
  constructor(cause: unknown) {
    super(
      'The disk did not confirm that the last writes were saved; they may or may not be kept. The ' +
        'store takes nothing more: restart the bot.',
      { cause },
    );
    this.name = 'DiskSyncError';
  }
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Groups committed, and of those the ones known to be on disk (the counts only grow). */
  private committed = 0;
  private synced = 0;
  /** Waiting for a sync, in the order they came; their `upTo` never decreases along the list. */
  private afterSync: AfterSync[] = [];
  private syncing: Promise<void> | undefined;
  private failure: DiskSyncError | undefined;
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

  /** Whether a sync failed: the store takes nothing more until the bot is restarted. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Run `work` (synchronous statements) in the next group; settles once it is committed and synced. */
  run<T>(work: () => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('The store is closed: nothing more is written.'));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /**
   * For what a read saw: settles once every commit so far is on disk; undefined when all of them
   * already are (nearly always when few people act), so that a read costs no extra turn then.
   */
  durable(): Promise<void> | undefined {
    if (!this.failure && this.synced >= this.committed) return undefined;
    const upTo = this.committed;
    return new Promise<void>((done, fail) => this.whenSynced({ upTo, done, fail }));
  }

  /** Commit what waits, now, and have it synced. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    // Nothing waits after a failed sync: run() refuses from then on, and the failure took what waited.
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
    this.committed += 1;
    // Without a sync (a database in memory) a commit is as safe as it gets once it is made.
    if (!this.syncToDisk) this.synced = this.committed;
    const upTo = this.committed;
    group.forEach((write, i) => {
      const outcome = outcomes[i] ?? { ok: false, error: new Error('The write was not run.') };
      this.whenSynced({
        upTo,
        done: () => (outcome.ok ? write.resolve(outcome.value) : write.reject(outcome.error)),
        fail: write.reject,
      });
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

  /** The one rule for anyone waiting for the disk: failed, done, or in line for the next sync. */
  private whenSynced(waiter: AfterSync): void {
    if (this.failure) waiter.fail(this.failure);
    else if (this.synced >= waiter.upTo) waiter.done();
    else this.afterSync.push(waiter);
  }

  /** One sync at a time; what was committed while it ran waits for the next, which starts right after. */
  private startSync(): void {
    const sync = this.syncToDisk;
    if (!sync || this.syncing || this.failure || this.synced >= this.committed) return;
    const upTo = this.committed;
    this.syncing = sync()
      .then(
        () => {
          this.synced = upTo;
          let answered = 0;
          while (answered < this.afterSync.length && (this.afterSync[answered]?.upTo ?? 0) <= upTo)
            answered += 1;
          for (const waiter of this.afterSync.splice(0, answered)) waiter.done();
        },
        (error: unknown) => {
          this.failure = new DiskSyncError(error);
          for (const waiter of this.afterSync.splice(0)) waiter.fail(this.failure);
          for (const write of this.waiting.splice(0)) write.reject(this.failure);
        },
      )
      .finally(() => {
        this.syncing = undefined;
        this.startSync();
      });
  }
}
