// Writes to the SQLite file, committed in groups: every write asked for during one turn of the event
// loop goes into one transaction, which is committed, and so synced to disk, once, after that turn's
// I/O callbacks have run (setImmediate).
//
// Why: the store commits with synchronous=FULL (sqlite-store.ts), so every commit waits for the
// disk on the event loop. Twenty staff members clicking at once would make the last one wait for
// twenty syncs; grouped, their writes share one or a few.
//
// Each write runs in a savepoint of its own: a write that fails (a stale version, an id that exists)
// is undone alone and its caller gets its error, while the others commit. A caller hears that its
// write succeeded only after the COMMIT has returned, so whatever a person is told is saved is on
// disk. A failed COMMIT fails every write of the group, and none of them is kept.

import type Database from 'better-sqlite3';

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly commit: (group: readonly Waiting[]) => Outcome[];

  constructor(db: Database.Database) {
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

  /** Run `work` (synchronous statements) in the next group; settles once the group is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commit every write that waits, now. Also called before the file is closed, so none is dropped. */
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
      if (outcome?.ok) write.resolve(outcome.value);
      else write.reject(outcome ? outcome.error : new Error('The write was not run.'));
    });
  }
}
