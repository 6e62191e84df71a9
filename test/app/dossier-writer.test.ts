// The one write path under faults, on both stores: a write that fails at any point of a change —
// before the read, between the read and the write, during the write, after the write with its answer
// lost — is tried again, and every entry ends up recorded once with exactly one audit event. And ten
// people acting on one dossier at once, on two instances, are all recorded without pressing again.

import { randomUUID } from 'node:crypto';
import type { DossierService } from '../../src/app/dossier-service';
import { changeAuditOf, type AuditEvent, type Command, type Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import { bothStores, type Connect } from '../support/both-stores';
import { serviceOn as serviceOnStore } from '../support/dossier-service';
import { storeWith } from '../support/store-with';
import { StaleVersionError, type Store } from '../../src/store/store';

const SCHOOL: School = {
  id: 'school-writer',
  name: 'De Schrijver',
  tenantId: 'tenant-writer',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Directeur' },
};
const OWNER = { id: 'user-owner', name: 'Juf Jansen', tenantId: SCHOOL.tenantId };
const NOW = new Date('2026-03-10T10:00:00Z');

/** The error Node gives for a connection the other side cut: the request may or may not have landed. */
function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** Where in a change a fault strikes. */
type FaultPoint = 'before the read' | 'before the write' | 'after the write, its answer lost';

/**
 * The real store, with one fault at one point of the next change: a broken connection before
 * reading the dossier, before the write reaches the store, or after the write landed (the answer lost).
 */
function faulty(inner: Store, point: FaultPoint, times = 1): Store {
  let left = times;
  const strike = (): boolean => left-- > 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (property === 'getDossier' && point === 'before the read')
        return async (...args: unknown[]) =>
          strike() ? Promise.reject(connectionReset()) : method.apply(target, args);
      if (property === 'replaceDossier' && point === 'before the write')
        return async (...args: unknown[]) =>
          strike() ? Promise.reject(connectionReset()) : method.apply(target, args);
      if (property === 'replaceDossier' && point === 'after the write, its answer lost')
        return async (...args: unknown[]) => {
          const result = await method.apply(target, args);
          if (strike()) throw connectionReset();
          return result;
        };
      return (...args: unknown[]) => method.apply(target, args);
    },
  });
}

const serviceOn = (store: Store, attempts = 12): DossierService =>
  serviceOnStore(store, [SCHOOL], { attempts, budgetMs: 10_000, baseMs: 1, maxMs: 20 });

async function openOn(store: Store): Promise<Dossier> {
  const opened = await serviceOn(store).open(
    OWNER,
    SCHOOL.id,
    {
      type: 'openDossier',
      submissionId: randomUUID(),
      schoolId: SCHOOL.id,
      pupil: { reference: 'JdV', group: 'groep 6', age: 10 },
      firstDescription: '',
    },
    NOW,
  );
  if (!opened.ok) throw new Error('not opened');
  return opened.dossier;
}

const note = (text: string, submissionId = randomUUID()): Command => ({
  type: 'recordNote',
  submissionId,
  text,
  isOpinion: false,
});

/** Every audit event of a dossier: its changes' (kept in it) and the others (views, refusals). */
async function auditTrail(store: Store, dossier: Dossier): Promise<AuditEvent[]> {
  const current = (await store.getDossier(dossier.schoolId, dossier.id))?.value;
  return [
    ...(current ? changeAuditOf(current) : []),
    ...(await store.auditOfDossier(dossier.schoolId, dossier.id)),
  ];
}

async function reread(store: Store, dossier: Dossier): Promise<Dossier> {
  const current = await store.getDossier(dossier.schoolId, dossier.id);
  if (!current) throw new Error('gone');
  return current.value;
}

// ---- The two stores ---------------------------------------------------------------------------------------

const STORES = bothStores('writer');

describe.each(STORES)('the one write path on the %s store', (_name, newDatabase) => {
  let connect: Connect;
  const open: Store[] = [];
  const connection = async (): Promise<Store> => {
    const store = await connect();
    open.push(store);
    return store;
  };

  beforeEach(() => {
    connect = newDatabase();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  const points: FaultPoint[] = ['before the read', 'before the write', 'after the write, its answer lost'];

  it.each(points)(
    'a fault %s is tried again: the entry is recorded once, with one audit event',
    async (point) => {
      const store = await connection();
      const dossier = await openOn(store);
      const outcome = await serviceOn(faulty(store, point)).act(
        OWNER,
        SCHOOL.id,
        dossier.id,
        note('Gesprek met moeder'),
        NOW,
      );
      expect(outcome.ok).toBe(true);

      const after = await reread(store, dossier);
      expect(after.log.map((e) => e.kind)).toEqual(['dossierOpened', 'noteRecorded']);
      const changes = (await auditTrail(store, dossier)).filter((e) => e.action.startsWith('changed:'));
      expect(changes.map((e) => [e.id, e.action, e.tenantId])).toEqual([
        [`${dossier.id}:1`, 'changed:dossierOpened', SCHOOL.tenantId],
        [`${dossier.id}:2`, 'changed:noteRecorded', SCHOOL.tenantId],
      ]);
    },
  );

  it('an opening whose write failed and was tried again keeps the number it took: the next dossier follows on', async () => {
    const store = await connection();
    // The first write of the new dossier breaks the connection before it reaches the store.
    let left = 1;
    const breaking = storeWith(store, {
      createDossier: (dossier: Dossier) =>
        left-- > 0 ? Promise.reject(connectionReset()) : store.createDossier(dossier),
    });
    const first = await serviceOn(breaking).open(
      OWNER,
      SCHOOL.id,
      {
        type: 'openDossier',
        submissionId: randomUUID(),
        schoolId: SCHOOL.id,
        pupil: { reference: 'AB', group: '7b', age: 9 },
        firstDescription: '',
      },
      NOW,
    );
    expect(left).toBe(-1);
    const second = await openOn(store);
    expect([first.ok && first.dossier.number, second.number]).toEqual(['MC-2026-0001', 'MC-2026-0002']);
  });

  it.each([
    ['before the read', 'fails the action (the error boundary answers)'],
    ['before the write', 'gives the form back to send again (tryAgain), nothing recorded'],
  ] as const)(
    'a fault %s that outlasts the retries %s; pressing again records it once',
    async (point, _what) => {
      const store = await connection();
      const dossier = await openOn(store);
      const command = note('Gesprek met vader');
      const failing = serviceOn(faulty(store, point, 3), 3).act(OWNER, SCHOOL.id, dossier.id, command, NOW);
      if (point === 'before the read') await expect(failing).rejects.toMatchObject({ code: 'ECONNRESET' });
      else expect(await failing).toMatchObject({ ok: false, refusal: { code: 'tryAgain' } });
      expect((await reread(store, dossier)).log).toHaveLength(1);

      // The same card pressed again, on a healthy connection.
      const again = await serviceOn(store).act(OWNER, SCHOOL.id, dossier.id, command, NOW);
      expect(again.ok && !again.duplicate).toBe(true);
      const after = await reread(store, dossier);
      expect(after.log.filter((e) => e.kind === 'noteRecorded')).toHaveLength(1);
      const audit = await auditTrail(store, dossier);
      expect(audit.filter((e) => e.action === 'changed:noteRecorded')).toHaveLength(1);
      expect(new Set(audit.map((e) => e.id)).size).toBe(audit.length);
    },
  );

  it('gives up within its time budget, with the form to send again, when others keep writing first', async () => {
    const store = await connection();
    const dossier = await openOn(store);
    // Every write finds the dossier changed by someone else, for longer than a click may take.
    let writes = 0;
    const busy = storeWith(store, {
      replaceDossier: (d: Dossier) => {
        writes += 1;
        return Promise.reject(new StaleVersionError(d.id));
      },
    });
    const service = serviceOnStore(busy, [SCHOOL], { attempts: 1000, budgetMs: 150, baseMs: 5, maxMs: 20 });
    const outcome = await service.act(OWNER, SCHOOL.id, dossier.id, note('Te druk'), NOW);
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'tryAgain' } });
    // It stopped because its time ran out, not because its 1,000 attempts did (they would take
    // seconds at 5–20 ms a backoff), and it did try again before that.
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeLessThan(1000);
    expect((await reread(store, dossier)).log).toHaveLength(1);
  });

  it('a write whose answer is lost is found on the next read: the action succeeds, recorded once; pressing again too', async () => {
    const store = await connection();
    const dossier = await openOn(store);
    const command = note('Gesprek met vader');
    // Every answer lost: the first attempt's write landed, the retry finds it and writes nothing.
    const first = await serviceOn(faulty(store, 'after the write, its answer lost', 100), 3).act(
      OWNER,
      SCHOOL.id,
      dossier.id,
      command,
      NOW,
    );
    expect(first.ok && first.duplicate).toBe(true);
    const again = await serviceOn(store).act(OWNER, SCHOOL.id, dossier.id, command, NOW);
    expect(again.ok && again.duplicate).toBe(true);
    const after = await reread(store, dossier);
    expect(after.log.filter((e) => e.kind === 'noteRecorded')).toHaveLength(1);
    const audit = await auditTrail(store, dossier);
    expect(audit.filter((e) => e.action === 'changed:noteRecorded')).toHaveLength(1);
  });

  it('ten people acting on one dossier at once, on two instances, are all recorded without pressing again', async () => {
    const first = await connection();
    const second = await connection();
    const dossier = await openOn(first);
    const [one, other] = [serviceOn(first), serviceOn(second)];
    const commands = Array.from({ length: 10 }, (_, i) => note(`Waarneming ${i + 1}`));
    const outcomes = await Promise.all(
      commands.map((command, i) =>
        (i % 2 === 0 ? one : other).act(OWNER, SCHOOL.id, dossier.id, command, NOW),
      ),
    );
    expect(outcomes.every((o) => o.ok && !o.duplicate)).toBe(true);

    const after = await reread(first, dossier);
    const texts = after.log.flatMap((e) => (e.kind === 'noteRecorded' ? [e.data.text] : []));
    expect(texts.sort()).toEqual(commands.map((c) => (c.type === 'recordNote' ? c.text : '')).sort());
    expect(after.log.map((e) => e.seq)).toEqual(after.log.map((_, i) => i + 1));
    const audit = await auditTrail(first, dossier);
    expect(audit.filter((e) => e.action === 'changed:noteRecorded')).toHaveLength(10);
  });

  it('a second press of the same card, at the same moment on the other instance, records once', async () => {
    const first = await connection();
    const second = await connection();
    const dossier = await openOn(first);
    const command = note('Dubbel geklikt');
    const [a, b] = await Promise.all([
      serviceOn(first).act(OWNER, SCHOOL.id, dossier.id, command, NOW),
      serviceOn(second).act(OWNER, SCHOOL.id, dossier.id, command, NOW),
    ]);
    expect([a.ok && a.duplicate, b.ok && b.duplicate].sort()).toEqual([false, true]);
    const after = await reread(first, dossier);
    expect(after.log.filter((e) => e.kind === 'noteRecorded')).toHaveLength(1);
  });

  it('a refused attempt by someone not involved is audited, and changes nothing', async () => {
    const store = await connection();
    const dossier = await openOn(store);
    const stranger = { id: 'user-stranger', name: 'Meneer Anders', tenantId: SCHOOL.tenantId };
    const outcome = await serviceOn(store).act(stranger, SCHOOL.id, dossier.id, note('Niet van mij'), NOW);
    expect(outcome).toEqual({ ok: false, access: { code: 'notInvolved' } });
    expect((await reread(store, dossier)).log).toHaveLength(1);
    const audit = await store.auditOfDossier(SCHOOL.id, dossier.id);
    expect(audit.map((e) => [e.action, e.actorId, e.tenantId])).toEqual([
      ['refused:notInvolved', stranger.id, SCHOOL.tenantId],
    ]);
  });
});
