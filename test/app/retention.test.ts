// Retention: closed dossiers go after the school's period, open ones never, and without a period
// nothing goes. The removal is audited without content.

import { SqliteStore } from '../../src/store/sqlite-store';
import { RetentionSweeper } from '../../src/app/retention';
import { createLogger } from '../../src/logger';
import type { School } from '../../src/domain';
import { cmd, dossierAfter, NOW } from '../domain/given';

const DAY = 24 * 60 * 60 * 1000;
const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Directeur Visser' },
};

describe('removing closed dossiers after the retention period', () => {
  const closed = dossierAfter([cmd.closeDossier()]);
  const open = { ...dossierAfter([]), id: 'dossier-open' };

  async function storeWith(): Promise<SqliteStore> {
    const store = SqliteStore.open(':memory:');
    await store.createDossier(closed);
    await store.createDossier(open);
    return store;
  }

  it('keeps everything when the school set no period', async () => {
    const store = await storeWith();
    const sweeper = new RetentionSweeper({
      store,
      schools: [school],
      logger: createLogger('silent'),
      newId: () => 'a',
    });
    expect(await sweeper.sweep(new Date(NOW.getTime() + 10_000 * DAY))).toBe(0);
    expect(await store.getDossier(school.id, closed.id)).toBeDefined();
  });

  it('removes a closed dossier once its period has passed, keeping who changed it when and that it was removed', async () => {
    const store = await storeWith();
    const schools = [{ ...school, retention: { closedDossierDays: 730 } }];
    let n = 0;
    const sweeper = new RetentionSweeper({
      store,
      schools,
      logger: createLogger('silent'),
      newId: () => `audit-${++n}`,
    });
    expect(await sweeper.sweep(new Date(NOW.getTime() + 729 * DAY))).toBe(0);
    expect(await sweeper.sweep(new Date(NOW.getTime() + 730 * DAY))).toBe(1);
    expect(await store.getDossier(school.id, closed.id)).toBeUndefined();
    expect(await store.getDossier(school.id, open.id)).toBeDefined();
    const audit = await store.auditOfDossier(school.id, closed.id);
    // The changes' audit events (kept inside the dossier until now) outlive it; nothing of content.
    expect(audit.map((e) => ({ action: e.action, actorId: e.actorId }))).toEqual([
      { action: 'changed:dossierOpened', actorId: 'user-owner' },
      { action: 'changed:dossierClosed', actorId: 'user-owner' },
      { action: 'removed:retention:730d', actorId: 'meldcode-bot' },
    ]);
    expect(JSON.stringify(audit)).not.toContain(closed.pupil.reference);
    // Two instances sweeping at once, or a second pass, remove nothing more.
    expect(await sweeper.sweep(new Date(NOW.getTime() + 731 * DAY))).toBe(0);
  });
});
