// A file written before conversation references were kept per tenant (schema version 2) opens with
// its saved references intact, each under the tenant it was saved with, and gains export links.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite-store';
import { OTHER_TENANT, TENANT, makeConversation } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'meldcode-sqlite-upgrade-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Turn a current file back into the version 2 layout: references keyed by user id alone. */
function downgradeToVersion2(
  file: string,
  rows: { userId: string; tenantId: string; reference: string }[],
): void {
  const db = new Database(file);
  try {
    db.exec(`
      DROP TABLE export_links;
      DROP TABLE conversations;
      CREATE TABLE conversations (
        user_id    TEXT PRIMARY KEY,
        tenant_id  TEXT NOT NULL,
        reference  TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`);
    // Later versions may have added to other tables too; take those back so every migration after 2 runs.
    const auditColumns = db.prepare<[], { name: string }>('PRAGMA table_info(audit)').all();
    if (auditColumns.some((c) => c.name === 'tenant_id')) db.exec('ALTER TABLE audit DROP COLUMN tenant_id');
    db.exec(`DROP TRIGGER IF EXISTS waiting_on_insert; DROP TRIGGER IF EXISTS waiting_on_update;
      DROP TRIGGER IF EXISTS waiting_on_delete; DROP TABLE IF EXISTS waiting;
      DROP TRIGGER IF EXISTS marks_on_insert; DROP TRIGGER IF EXISTS marks_on_update;
      DROP TRIGGER IF EXISTS marks_on_delete; DROP TABLE IF EXISTS marks;`);
    const dossierColumns = db.prepare<[], { name: string }>('PRAGMA table_info(dossiers)').all();
    for (const column of ['current_step', 'last_activity_at'])
      if (dossierColumns.some((c) => c.name === column))
        db.exec(`ALTER TABLE dossiers DROP COLUMN ${column}`);
    const insert = db.prepare('INSERT INTO conversations VALUES (?, ?, ?, ?)');
    for (const row of rows) insert.run(row.userId, row.tenantId, row.reference, '2026-03-01T08:00:00.000Z');
    db.pragma('user_version = 2');
  } finally {
    db.close();
  }
}

describe('upgrading an SQLite file from schema version 2', () => {
  it('keeps every saved reference, readable only in the tenant it was saved with', async () => {
    const file = join(dir, 'v2.db');
    await SqliteStore.open(file).close();
    const saved = makeConversation('aad-user-1', '2026-03-01T08:00:00.000Z', 'a:saved');
    downgradeToVersion2(file, [
      { userId: 'aad-user-1', tenantId: TENANT, reference: JSON.stringify(saved.reference) },
      { userId: 'aad-user-2', tenantId: OTHER_TENANT, reference: '{"conversation":{"id":"a:x"}}' },
    ]);

    const store = SqliteStore.open(file);
    try {
      expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(saved);
      expect(await store.getConversation(OTHER_TENANT, 'aad-user-1')).toBeUndefined();
      expect((await store.getConversation(OTHER_TENANT, 'aad-user-2'))?.reference).toEqual({
        conversation: { id: 'a:x' },
      });
      expect(await store.getConversation(TENANT, 'aad-user-2')).toBeUndefined();
      await store.saveExportLink(
        {
          id: 'after-upgrade',
          tenantId: TENANT,
          schoolId: 'school',
          dossierId: 'dossier',
          requestedBy: 'aad-user-1',
          fileName: 'x.md',
          contentType: 'text/plain',
          body: Buffer.from('x'),
          createdAt: '2026-03-01T08:00:00.000Z',
          expiresAt: '2026-03-01T08:10:00.000Z',
        },
        '2026-03-01T08:00:00.000Z',
      );
      expect(await store.takeExportLink('after-upgrade', '2026-03-01T08:01:00.000Z')).toBeDefined();
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    } finally {
      db.close();
    }
  });
});
