// The embedded store: one SQLite file (better-sqlite3) for a single school on one machine.
//
// better-sqlite3 is synchronous; a read runs its statement at once and hands the result (or the
// error) back as a promise, so callers see the same async `Store` as with Cosmos DB. Writes are
// committed in groups, once per turn of the event loop, and answered only once the write-ahead log
// is synced to disk, which runs off the event loop (group-commit.ts); a read that saw a commit not
// yet synced waits for it too. A power cut loses nothing a person was told, or shown, is saved.
//
// Layout (schema version in `PRAGMA user_version`, one migration per entry of MIGRATIONS):
//   dossiers       (school_id, id) primary key; the header fields the lists need as columns, the
//                  whole dossier as JSON in `doc`; `version` is a random string per write.
//   audit          who did what to which dossier; never content.
//   sequences      the per-school-per-year dossier counter.
//   conversations  Teams conversation references per tenant and user.
//   export_links   waiting export downloads (single use, short-lived), by a digest of the token.
//   claims         leases on work that belongs to no dossier (Store.claim), per school and key.
// Timestamps are ISO strings in UTC (`toISOString()`), so text order is time order.

import { randomUUID } from 'node:crypto';
import { closeSync, fdatasync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import type { Attention } from '../domain/attention';
import type { Dossier, Step } from '../domain/dossier';
import {
  AlreadyExistsError,
  StaleVersionError,
  isValidClaimKey,
  isValidExportLinkId,
  type AuditEvent,
  type ExportLink,
  type DossierSummary,
  type SavedConversation,
  type Store,
  type Versioned,
  type WaitingList,
} from './store';

/** Schema migrations; entry i brings `user_version` from i to i + 1. Append only, never edit. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE dossiers (
    school_id        TEXT NOT NULL,
    id               TEXT NOT NULL,
    number           TEXT NOT NULL,
    pupil_reference  TEXT NOT NULL,
    owner_id         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    updated_at       TEXT NOT NULL,
    next_reminder_at TEXT,
    version          TEXT NOT NULL,
    doc              TEXT NOT NULL,
    PRIMARY KEY (school_id, id)
  );
  CREATE INDEX dossiers_by_owner ON dossiers (school_id, owner_id, status, updated_at);
  CREATE INDEX dossiers_by_status ON dossiers (school_id, status, updated_at);
  CREATE INDEX dossiers_by_reminder ON dossiers (school_id, next_reminder_at)
    WHERE next_reminder_at IS NOT NULL;

  CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    action     TEXT NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (school_id, id)
  );
  CREATE INDEX audit_by_dossier ON audit (school_id, dossier_id, at);

  CREATE TABLE sequences (
    school_id TEXT NOT NULL,
    year      INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (school_id, year)
  );

  CREATE TABLE conversations (
    user_id    TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    reference  TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE claims (
    school_id TEXT NOT NULL,
    claim_key TEXT NOT NULL,
    until     TEXT NOT NULL,
    PRIMARY KEY (school_id, claim_key)
  );
  `,
  // Conversation references per tenant and user (a reference saved from another tenant must never
  // stand in for a school's own); the saved ones keep the tenant they were saved with. Export links
  // move from one process's memory into the store, so any instance serves them.
  `
  CREATE TABLE conversations_by_tenant (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    reference  TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
  );
  INSERT INTO conversations_by_tenant (tenant_id, user_id, reference, updated_at)
    SELECT tenant_id, user_id, reference, updated_at FROM conversations;
  DROP TABLE conversations;
  ALTER TABLE conversations_by_tenant RENAME TO conversations;

  CREATE TABLE export_links (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    school_id    TEXT NOT NULL,
    dossier_id   TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body         BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
  );
  CREATE INDEX export_links_by_expiry ON export_links (expires_at);
  `,
  // Audit events carry the tenant (one store may serve several tenants); older ones had none.
  `
  ALTER TABLE audit ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
  `,
  // Who an outbox item of a dossier waits for (Dossier.waitingFor), as rows the person is found by.
  // Kept by triggers from the document itself, so it changes in the same statement as the dossier.
  `
  CREATE TABLE waiting (
    school_id  TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    PRIMARY KEY (school_id, person_id, dossier_id)
  );
  CREATE TRIGGER waiting_on_insert AFTER INSERT ON dossiers BEGIN
    INSERT OR IGNORE INTO waiting (school_id, person_id, dossier_id)
      SELECT NEW.school_id, value, NEW.id FROM json_each(NEW.doc, '$.waitingFor');
  END;
  CREATE TRIGGER waiting_on_update AFTER UPDATE OF doc ON dossiers BEGIN
    DELETE FROM waiting WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
    INSERT OR IGNORE INTO waiting (school_id, person_id, dossier_id)
      SELECT NEW.school_id, value, NEW.id FROM json_each(NEW.doc, '$.waitingFor');
  END;
  CREATE TRIGGER waiting_on_delete AFTER DELETE ON dossiers BEGIN
    DELETE FROM waiting WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
  END;
  `,
  // Marks of open dossiers the role homes look up: who takes part ('person:<id>': the owner and the
  // zorgcoördinatoren) and what the dossier waits for ('needs:<what>', Dossier.attention). Kept by
  // triggers from the document, in the same statement; a closed dossier has none. Existing open
  // dossiers get their person marks here; their 'needs' marks come with their next change.
  `
  CREATE TABLE marks (
    school_id  TEXT NOT NULL,
    mark       TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    PRIMARY KEY (school_id, mark, dossier_id)
  );
  CREATE TRIGGER marks_on_insert AFTER INSERT ON dossiers WHEN NEW.status = 'open' BEGIN
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds')
      UNION SELECT NEW.school_id, 'needs:' || value, NEW.id FROM json_each(NEW.doc, '$.attention');
  END;
  CREATE TRIGGER marks_on_update AFTER UPDATE OF doc ON dossiers BEGIN
    DELETE FROM marks WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds')
        WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'needs:' || value, NEW.id FROM json_each(NEW.doc, '$.attention')
        WHERE NEW.status = 'open';
  END;
  CREATE TRIGGER marks_on_delete AFTER DELETE ON dossiers BEGIN
    DELETE FROM marks WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
  END;
  INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
    SELECT school_id, 'person:' || owner_id, id FROM dossiers WHERE status = 'open'
    UNION SELECT d.school_id, 'person:' || c.value, d.id FROM dossiers d, json_each(d.doc, '$.coordinatorIds') c
      WHERE d.status = 'open';
  `,
  // Where each dossier stands (Dossier.progress), as columns the weekly overview lists without
  // reading any document; NULL for dossiers written before, until their next change.
  `
  ALTER TABLE dossiers ADD COLUMN current_step TEXT;
  ALTER TABLE dossiers ADD COLUMN last_activity_at TEXT;
  `,
  // Co-owners (Dossier.coOwnerIds) take part as the owner does: their dossiers are in their "Mijn
  // dossiers" too. The person marks now come from the owner, the co-owners and the zorgcoördinatoren;
  // open dossiers that have co-owners already get their marks here.
  `
  DROP TRIGGER marks_on_insert;
  DROP TRIGGER marks_on_update;
  CREATE TRIGGER marks_on_insert AFTER INSERT ON dossiers WHEN NEW.status = 'open' BEGIN
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coOwnerIds')
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds')
      UNION SELECT NEW.school_id, 'needs:' || value, NEW.id FROM json_each(NEW.doc, '$.attention');
  END;
  CREATE TRIGGER marks_on_update AFTER UPDATE OF doc ON dossiers BEGIN
    DELETE FROM marks WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coOwnerIds')
        WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds')
        WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'needs:' || value, NEW.id FROM json_each(NEW.doc, '$.attention')
        WHERE NEW.status = 'open';
  END;
  INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
    SELECT d.school_id, 'person:' || c.value, d.id FROM dossiers d, json_each(d.doc, '$.coOwnerIds') c
      WHERE d.status = 'open';
  `,
  // What waits, with since when and how many (Dossier.attentionDetails) on its 'needs' marks, so a
  // home card counts what waits and reads only the few that waited longest (waitingList), by index.
  // Existing marks get their details with their dossier's next change; until then they count as one
  // item and sort first.
  `
  ALTER TABLE marks ADD COLUMN since TEXT;
  ALTER TABLE marks ADD COLUMN items INTEGER NOT NULL DEFAULT 1;
  CREATE INDEX marks_by_since ON marks (school_id, mark, since, dossier_id);
  DROP TRIGGER marks_on_insert;
  DROP TRIGGER marks_on_update;
  CREATE TRIGGER marks_on_insert AFTER INSERT ON dossiers WHEN NEW.status = 'open' BEGIN
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coOwnerIds')
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds');
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id, since, items)
      SELECT NEW.school_id, 'needs:' || value, NEW.id,
        json_extract(NEW.doc, '$.attentionDetails.' || value || '.since'),
        coalesce(json_extract(NEW.doc, '$.attentionDetails.' || value || '.items'), 1)
      FROM json_each(NEW.doc, '$.attention');
  END;
  CREATE TRIGGER marks_on_update AFTER UPDATE OF doc ON dossiers BEGIN
    DELETE FROM marks WHERE school_id = OLD.school_id AND dossier_id = OLD.id;
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id)
      SELECT NEW.school_id, 'person:' || NEW.owner_id, NEW.id WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coOwnerIds')
        WHERE NEW.status = 'open'
      UNION SELECT NEW.school_id, 'person:' || value, NEW.id FROM json_each(NEW.doc, '$.coordinatorIds')
        WHERE NEW.status = 'open';
    INSERT OR IGNORE INTO marks (school_id, mark, dossier_id, since, items)
      SELECT NEW.school_id, 'needs:' || value, NEW.id,
        json_extract(NEW.doc, '$.attentionDetails.' || value || '.since'),
        coalesce(json_extract(NEW.doc, '$.attentionDetails.' || value || '.items'), 1)
      FROM json_each(NEW.doc, '$.attention') WHERE NEW.status = 'open';
  END;
  `,
];

/** Later than any ISO timestamp: "changed before" it means "whenever". */
const LATEST_MOMENT = '9999-12-31T23:59:59.999Z';

const SUMMARY_COLUMNS =
  'id, school_id, number, pupil_reference, owner_id, status, updated_at, next_reminder_at, current_step, ' +
  'last_activity_at';

/**
 * The list queries, exported so a test can check with EXPLAIN QUERY PLAN that each one is an
 * index search rather than a table scan.
 */
export const SQLITE_LIST_QUERIES = {
  openDossiersOfOwner: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND owner_id = ? AND status = 'open' ORDER BY updated_at DESC`,
  closedDossiersOfOwner: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND owner_id = ? AND status = 'closed' ORDER BY updated_at DESC LIMIT ?`,
  dossiersOfSchool: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND status = ? AND updated_at <= ? ORDER BY updated_at DESC`,
  dueForReminder: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND next_reminder_at IS NOT NULL AND next_reminder_at <= ?
    ORDER BY next_reminder_at LIMIT ?`,
  dossiersMarked: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND id IN (SELECT dossier_id FROM marks WHERE school_id = ? AND mark = ?)`,
  waitingItems: `SELECT coalesce(sum(items), 0) AS items FROM marks WHERE school_id = ? AND mark = ?`,
  waitingLongest: `SELECT ${SUMMARY_COLUMNS.split(', ')
    .map((column) => `d.${column}`)
    .join(', ')} FROM marks m JOIN dossiers d ON d.school_id = m.school_id AND d.id = m.dossier_id
    WHERE m.school_id = ? AND m.mark = ? ORDER BY m.since, m.dossier_id LIMIT ?`,
  dossiersWaitingFor: `SELECT ${SUMMARY_COLUMNS} FROM dossiers
    WHERE school_id = ? AND id IN (SELECT dossier_id FROM waiting WHERE school_id = ? AND person_id = ?)`,
  auditOfDossier: `SELECT id, school_id, tenant_id, dossier_id, actor_id, action, at FROM audit
    WHERE school_id = ? AND dossier_id = ? ORDER BY at, seq`,
} as const;

interface SummaryRow {
  id: string;
  school_id: string;
  number: string;
  pupil_reference: string;
  owner_id: string;
  status: 'open' | 'closed';
  updated_at: string;
  next_reminder_at: string | null;
  current_step: Step | null;
  last_activity_at: string | null;
}

interface AuditRow {
  id: string;
  school_id: string;
  tenant_id: string;
  dossier_id: string;
  actor_id: string;
  action: string;
  at: string;
}

interface ConversationRow {
  user_id: string;
  tenant_id: string;
  reference: string;
  updated_at: string;
}

interface ExportLinkRow {
  id: string;
  tenant_id: string;
  school_id: string;
  dossier_id: string;
  requested_by: string;
  file_name: string;
  content_type: string;
  body: Buffer;
  created_at: string;
  expires_at: string;
}

function toExportLink(row: ExportLinkRow): ExportLink {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    schoolId: row.school_id,
    dossierId: row.dossier_id,
    requestedBy: row.requested_by,
    fileName: row.file_name,
    contentType: row.content_type,
    body: Buffer.from(row.body),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * The store's write-ahead log (the `-wal` file beside it), synced with fdatasync on libuv's thread
 * pool. SQLite appends every commit to the log in order, so one sync makes every commit before it
 * durable. The log keeps its file while any connection is open, so it is opened once, when the store
 * opens (a commit or a read has made sure it exists), and read-write because Windows syncs no
 * read-only handle. Its directory is synced then too: under synchronous=NORMAL SQLite would sync the
 * directory entry of a new log only at its first checkpoint, and a log whose name is lost after a
 * power cut is a lost log. (Windows has no directory to sync: NTFS keeps its entries in its journal.)
 */
class WriteAheadLog {
  private constructor(private readonly fd: number) {}

  static open(path: string): WriteAheadLog {
    const fd = openSync(path, 'r+');
    try {
      if (process.platform !== 'win32') {
        const directory = openSync(dirname(path), 'r');
        try {
          fsyncSync(directory);
        } finally {
          closeSync(directory);
        }
      }
      return new WriteAheadLog(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  sync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    closeSync(this.fd);
  }
}

function toSummary(row: SummaryRow): DossierSummary {
  return {
    id: row.id,
    schoolId: row.school_id,
    number: row.number,
    pupilReference: row.pupil_reference,
    ownerId: row.owner_id,
    status: row.status,
    updatedAt: row.updated_at,
    nextReminderAt: row.next_reminder_at,
    ...(row.current_step && row.last_activity_at
      ? { progress: { step: row.current_step, lastActivityAt: row.last_activity_at } }
      : {}),
  };
}

/** The named parameters of the dossier insert and update statements. */
interface DossierParams {
  schoolId: string;
  id: string;
  number: string;
  pupilReference: string;
  ownerId: string;
  status: 'open' | 'closed';
  updatedAt: string;
  nextReminderAt: string | null;
  currentStep: Step | null;
  lastActivityAt: string | null;
  version: string;
  doc: string;
}

function dossierParams(dossier: Dossier, version: string, doc: string): DossierParams {
  return {
    schoolId: dossier.schoolId,
    id: dossier.id,
    number: dossier.number,
    pupilReference: dossier.pupil.reference,
    ownerId: dossier.ownerId,
    status: dossier.status,
    updatedAt: dossier.updatedAt,
    nextReminderAt: dossier.nextReminderAt,
    currentStep: dossier.progress?.step ?? null,
    lastActivityAt: dossier.progress?.lastActivityAt ?? null,
    version,
    doc,
  };
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database ${file} has schema version ${current}, newer than this program knows ` +
        `(${MIGRATIONS.length}). Run the newer release, or restore a backup made by this one.`,
    );
  }
  MIGRATIONS.forEach((sql, index) => {
    if (index < current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  });
}

/** Every statement the store runs, prepared once per connection. */
function prepare(db: Database.Database) {
  return {
    ping: db.prepare('SELECT 1'),
    insertDossier: db.prepare<DossierParams>(
      `INSERT INTO dossiers (school_id, id, number, pupil_reference, owner_id, status, updated_at,
         next_reminder_at, current_step, last_activity_at, version, doc)
       VALUES (@schoolId, @id, @number, @pupilReference, @ownerId, @status, @updatedAt,
         @nextReminderAt, @currentStep, @lastActivityAt, @version, @doc)
       ON CONFLICT (school_id, id) DO NOTHING`,
    ),
    getDossier: db.prepare<[string, string], { doc: string; version: string }>(
      'SELECT doc, version FROM dossiers WHERE school_id = ? AND id = ?',
    ),
    replaceDossier: db.prepare<DossierParams & { expectedVersion: string }>(
      `UPDATE dossiers SET number = @number, pupil_reference = @pupilReference, owner_id = @ownerId,
         status = @status, updated_at = @updatedAt, next_reminder_at = @nextReminderAt,
         current_step = @currentStep, last_activity_at = @lastActivityAt, version = @version, doc = @doc
       WHERE school_id = @schoolId AND id = @id AND version = @expectedVersion`,
    ),
    deleteDossier: db.prepare<[string, string]>('DELETE FROM dossiers WHERE school_id = ? AND id = ?'),
    openDossiersOfOwner: db.prepare<[string, string], SummaryRow>(SQLITE_LIST_QUERIES.openDossiersOfOwner),
    closedDossiersOfOwner: db.prepare<[string, string, number], SummaryRow>(
      SQLITE_LIST_QUERIES.closedDossiersOfOwner,
    ),
    dossiersOfSchool: db.prepare<[string, string, string], SummaryRow>(SQLITE_LIST_QUERIES.dossiersOfSchool),
    dueForReminder: db.prepare<[string, string, number], SummaryRow>(SQLITE_LIST_QUERIES.dueForReminder),
    dossiersWaitingFor: db.prepare<[string, string, string], SummaryRow>(
      SQLITE_LIST_QUERIES.dossiersWaitingFor,
    ),
    dossiersMarked: db.prepare<[string, string, string], SummaryRow>(SQLITE_LIST_QUERIES.dossiersMarked),
    waitingItems: db.prepare<[string, string], { items: number }>(SQLITE_LIST_QUERIES.waitingItems),
    waitingLongest: db.prepare<[string, string, number], SummaryRow>(SQLITE_LIST_QUERIES.waitingLongest),
    // One UPSERT … RETURNING statement is one transaction: the increment and the read are atomic,
    // also against another process on the same file (SQLite's write lock, busy_timeout).
    nextSequence: db.prepare<[string, number], { value: number }>(
      `INSERT INTO sequences (school_id, year, value) VALUES (?, ?, 1)
       ON CONFLICT (school_id, year) DO UPDATE SET value = value + 1
       RETURNING value`,
    ),
    // One statement, so one transaction: a new key is inserted; an existing one is taken over only
    // when it has expired (the WHERE of the upsert). RETURNING gives a row exactly when it was
    // written, so the caller who gets a row holds the claim.
    claim: db.prepare<{ schoolId: string; key: string; until: string; now: string }, { won: number }>(
      `INSERT INTO claims (school_id, claim_key, until) VALUES (@schoolId, @key, @until)
       ON CONFLICT (school_id, claim_key) DO UPDATE SET until = excluded.until
         WHERE claims.until <= @now
       RETURNING 1 AS won`,
    ),
    appendAudit: db.prepare<AuditEvent>(
      `INSERT INTO audit (school_id, id, tenant_id, dossier_id, actor_id, action, at)
       VALUES (@schoolId, @id, @tenantId, @dossierId, @actorId, @action, @at)
       ON CONFLICT (school_id, id) DO NOTHING`,
    ),
    auditOfDossier: db.prepare<[string, string], AuditRow>(SQLITE_LIST_QUERIES.auditOfDossier),
    saveConversation: db.prepare<ConversationRow>(
      `INSERT INTO conversations (tenant_id, user_id, reference, updated_at)
       VALUES (@tenant_id, @user_id, @reference, @updated_at)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET
         reference = excluded.reference, updated_at = excluded.updated_at`,
    ),
    getConversation: db.prepare<[string, string], ConversationRow>(
      `SELECT user_id, tenant_id, reference, updated_at FROM conversations
       WHERE tenant_id = ? AND user_id = ?`,
    ),
    insertExportLink: db.prepare<ExportLinkRow>(
      `INSERT INTO export_links (id, tenant_id, school_id, dossier_id, requested_by, file_name,
         content_type, body, created_at, expires_at)
       VALUES (@id, @tenant_id, @school_id, @dossier_id, @requested_by, @file_name, @content_type,
         @body, @created_at, @expires_at)
       ON CONFLICT (id) DO NOTHING`,
    ),
    forgetExpiredExportLinks: db.prepare<[string]>('DELETE FROM export_links WHERE expires_at <= ?'),
    peekExportLink: db.prepare<[string, string], ExportLinkRow>(
      'SELECT * FROM export_links WHERE id = ? AND expires_at > ?',
    ),
    // One statement, so one transaction: of two callers only one deletes the row and gets it back.
    takeExportLink: db.prepare<[string], ExportLinkRow>('DELETE FROM export_links WHERE id = ? RETURNING *'),
  };
}

export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepare>;
  /** Every write goes through here: grouped per turn of the event loop, one savepoint each. */
  private readonly writes: GroupCommit;

  /** Set by the first close(); every later call returns the same. */
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly log: WriteAheadLog | undefined,
  ) {
    this.statements = prepare(db);
    this.writes = new GroupCommit(db, log && (() => log.sync()));
  }

  /**
   * Run a read now and hand back its result, or its error, as a promise: answered once every commit
   * it could have seen is on disk (group-commit.ts), at once when all of them are.
   */
  private read<T>(work: () => T): Promise<T> {
    let value: T;
    try {
      value = work();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const durable = this.writes.durable();
    return durable ? durable.then(() => value) : Promise.resolve(value);
  }

  /**
   * Open (and create or migrate) the store in `filePath`; its directory is created when missing.
   * `':memory:'` gives a private in-memory database, for tests.
   */
  static open(filePath: string): SqliteStore {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    const db = new Database(filePath);
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      // A file system that cannot share memory between processes (some network shares) keeps the old
      // journal, and the sync of group-commit.ts would sync a log that is not there.
      if (filePath !== ':memory:' && mode !== 'wal')
        throw new Error(
          `The store file ${filePath} cannot be put in WAL mode (it stays in "${mode}" mode); ` +
            'put DATA_DIR on a local disk.',
        );
      db.pragma('busy_timeout = 5000');
      // NORMAL: SQLite writes each commit into the log without syncing it (it syncs at checkpoints).
      // The sync that makes a commit durable is group-commit.ts's, off the event loop, before anyone
      // is told the write succeeded; FULL would do it inside the COMMIT, blocking everyone else.
      db.pragma('synchronous = NORMAL');
      migrate(db, filePath);
      // The path SQLite itself resolved (symbolic links followed): its log lies beside that one.
      const main = (db.pragma('database_list') as { name: string; file: string }[]).find(
        (database) => database.name === 'main',
      );
      return new SqliteStore(db, main?.file ? WriteAheadLog.open(`${main.file}-wal`) : undefined);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  ping(): Promise<boolean> {
    // After a failed sync the store takes nothing more (group-commit.ts): the bot must be restarted.
    if (this.closing || this.writes.failed) return Promise.resolve(false);
    try {
      this.statements.ping.get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  createDossier(dossier: Dossier): Promise<Versioned<Dossier>> {
    return this.writes.run(() => {
      const version = randomUUID();
      const doc = JSON.stringify(dossier);
      const result = this.statements.insertDossier.run(dossierParams(dossier, version, doc));
      if (result.changes === 0) throw new AlreadyExistsError(dossier.id);
      return { value: JSON.parse(doc) as Dossier, version };
    });
  }

  getDossier(schoolId: string, id: string): Promise<Versioned<Dossier> | undefined> {
    return this.read(() => {
      const row = this.statements.getDossier.get(schoolId, id);
      return row && { value: JSON.parse(row.doc) as Dossier, version: row.version };
    });
  }

  replaceDossier(dossier: Dossier, expectedVersion: string): Promise<Versioned<Dossier>> {
    return this.writes.run(() => {
      const version = randomUUID();
      const doc = JSON.stringify(dossier);
      const result = this.statements.replaceDossier.run({
        ...dossierParams(dossier, version, doc),
        expectedVersion,
      });
      // No row: the version moved on, or the dossier is gone. Either way the caller must reload.
      if (result.changes === 0) throw new StaleVersionError(dossier.id);
      return { value: JSON.parse(doc) as Dossier, version };
    });
  }

  deleteDossier(schoolId: string, id: string): Promise<void> {
    return this.writes.run(() => {
      this.statements.deleteDossier.run(schoolId, id);
    });
  }

  openDossiersOfOwner(schoolId: string, ownerId: string): Promise<DossierSummary[]> {
    return this.read(() => this.statements.openDossiersOfOwner.all(schoolId, ownerId).map(toSummary));
  }

  closedDossiersOfOwner(schoolId: string, ownerId: string, limit: number): Promise<DossierSummary[]> {
    const count = Math.floor(limit);
    if (!(count > 0)) return Promise.resolve([]);
    return this.read(() =>
      this.statements.closedDossiersOfOwner.all(schoolId, ownerId, count).map(toSummary),
    );
  }

  dossiersOfSchool(
    schoolId: string,
    status: 'open' | 'closed',
    changedBefore = LATEST_MOMENT,
  ): Promise<DossierSummary[]> {
    return this.read(() =>
      this.statements.dossiersOfSchool.all(schoolId, status, changedBefore).map(toSummary),
    );
  }

  dueForReminder(schoolId: string, now: string, limit: number): Promise<DossierSummary[]> {
    return this.read(() => {
      const count = Math.floor(limit);
      if (!(count > 0)) return [];
      return this.statements.dueForReminder.all(schoolId, now, count).map(toSummary);
    });
  }

  openDossiersInvolving(schoolId: string, personId: string): Promise<DossierSummary[]> {
    return this.read(() =>
      this.statements.dossiersMarked.all(schoolId, schoolId, `person:${personId}`).map(toSummary),
    );
  }

  dossiersNeeding(schoolId: string, attention: Attention): Promise<DossierSummary[]> {
    return this.read(() =>
      this.statements.dossiersMarked.all(schoolId, schoolId, `needs:${attention}`).map(toSummary),
    );
  }

  waitingList(schoolId: string, attention: Attention, limit: number): Promise<WaitingList> {
    return this.read(() => {
      const mark = `needs:${attention}`;
      // One read transaction, so the count and the list agree.
      return this.db.transaction(() => ({
        items: this.statements.waitingItems.get(schoolId, mark)?.items ?? 0,
        longest:
          Math.floor(limit) > 0
            ? this.statements.waitingLongest.all(schoolId, mark, Math.floor(limit)).map(toSummary)
            : [],
      }))();
    });
  }

  dossiersWaitingFor(schoolId: string, personId: string): Promise<DossierSummary[]> {
    return this.read(() =>
      this.statements.dossiersWaitingFor.all(schoolId, schoolId, personId).map(toSummary),
    );
  }

  nextDossierSequence(schoolId: string, year: number): Promise<number> {
    return this.writes.run(() => {
      const row = this.statements.nextSequence.get(schoolId, year);
      if (!row) throw new Error(`No sequence returned for school ${schoolId}, year ${year}.`);
      return row.value;
    });
  }

  claim(schoolId: string, key: string, until: string, now: string): Promise<boolean> {
    return this.writes.run(() => {
      if (!isValidClaimKey(key)) throw new Error(`Invalid claim key: ${JSON.stringify(key)}.`);
      return this.statements.claim.get({ schoolId, key, until, now }) !== undefined;
    });
  }

  appendAudit(event: AuditEvent): Promise<void> {
    // Appending the same event (same id) again records it once, so a retried append is harmless.
    return this.writes.run(() => {
      const { id, schoolId, tenantId, dossierId, actorId, action, at } = event;
      this.statements.appendAudit.run({ id, schoolId, tenantId, dossierId, actorId, action, at });
    });
  }

  auditOfDossier(schoolId: string, dossierId: string): Promise<AuditEvent[]> {
    return this.read(() =>
      this.statements.auditOfDossier.all(schoolId, dossierId).map((row) => ({
        id: row.id,
        schoolId: row.school_id,
        tenantId: row.tenant_id,
        dossierId: row.dossier_id,
        actorId: row.actor_id,
        action: row.action,
        at: row.at,
      })),
    );
  }

  saveConversation(conversation: SavedConversation): Promise<void> {
    return this.writes.run(() => {
      this.statements.saveConversation.run({
        user_id: conversation.userId,
        tenant_id: conversation.tenantId,
        reference: JSON.stringify(conversation.reference),
        updated_at: conversation.updatedAt,
      });
    });
  }

  getConversation(tenantId: string, userId: string): Promise<SavedConversation | undefined> {
    return this.read(() => {
      const row = this.statements.getConversation.get(tenantId, userId);
      return (
        row && {
          userId: row.user_id,
          tenantId: row.tenant_id,
          reference: JSON.parse(row.reference) as Record<string, unknown>,
          updatedAt: row.updated_at,
        }
      );
    });
  }

  saveExportLink(link: ExportLink, now: string): Promise<void> {
    return this.writes.run(() => {
      if (!isValidExportLinkId(link.id)) throw new Error('Invalid export link id.');
      this.statements.forgetExpiredExportLinks.run(now);
      const result = this.statements.insertExportLink.run({
        id: link.id,
        tenant_id: link.tenantId,
        school_id: link.schoolId,
        dossier_id: link.dossierId,
        requested_by: link.requestedBy,
        file_name: link.fileName,
        content_type: link.contentType,
        body: link.body,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
      });
      if (result.changes === 0) throw new AlreadyExistsError(link.id);
    });
  }

  peekExportLink(id: string, now: string): Promise<ExportLink | undefined> {
    return this.read(() => {
      const row = this.statements.peekExportLink.get(id, now);
      return row && toExportLink(row);
    });
  }

  takeExportLink(id: string, now: string): Promise<ExportLink | undefined> {
    return this.writes.run(() => {
      const row = this.statements.takeExportLink.get(id);
      return row && row.expires_at > now ? toExportLink(row) : undefined;
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // What was asked for before closing is committed and synced first; a write asked for after fails.
      await this.writes.close();
      try {
        this.log?.close();
      } finally {
        // Closing the last connection copies the log into the file. After a failed sync the log may
        // hold what never reached the disk (group-commit.ts): it is left as it is, for SQLite to
        // recover the file from at the next start, to what was really saved.
        if (!this.writes.failed) this.db.close();
      }
    })();
    return this.closing;
  }
}
