// Dossiers marked by an earlier release (a mark without its details) are brought up to date at
// start-up, on both stores: the zorgcoördinator's home then counts each open consultation and
// shows the longest waiting first. Only the dossiers that wait are read; the log is not touched; a
// second start changes nothing; a dossier someone changed meanwhile is left to that change.

import type { DossierService } from '../../src/app/dossier-service';
import { bringWaitingMarksUpToDate } from '../../src/app/waiting-marks';
import type { Command, Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/store/store';
import { bothStores } from '../support/both-stores';
import { openedBy, serviceOn as serviceOnStore } from '../support/dossier-service';
import { storeWith } from '../support/store-with';
import { cmd } from '../domain/given';

const SCHOOL: School = {
  id: 'school-marks',
  name: 'De Markering',
  tenantId: 'tenant-marks',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Directeur' },
};
const owner = (i: number) => ({ id: `user-owner-${i}`, name: `Juf ${i}`, tenantId: SCHOOL.tenantId });
/** Minute `i` of Tuesday 10 March 2026, from 11:00 in Amsterdam. */
const minute = (i: number): Date => new Date(Date.parse('2026-03-10T10:00:00Z') + i * 60_000);
const silent = createLogger('silent');

const serviceOn = (store: Store) => serviceOnStore(store, [SCHOOL]);
const opened = (service: DossierService, i: number) => openedBy(service, SCHOOL, owner(i), i, minute(i));

async function act(service: DossierService, i: number, dossier: Dossier, command: Command, at: Date) {
  const outcome = await service.act(owner(i), SCHOOL.id, dossier.id, command, at);
  if (!outcome.ok) throw new Error(`${command.type} refused`);
  return outcome.dossier;
}

/** The dossier as an earlier release wrote it: its marks, without their details. */
async function asMarkedBefore(store: Store, id: string): Promise<void> {
  const found = await store.getDossier(SCHOOL.id, id);
  if (!found?.value.attentionDetails) throw new Error('expected a dossier with details to take away');
  const { attentionDetails: _details, ...before } = found.value;
  await store.replaceDossier(before, found.version);
}

describe.each(bothStores('marks'))(
  'waiting marks brought up to date on the %s store',
  (_name, newDatabase) => {
    it('gives old marks their details, reads only what waits, and leaves the log alone', async () => {
      let reads = 0;
      const real = await newDatabase()();
      const store = storeWith(real, {
        getDossier: (schoolId: string, id: string) => {
          reads += 1;
          return real.getDossier(schoolId, id);
        },
      });
      const service = serviceOn(store);
      try {
        // Two dossiers wait for the zorgcoördinator: the older one with two open requests.
        const twice = await opened(service, 1);
        await act(service, 1, twice, cmd.requestConsultation(), minute(100));
        await act(service, 1, twice, cmd.requestConsultation({ question: 'En nu?' }), minute(101));
        const once = await opened(service, 2);
        await act(service, 2, once, cmd.requestConsultation(), minute(102));
        // Ten quiet dossiers: nothing of theirs waits.
        for (let i = 3; i < 13; i += 1) await opened(service, i);
        await asMarkedBefore(real, twice.id);
        await asMarkedBefore(real, once.id);
        const logBefore = (await real.getDossier(SCHOOL.id, twice.id))?.value.log;
        // Without details each dossier counts as one, however many of its consultations wait.
        expect((await real.waitingList(SCHOOL.id, 'consultation', 5)).items).toBe(2);

        reads = 0;
        const report = await bringWaitingMarksUpToDate({ store, schools: [SCHOOL], logger: silent });
        expect(report).toEqual({ read: 2, updated: 2, changedMeanwhile: 0 });
        expect(reads).toBe(2);

        const home = await real.waitingList(SCHOOL.id, 'consultation', 5);
        expect(home.items).toBe(3);
        expect(home.longest.map((s) => s.id)).toEqual([twice.id, once.id]);
        const after = (await real.getDossier(SCHOOL.id, twice.id))?.value;
        expect(after?.attentionDetails).toEqual({
          consultation: { since: minute(100).toISOString(), items: 2 },
        });
        expect(after?.log).toEqual(logBefore);

        // A second start finds nothing to do.
        expect(await bringWaitingMarksUpToDate({ store, schools: [SCHOOL], logger: silent })).toEqual({
          read: 2,
          updated: 0,
          changedMeanwhile: 0,
        });
      } finally {
        await real.close();
      }
    });

    it('leaves a dossier someone changed meanwhile to that change', async () => {
      const real = await newDatabase()();
      const service = serviceOn(real);
      try {
        const dossier = await opened(service, 1);
        await act(service, 1, dossier, cmd.requestConsultation(), minute(100));
        await asMarkedBefore(real, dossier.id);
        // Between the start-up's read and its write, the owner asks again (through the write path).
        let changed = false;
        const store = storeWith(real, {
          getDossier: async (schoolId: string, id: string) => {
            const found = await real.getDossier(schoolId, id);
            if (!changed) {
              changed = true;
              await act(service, 1, dossier, cmd.requestConsultation({ question: 'Nog één?' }), minute(200));
            }
            return found;
          },
        });
        expect(await bringWaitingMarksUpToDate({ store, schools: [SCHOOL], logger: silent })).toEqual({
          read: 1,
          updated: 0,
          changedMeanwhile: 1,
        });
        // The owner's change was kept, and its write set the details.
        const now = (await real.getDossier(SCHOOL.id, dossier.id))?.value;
        expect(now?.attentionDetails?.consultation).toEqual({ since: minute(100).toISOString(), items: 2 });
        expect((await real.waitingList(SCHOOL.id, 'consultation', 5)).items).toBe(2);
      } finally {
        await real.close();
      }
    });
  },
);
