// The zorgcoördinator's home on both stores: it shows how many consultations wait and the five that
// waited longest, and reads only those dossiers: the same few reads with 10 or 50 dossiers in the
// school, however many wait. Only what is shown is audited as listed.

import type { DossierService } from '../../src/app/dossier-service';
import type { Command, Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import type { Store } from '../../src/store/store';
import { bothStores } from '../support/both-stores';
import { openedBy, serviceOn as serviceOnStore } from '../support/dossier-service';
import { storeWith } from '../support/store-with';
import { cmd } from '../domain/given';

const SCHOOL: School = {
  id: 'school-waiting',
  name: 'De Wachtkamer',
  tenantId: 'tenant-waiting',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Directeur' },
};
const COORDINATOR = { id: 'user-ib', name: 'Meneer Bakker', tenantId: SCHOOL.tenantId };
const owner = (i: number) => ({ id: `user-owner-${i}`, name: `Juf ${i}`, tenantId: SCHOOL.tenantId });
/** Minute `i` of Tuesday 10 March 2026, from 11:00 in Amsterdam. */
const minute = (i: number): Date => new Date(Date.parse('2026-03-10T10:00:00Z') + i * 60_000);

/** The real store, counting the dossiers read whole. */
function counting(inner: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const store = storeWith(inner, {
    getDossier: (schoolId: string, id: string) => {
      reads += 1;
      return inner.getDossier(schoolId, id);
    },
  });
  return { store, reads: () => reads };
}

const serviceOn = (store: Store) => serviceOnStore(store, [SCHOOL]);
const open = (service: DossierService, i: number) => openedBy(service, SCHOOL, owner(i), i, minute(i));

async function act(
  service: DossierService,
  who: typeof COORDINATOR,
  dossier: Dossier,
  command: Command,
  at: Date,
) {
  const outcome = await service.act(who, dossier.schoolId, dossier.id, command, at);
  if (!outcome.ok) throw new Error(`${command.type} refused`);
  return outcome.dossier;
}

describe.each(bothStores('waiting'))('the zorgcoördinator’s home on the %s store', (_name, newDatabase) => {
  it('counts what waits, shows the five that waited longest, and reads and audits only those', async () => {
    const { store, reads } = counting(await newDatabase()());
    const service = serviceOn(store);
    try {
      // Eight dossiers ask for a consultation, at minutes 100 + i (the eighth twice); the second one's
      // is accepted (it still waits for advice), the third one's answered (it waits no longer).
      const asking: Dossier[] = [];
      for (let i = 0; i < 8; i += 1) {
        const dossier = await open(service, i);
        asking.push(await act(service, owner(i), dossier, cmd.requestConsultation(), minute(100 + i)));
      }
      await act(service, COORDINATOR, asking[1]!, cmd.acceptConsultation(), minute(200));
      await act(service, COORDINATOR, asking[2]!, cmd.acceptConsultation(), minute(201));
      await act(service, COORDINATOR, asking[2]!, cmd.recordConsultationAdvice(), minute(202));
      await act(service, owner(7), asking[7]!, cmd.requestConsultation({ question: 'En nu?' }), minute(203));
      // Quiet dossiers: nothing of theirs waits for the zorgcoördinator.
      for (let i = 8; i < 10; i += 1) await open(service, i);

      const before = reads();
      const home = await service.consultationsWaiting(COORDINATOR, minute(300), 5);
      const readForHome = reads() - before;
      expect(home.items).toBe(8); // seven dossiers, one of them with two open requests
      expect(home.lines.map((l) => l.dossier.id)).toEqual([0, 1, 3, 4, 5].map((i) => asking[i]!.id));
      expect(home.lines.map((l) => l.consultation.status)).toEqual([
        'requested',
        'accepted',
        'requested',
        'requested',
        'requested',
      ]);
      expect(readForHome).toBe(5);
      for (const [i, dossier] of asking.entries()) {
        const listed = (await store.auditOfDossier(SCHOOL.id, dossier.id)).filter(
          (e) => e.action === 'listed',
        );
        expect([i, listed.length]).toEqual([i, [0, 1, 3, 4, 5].includes(i) ? 1 : 0]);
      }

      // Forty more dossiers in the school, two of them waiting: still five dossiers read.
      for (let i = 10; i < 50; i += 1) {
        const dossier = await open(service, i);
        if (i >= 48) await act(service, owner(i), dossier, cmd.requestConsultation(), minute(400 + i));
      }
      const again = reads();
      const later = await service.consultationsWaiting(COORDINATOR, minute(500), 5);
      expect(reads() - again).toBe(5);
      expect(later.items).toBe(10);
      expect(later.lines).toHaveLength(5);
    } finally {
      await store.close();
    }
  });

  it('shows nothing and reads nothing for someone who coordinates no school', async () => {
    const { store, reads } = counting(await newDatabase()());
    try {
      const service = serviceOn(store);
      await act(service, owner(1), await open(service, 1), cmd.requestConsultation(), minute(10));
      const before = reads();
      expect(await service.consultationsWaiting(owner(2), minute(20), 5)).toEqual({ items: 0, lines: [] });
      expect(reads() - before).toBe(0);
    } finally {
      await store.close();
    }
  });
});
