// The store contract: the behaviour every Store implementation must show, run against each one
// (sqlite-store.test.ts, cosmos-store.test.ts). No branching on the implementation. A case one
// store cannot support would be skipped here with `it.skip` and a written reason; there is none.

import type { Dossier } from '../../src/domain/dossier';
import {
  AlreadyExistsError,
  StaleVersionError,
  type ExportLink,
  type Store,
  type Versioned,
} from '../../src/store/store';
import {
  OTHER_OWNER,
  OTHER_SCHOOL,
  OWNER,
  SCHOOL,
  OTHER_TENANT,
  TENANT,
  freshId,
  makeAuditEvent,
  makeConversation,
  makeDossier,
} from './fixtures';

export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

/** The dossier with one more log entry, as a use case would write it. */
function withNote(dossier: Dossier, at: string, text: string): Dossier {
  return {
    ...dossier,
    updatedAt: at,
    log: [
      ...dossier.log,
      {
        seq: dossier.log.length + 1,
        at,
        authorId: dossier.ownerId,
        authorName: dossier.ownerName,
        role: 'eigenaar',
        kind: 'noteRecorded',
        data: { text, isOpinion: false },
      },
    ],
  };
}

function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value, got undefined');
  return value;
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`the ${name} store`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    const ids = (list: { id: string }[]): string[] => list.map((item) => item.id);

    describe('a dossier', () => {
      it('comes back exactly as it was created, at the version the create returned', async () => {
        const dossier = makeDossier();
        const created = await store.createDossier(dossier);
        expect(created.value).toEqual(dossier);
        expect(typeof created.version).toBe('string');

        const read = await store.getDossier(SCHOOL, dossier.id);
        expect(read).toEqual({ value: dossier, version: created.version });
      });

      it('cannot be created twice: the second create fails with AlreadyExistsError', async () => {
        const dossier = makeDossier();
        await store.createDossier(dossier);
        await expect(store.createDossier({ ...dossier, ownerName: 'Iemand anders' })).rejects.toBeInstanceOf(
          AlreadyExistsError,
        );
        expect(present(await store.getDossier(SCHOOL, dossier.id)).value).toEqual(dossier);
      });

      it('is undefined when it was never created', async () => {
        expect(await store.getDossier(SCHOOL, 'dossier-that-never-was')).toBeUndefined();
      });

      it('is not found when asked for under another school', async () => {
        const dossier = makeDossier();
        await store.createDossier(dossier);
        expect(await store.getDossier(OTHER_SCHOOL, dossier.id)).toBeUndefined();
      });

      it('can be replaced with its current version, which gives a new version', async () => {
        const dossier = makeDossier();
        const created = await store.createDossier(dossier);
        const changed = withNote(dossier, '2026-03-03T09:00:00.000Z', 'Gesprek met de IB-er gepland.');

        const replaced = await store.replaceDossier(changed, created.version);
        expect(replaced.value).toEqual(changed);
        expect(replaced.version).not.toBe(created.version);
        expect(await store.getDossier(SCHOOL, dossier.id)).toEqual({
          value: changed,
          version: replaced.version,
        });
      });

      it('refuses a replace with an old version (StaleVersionError) and keeps what was stored', async () => {
        const dossier = makeDossier();
        const created = await store.createDossier(dossier);
        const first = withNote(dossier, '2026-03-03T09:00:00.000Z', 'eerste');
        await store.replaceDossier(first, created.version);

        const late = withNote(dossier, '2026-03-03T09:05:00.000Z', 'te laat');
        await expect(store.replaceDossier(late, created.version)).rejects.toBeInstanceOf(StaleVersionError);
        expect(present(await store.getDossier(SCHOOL, dossier.id)).value).toEqual(first);
      });

      it('is gone after delete, also from the lists, and deleting it again is no error', async () => {
        const dossier = makeDossier({ nextReminderAt: '2026-03-10T07:00:00.000Z' });
        await store.createDossier(dossier);

        await store.deleteDossier(SCHOOL, dossier.id);
        expect(await store.getDossier(SCHOOL, dossier.id)).toBeUndefined();
        expect(await store.openDossiersOfOwner(SCHOOL, OWNER)).toEqual([]);
        expect(await store.dossiersOfSchool(SCHOOL, 'open')).toEqual([]);
        expect(await store.dueForReminder(SCHOOL, '2026-12-31T00:00:00.000Z', 10)).toEqual([]);
        await expect(store.deleteDossier(SCHOOL, dossier.id)).resolves.toBeUndefined();
      });

      it('refuses a replace after it was deleted (StaleVersionError) and does not bring it back', async () => {
        const dossier = makeDossier();
        const created = await store.createDossier(dossier);
        await store.deleteDossier(SCHOOL, dossier.id);

        const changed = withNote(dossier, '2026-03-03T09:00:00.000Z', 'na verwijderen');
        await expect(store.replaceDossier(changed, created.version)).rejects.toBeInstanceOf(
          StaleVersionError,
        );
        expect(await store.getDossier(SCHOOL, dossier.id)).toBeUndefined();
      });
    });

    describe('two writers on one dossier', () => {
      async function race(): Promise<{
        dossier: Dossier;
        winner: Dossier;
        loser: Dossier;
        outcome: [PromiseSettledResult<Versioned<Dossier>>, PromiseSettledResult<Versioned<Dossier>>];
      }> {
        const dossier = makeDossier();
        await store.createDossier(dossier);
        // Both read the same version v …
        const [readA, readB] = [
          present(await store.getDossier(SCHOOL, dossier.id)),
          present(await store.getDossier(SCHOOL, dossier.id)),
        ];
        expect(readA.version).toBe(readB.version);
        const changeA = withNote(readA.value, '2026-03-04T10:00:00.000Z', 'schrijver A');
        const changeB = withNote(readB.value, '2026-03-04T10:00:01.000Z', 'schrijver B');
        // … and both replace at once.
        const outcome = await Promise.allSettled([
          store.replaceDossier(changeA, readA.version),
          store.replaceDossier(changeB, readB.version),
        ] as const);
        const aWon = outcome[0].status === 'fulfilled';
        return { dossier, winner: aWon ? changeA : changeB, loser: aWon ? changeB : changeA, outcome };
      }

      it("lets one replace win, gives the other StaleVersionError, and keeps the winner's change", async () => {
        const { dossier, winner, outcome } = await race();

        const fulfilled = outcome.filter((result) => result.status === 'fulfilled');
        const rejected = outcome.filter((result) => result.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);

        const stored = present(await store.getDossier(SCHOOL, dossier.id));
        expect(stored.value).toEqual(winner);
        expect(stored.version).toBe(
          (fulfilled[0] as PromiseFulfilledResult<Versioned<Dossier>>).value.version,
        );
      });

      it('lets the loser reload and write its change on top, so nothing is lost', async () => {
        const { dossier, loser } = await race();

        const reloaded = present(await store.getDossier(SCHOOL, dossier.id));
        const lostNote = present(loser.log[loser.log.length - 1]);
        const retried = withNote(
          reloaded.value,
          '2026-03-04T10:00:02.000Z',
          lostNote.kind === 'noteRecorded' ? lostNote.data.text : '',
        );
        await store.replaceDossier(retried, reloaded.version);

        const notes = present(await store.getDossier(SCHOOL, dossier.id)).value.log.map((entry) =>
          entry.kind === 'noteRecorded' ? entry.data.text : undefined,
        );
        expect(notes).toEqual(expect.arrayContaining(['schrijver A', 'schrijver B']));
      });
    });

    describe('lists of dossiers', () => {
      it("show a user's open dossiers: only theirs, only open, only that school, newest change first", async () => {
        const older = makeDossier({ updatedAt: '2026-03-05T10:00:00.000Z' });
        const newer = makeDossier({ updatedAt: '2026-03-06T10:00:00.000Z' });
        const middle = makeDossier({ updatedAt: '2026-03-05T15:00:00.000Z' });
        const closed = makeDossier({ status: 'closed', updatedAt: '2026-03-07T10:00:00.000Z' });
        const someoneElses = makeDossier({ ownerId: OTHER_OWNER, updatedAt: '2026-03-07T11:00:00.000Z' });
        const otherSchool = makeDossier({ schoolId: OTHER_SCHOOL, updatedAt: '2026-03-07T12:00:00.000Z' });
        for (const dossier of [older, newer, middle, closed, someoneElses, otherSchool]) {
          await store.createDossier(dossier);
        }

        expect(ids(await store.openDossiersOfOwner(SCHOOL, OWNER))).toEqual([newer.id, middle.id, older.id]);
        expect(ids(await store.openDossiersOfOwner(SCHOOL, OTHER_OWNER))).toEqual([someoneElses.id]);
        expect(ids(await store.openDossiersOfOwner(OTHER_SCHOOL, OWNER))).toEqual([otherSchool.id]);
      });

      it('show the dossiers an owner closed last, newest first, at most as many as asked', async () => {
        const closedOld = makeDossier({ status: 'closed', updatedAt: '2026-03-01T10:00:00.000Z' });
        const closedNew = makeDossier({ status: 'closed', updatedAt: '2026-03-09T10:00:00.000Z' });
        const closedMid = makeDossier({ status: 'closed', updatedAt: '2026-03-05T10:00:00.000Z' });
        const open = makeDossier({ updatedAt: '2026-03-10T10:00:00.000Z' });
        const someoneElses = makeDossier({ ownerId: OTHER_OWNER, status: 'closed' });
        const otherSchool = makeDossier({ schoolId: OTHER_SCHOOL, status: 'closed' });
        for (const dossier of [closedOld, closedNew, closedMid, open, someoneElses, otherSchool]) {
          await store.createDossier(dossier);
        }
        expect(ids(await store.closedDossiersOfOwner(SCHOOL, OWNER, 10))).toEqual([
          closedNew.id,
          closedMid.id,
          closedOld.id,
        ]);
        expect(ids(await store.closedDossiersOfOwner(SCHOOL, OWNER, 2))).toEqual([
          closedNew.id,
          closedMid.id,
        ]);
        expect(await store.closedDossiersOfOwner(SCHOOL, OWNER, 0)).toEqual([]);
        expect(ids(await store.closedDossiersOfOwner(OTHER_SCHOOL, OWNER, 10))).toEqual([otherSchool.id]);
      });

      it('show the dossiers of a school by status, newest change first', async () => {
        const openA = makeDossier({ updatedAt: '2026-03-05T10:00:00.000Z' });
        const openB = makeDossier({ ownerId: OTHER_OWNER, updatedAt: '2026-03-08T10:00:00.000Z' });
        const closedA = makeDossier({ status: 'closed', updatedAt: '2026-03-06T10:00:00.000Z' });
        const closedB = makeDossier({ status: 'closed', updatedAt: '2026-03-09T10:00:00.000Z' });
        const otherSchool = makeDossier({ schoolId: OTHER_SCHOOL, status: 'closed' });
        for (const dossier of [openA, openB, closedA, closedB, otherSchool]) {
          await store.createDossier(dossier);
        }

        expect(ids(await store.dossiersOfSchool(SCHOOL, 'open'))).toEqual([openB.id, openA.id]);
        expect(ids(await store.dossiersOfSchool(SCHOOL, 'closed'))).toEqual([closedB.id, closedA.id]);
        expect(ids(await store.dossiersOfSchool(OTHER_SCHOOL, 'open'))).toEqual([]);
      });

      it('give summaries (number, pupil reference, owner, dates), not the log', async () => {
        const dossier = makeDossier({ nextReminderAt: '2026-03-12T07:00:00.000Z' });
        await store.createDossier(dossier);

        expect(await store.dossiersOfSchool(SCHOOL, 'open')).toEqual([
          {
            id: dossier.id,
            schoolId: SCHOOL,
            number: dossier.number,
            pupilReference: 'J.K.',
            ownerId: OWNER,
            status: 'open',
            updatedAt: dossier.updatedAt,
            nextReminderAt: '2026-03-12T07:00:00.000Z',
          },
        ]);
        const [summary] = await store.openDossiersOfOwner(SCHOOL, OWNER);
        expect(summary).toEqual(
          expect.objectContaining({ id: dossier.id, nextReminderAt: dossier.nextReminderAt }),
        );
        expect(summary).not.toHaveProperty('log');
      });

      it('follow a replace: a closed dossier leaves the open lists', async () => {
        const dossier = makeDossier();
        const created = await store.createDossier(dossier);
        await store.replaceDossier(
          { ...dossier, status: 'closed', updatedAt: '2026-04-01T10:00:00.000Z' },
          created.version,
        );

        expect(await store.openDossiersOfOwner(SCHOOL, OWNER)).toEqual([]);
        expect(ids(await store.dossiersOfSchool(SCHOOL, 'closed'))).toEqual([dossier.id]);
      });
    });

    describe('the role lists: who takes part, what waits, who a card waits for', () => {
      const sorted = (list: { id: string }[]): string[] => list.map((s) => s.id).sort();

      it('find the open dossiers a person takes part in, as owner or as zorgcoördinator, and nothing closed', async () => {
        const teacher = freshId('teacher');
        const coordinator = freshId('coordinator');
        const owned = makeDossier({ ownerId: teacher, coordinatorIds: [] });
        const coordinated = makeDossier({ coordinatorIds: [coordinator] });
        const both = makeDossier({ ownerId: teacher, coordinatorIds: [coordinator] });
        const closed = makeDossier({ ownerId: teacher, coordinatorIds: [coordinator], status: 'closed' });
        const elsewhere = makeDossier({ schoolId: OTHER_SCHOOL, ownerId: teacher });
        for (const dossier of [owned, coordinated, both, closed, elsewhere])
          await store.createDossier(dossier);

        expect(sorted(await store.openDossiersInvolving(SCHOOL, teacher))).toEqual(sorted([owned, both]));
        expect(sorted(await store.openDossiersInvolving(SCHOOL, coordinator))).toEqual(
          sorted([coordinated, both]),
        );
        expect(sorted(await store.openDossiersInvolving(OTHER_SCHOOL, teacher))).toEqual([elsewhere.id]);
      });

      it('follow a change: joining as zorgcoördinator, and closing, move a dossier in and out of the lists', async () => {
        const coordinator = freshId('coordinator');
        const dossier = makeDossier({ coordinatorIds: [] });
        const created = await store.createDossier(dossier);
        expect(await store.openDossiersInvolving(SCHOOL, coordinator)).toEqual([]);

        const joined = await store.replaceDossier(
          { ...dossier, coordinatorIds: [coordinator], attention: ['consultation'] },
          created.version,
        );
        expect(sorted(await store.openDossiersInvolving(SCHOOL, coordinator))).toEqual([dossier.id]);
        expect(sorted(await store.dossiersNeeding(SCHOOL, 'consultation'))).toContain(dossier.id);

        await store.replaceDossier({ ...joined.value, status: 'closed' }, joined.version);
        expect(await store.openDossiersInvolving(SCHOOL, coordinator)).toEqual([]);
        expect(sorted(await store.dossiersNeeding(SCHOOL, 'consultation'))).not.toContain(dossier.id);
      });

      it('list a dossier for its co-owners, and follow a handover: the new owner in, the old one out', async () => {
        const owner = freshId('owner');
        const duo = freshId('duo');
        const next = freshId('next-teacher');
        const dossier = makeDossier({ ownerId: owner, coOwnerIds: [] });
        const created = await store.createDossier(dossier);
        expect(await store.openDossiersInvolving(SCHOOL, duo)).toEqual([]);

        const shared = await store.replaceDossier({ ...dossier, coOwnerIds: [duo] }, created.version);
        expect(sorted(await store.openDossiersInvolving(SCHOOL, duo))).toEqual([dossier.id]);
        expect(sorted(await store.openDossiersInvolving(SCHOOL, owner))).toEqual([dossier.id]);
        expect(await store.openDossiersInvolving(OTHER_SCHOOL, duo)).toEqual([]);

        // Handed over to the next teacher: the duo stays co-owner, the old owner is no longer listed.
        const handedOver = await store.replaceDossier(
          { ...shared.value, ownerId: next, ownerName: 'Juf Smit' },
          shared.version,
        );
        expect(sorted(await store.openDossiersInvolving(SCHOOL, next))).toEqual([dossier.id]);
        expect(sorted(await store.openDossiersInvolving(SCHOOL, duo))).toEqual([dossier.id]);
        expect(await store.openDossiersInvolving(SCHOOL, owner)).toEqual([]);

        // A co-owner removed is no longer listed; a closed dossier lists nobody.
        const removed = await store.replaceDossier(
          { ...handedOver.value, coOwnerIds: [] },
          handedOver.version,
        );
        expect(await store.openDossiersInvolving(SCHOOL, duo)).toEqual([]);
        await store.replaceDossier(
          { ...removed.value, coOwnerIds: [duo], status: 'closed' },
          removed.version,
        );
        expect(await store.openDossiersInvolving(SCHOOL, duo)).toEqual([]);
        expect(await store.openDossiersInvolving(SCHOOL, next)).toEqual([]);
      });

      it('find the dossiers that wait for a consultation or a decision, by what they wait for', async () => {
        const consultation = makeDossier({ attention: ['consultation'] });
        const decision = makeDossier({ attention: ['decision'] });
        const bothWaiting = makeDossier({ attention: ['consultation', 'decision'] });
        const nothing = makeDossier();
        for (const dossier of [consultation, decision, bothWaiting, nothing])
          await store.createDossier(dossier);

        const needing = async (what: 'consultation' | 'decision') =>
          (await store.dossiersNeeding(SCHOOL, what)).map((s) => s.id);
        expect(await needing('consultation')).toEqual(
          expect.arrayContaining([consultation.id, bothWaiting.id]),
        );
        expect(await needing('consultation')).not.toContain(decision.id);
        expect(await needing('decision')).toEqual(expect.arrayContaining([decision.id, bothWaiting.id]));
        expect(await needing('decision')).not.toContain(nothing.id);
        expect(await store.dossiersNeeding(OTHER_SCHOOL, 'decision')).toEqual([]);
      });

      it('count what waits and list only the dossiers that waited longest, oldest first, at most the limit', async () => {
        const school = freshId('school');
        const waiting = (since: string, items: number, overrides: Partial<Dossier> = {}) =>
          makeDossier({
            schoolId: school,
            attention: ['consultation'],
            attentionDetails: { consultation: { since, items } },
            ...overrides,
          });
        const twoRequests = waiting('2026-03-03T08:00:00.000Z', 2);
        const oldest = waiting('2026-03-01T08:00:00.000Z', 1);
        const middle = waiting('2026-03-02T08:00:00.000Z', 1);
        const decision = makeDossier({
          schoolId: school,
          attention: ['decision'],
          attentionDetails: { decision: { since: '2026-02-01T08:00:00.000Z', items: 1 } },
        });
        const closed = waiting('2026-01-01T08:00:00.000Z', 1, { status: 'closed' });
        const elsewhere = waiting('2026-01-01T08:00:00.000Z', 1, { schoolId: OTHER_SCHOOL });
        const created = new Map<string, string>();
        for (const dossier of [twoRequests, oldest, middle, decision, closed, elsewhere])
          created.set(dossier.id, (await store.createDossier(dossier)).version);

        const ids = (list: { longest: { id: string }[] }) => list.longest.map((s) => s.id);
        const two = await store.waitingList(school, 'consultation', 2);
        expect(two.items).toBe(4);
        expect(ids(two)).toEqual([oldest.id, middle.id]);
        expect(ids(await store.waitingList(school, 'consultation', 10))).toEqual([
          oldest.id,
          middle.id,
          twoRequests.id,
        ]);
        expect(await store.waitingList(school, 'consultation', 0)).toEqual({ items: 4, longest: [] });
        const decisions = await store.waitingList(school, 'decision', 5);
        expect(decisions.items).toBe(1);
        expect(ids(decisions)).toEqual([decision.id]);
        expect(decisions.longest[0]).toMatchObject({ id: decision.id, number: decision.number });

        // Answered: the oldest no longer waits, and the count and the list follow.
        const { attention: _a, attentionDetails: _d, ...answered } = oldest;
        await store.replaceDossier(answered, created.get(oldest.id) ?? '');
        const after = await store.waitingList(school, 'consultation', 2);
        expect(after.items).toBe(3);
        expect(ids(after)).toEqual([middle.id, twoRequests.id]);
        expect(await store.waitingList(freshId('school'), 'consultation', 5)).toEqual({
          items: 0,
          longest: [],
        });
      });

      it('find the dossiers with a card waiting for a person, and lose them once it is delivered', async () => {
        const person = freshId('beslisser');
        const dossier = makeDossier({ waitingFor: [person] });
        const created = await store.createDossier(dossier);
        expect((await store.dossiersWaitingFor(SCHOOL, person)).map((s) => s.id)).toEqual([dossier.id]);
        expect(await store.dossiersWaitingFor(OTHER_SCHOOL, person)).toEqual([]);

        const { waitingFor: _delivered, ...rest } = dossier;
        await store.replaceDossier(rest, created.version);
        expect(await store.dossiersWaitingFor(SCHOOL, person)).toEqual([]);
      });
    });

    describe('dossiers due for a reminder', () => {
      const now = '2026-04-01T10:00:00.000Z';

      async function seed() {
        const at = (nextReminderAt: string | null, schoolId = SCHOOL) =>
          makeDossier({ nextReminderAt, schoolId });
        const dossiers = {
          nine: at('2026-04-01T09:00:00.000Z'),
          eight: at('2026-04-01T08:00:00.000Z'),
          exactlyNow: at(now),
          lastWeek: at('2026-03-25T08:00:00.000Z'),
          future: at('2026-04-01T10:00:00.001Z'),
          none: at(null),
          otherSchool: at('2026-03-01T08:00:00.000Z', OTHER_SCHOOL),
        };
        for (const dossier of Object.values(dossiers)) await store.createDossier(dossier);
        return dossiers;
      }

      it('are those at or before now with a reminder set, earliest first, in that school only', async () => {
        const d = await seed();
        expect(ids(await store.dueForReminder(SCHOOL, now, 50))).toEqual([
          d.lastWeek.id,
          d.eight.id,
          d.nine.id,
          d.exactlyNow.id,
        ]);
        expect(ids(await store.dueForReminder(OTHER_SCHOOL, now, 50))).toEqual([d.otherSchool.id]);
      });

      it('are at most `limit`, the earliest ones', async () => {
        const d = await seed();
        expect(ids(await store.dueForReminder(SCHOOL, now, 2))).toEqual([d.lastWeek.id, d.eight.id]);
        expect(await store.dueForReminder(SCHOOL, now, 0)).toEqual([]);
      });

      it('leave out a dossier whose reminder was cleared', async () => {
        const d = await seed();
        const current = present(await store.getDossier(SCHOOL, d.eight.id));
        await store.replaceDossier({ ...current.value, nextReminderAt: null }, current.version);
        expect(ids(await store.dueForReminder(SCHOOL, now, 50))).not.toContain(d.eight.id);
      });
    });

    describe('dossier numbers', () => {
      it('count 1, 2, 3 per school and year, each school and year on its own', async () => {
        expect(await store.nextDossierSequence(SCHOOL, 2026)).toBe(1);
        expect(await store.nextDossierSequence(SCHOOL, 2026)).toBe(2);
        expect(await store.nextDossierSequence(OTHER_SCHOOL, 2026)).toBe(1);
        expect(await store.nextDossierSequence(SCHOOL, 2027)).toBe(1);
        expect(await store.nextDossierSequence(SCHOOL, 2026)).toBe(3);
      });

      it('are never handed out twice: 20 calls at once give 20 distinct numbers', async () => {
        const numbers = await Promise.all(
          Array.from({ length: 20 }, () => store.nextDossierSequence(SCHOOL, 2026)),
        );
        expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(await store.nextDossierSequence(SCHOOL, 2026)).toBe(21);
      });
    });

    describe('claims', () => {
      const T0 = '2026-03-16T07:00:00.000Z';
      const T5 = '2026-03-16T07:05:00.000Z';
      const T10 = '2026-03-16T07:10:00.000Z';
      const KEY = 'school-1:weeklyOverview:2026-W12:19:zorgteam@thread.tacv2';

      it('go to the first caller; a second caller before the claim expires gets false', async () => {
        expect(await store.claim(SCHOOL, KEY, T5, T0)).toBe(true);
        expect(await store.claim(SCHOOL, KEY, T10, T0)).toBe(false);
        expect(await store.claim(SCHOOL, KEY, T10, '2026-03-16T07:04:59.999Z')).toBe(false);
      });

      it('can be taken again once expired (until at or before now), and then hold until the new until', async () => {
        expect(await store.claim(SCHOOL, KEY, T5, T0)).toBe(true);
        expect(await store.claim(SCHOOL, KEY, T10, T5)).toBe(true);
        expect(await store.claim(SCHOOL, KEY, '2026-03-16T07:20:00.000Z', '2026-03-16T07:09:00.000Z')).toBe(
          false,
        );
        expect(await store.claim(SCHOOL, KEY, '2026-03-16T07:20:00.000Z', T10)).toBe(true);
      });

      it('are never given twice: 10 callers at once, exactly one gets true', async () => {
        const first = await Promise.all(Array.from({ length: 10 }, () => store.claim(SCHOOL, KEY, T5, T0)));
        expect(first.filter(Boolean)).toHaveLength(1);
        // Also when all ten take over one expired claim at once.
        const again = await Promise.all(Array.from({ length: 10 }, () => store.claim(SCHOOL, KEY, T10, T5)));
        expect(again.filter(Boolean)).toHaveLength(1);
      });

      it('are independent per key and per school', async () => {
        expect(await store.claim(SCHOOL, KEY, T5, T0)).toBe(true);
        expect(await store.claim(SCHOOL, `${KEY}-other`, T5, T0)).toBe(true);
        expect(await store.claim(OTHER_SCHOOL, KEY, T5, T0)).toBe(true);
        expect(await store.claim(SCHOOL, `${KEY}-other`, T5, T0)).toBe(false);
        expect(await store.claim(OTHER_SCHOOL, KEY, T5, T0)).toBe(false);
      });

      it('never show up among the dossiers or the audit log', async () => {
        const dossier = makeDossier({ nextReminderAt: T0 });
        await store.createDossier(dossier);
        await store.claim(SCHOOL, KEY, T5, T0);
        await store.claim(SCHOOL, dossier.id, T5, T0);
        expect(ids(await store.dossiersOfSchool(SCHOOL, 'open'))).toEqual([dossier.id]);
        expect(ids(await store.openDossiersOfOwner(SCHOOL, OWNER))).toEqual([dossier.id]);
        expect(ids(await store.dueForReminder(SCHOOL, '2099-01-01T00:00:00.000Z', 50))).toEqual([dossier.id]);
        expect(await store.getDossier(SCHOOL, `claim-${KEY}`)).toBeUndefined();
        expect(await store.auditOfDossier(SCHOOL, KEY)).toEqual([]);
        expect(present(await store.getDossier(SCHOOL, dossier.id)).value).toEqual(dossier);
      });

      it('refuse a key a document id cannot carry', async () => {
        for (const key of ['', 'a/b', 'a?b', 'a#b', 'a\\b', 'x'.repeat(201)]) {
          await expect(store.claim(SCHOOL, key, T5, T0)).rejects.toThrow(/Invalid claim key/);
        }
      });
    });

    describe('the audit log', () => {
      it('gives back the events of a dossier in the order they happened, and no others', async () => {
        const dossier = makeDossier();
        const events = [
          makeAuditEvent(dossier.id, '2026-03-02T08:15:00.000Z', 'changed:dossierOpened'),
          makeAuditEvent(dossier.id, '2026-03-02T08:20:00.000Z', 'changed:signalRecorded'),
          makeAuditEvent(dossier.id, '2026-03-03T12:00:00.000Z', 'viewed'),
          makeAuditEvent(dossier.id, '2026-03-04T16:30:00.000Z', 'exported'),
        ];
        for (const event of events) await store.appendAudit(event);
        await store.appendAudit(makeAuditEvent('another-dossier', '2026-03-03T00:00:00.000Z'));
        await store.appendAudit({
          ...makeAuditEvent(dossier.id, '2026-03-03T00:00:00.000Z'),
          schoolId: OTHER_SCHOOL,
        });

        expect(await store.auditOfDossier(SCHOOL, dossier.id)).toEqual(events);
        expect(await store.auditOfDossier(SCHOOL, 'dossier-without-events')).toEqual([]);
      });

      it('records an event once when the same event is appended again (a retry)', async () => {
        const event = makeAuditEvent('dossier-x', '2026-03-02T08:15:00.000Z');
        await store.appendAudit(event);
        await store.appendAudit(event);
        expect(await store.auditOfDossier(SCHOOL, 'dossier-x')).toEqual([event]);
      });
    });

    describe('saved conversations', () => {
      it('are saved, read back, and overwritten by a newer save', async () => {
        const first = makeConversation('aad-user-1', '2026-03-01T08:00:00.000Z', 'a:first');
        await store.saveConversation(first);
        await store.saveConversation(makeConversation('aad-user-2', '2026-03-01T08:00:00.000Z', 'a:other'));
        expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(first);

        const second = makeConversation('aad-user-1', '2026-03-05T08:00:00.000Z', 'a:second');
        await store.saveConversation(second);
        expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(second);
      });

      it('are undefined for a user never seen', async () => {
        expect(await store.getConversation(TENANT, 'aad-user-unknown')).toBeUndefined();
      });

      it('are kept per tenant: a save in another tenant with the same user id replaces nothing', async () => {
        const own = makeConversation('aad-user-1', '2026-03-01T08:00:00.000Z', 'a:own');
        await store.saveConversation(own);
        const stranger = {
          ...makeConversation('aad-user-1', '2026-03-02T08:00:00.000Z', 'a:stranger'),
          tenantId: OTHER_TENANT,
        };
        await store.saveConversation(stranger);

        expect(await store.getConversation(TENANT, 'aad-user-1')).toEqual(own);
        expect(await store.getConversation(OTHER_TENANT, 'aad-user-1')).toEqual(stranger);
        expect(await store.getConversation('tenant-never-seen', 'aad-user-1')).toBeUndefined();
      });
    });

    describe('export links', () => {
      const T0 = '2026-03-16T07:00:00.000Z';
      const T5 = '2026-03-16T07:05:00.000Z';
      const T10 = '2026-03-16T07:10:00.000Z';
      const link = (id: string, expiresAt = T10): ExportLink => ({
        id,
        tenantId: TENANT,
        schoolId: SCHOOL,
        dossierId: 'dossier-export',
        requestedBy: OWNER,
        fileName: 'MC-2026-0001.md',
        contentType: 'text/markdown; charset=utf-8',
        body: Buffer.from('# Dossier MC-2026-0001\n\nÉén regel met ‘aanhalingstekens’ en een emoji 🙂\n'),
        createdAt: T0,
        expiresAt,
      });

      it('is kept until it is used, and can be looked at before that without using it up', async () => {
        await store.saveExportLink(link('Link_one-1'), T0);
        expect(await store.peekExportLink('Link_one-1', T5)).toEqual(link('Link_one-1'));
        expect(await store.takeExportLink('Link_one-1', T5)).toEqual(link('Link_one-1'));
      });

      it('works once: a second take, and a look after it, give nothing', async () => {
        await store.saveExportLink(link('once'), T0);
        expect(await store.takeExportLink('once', T5)).toBeDefined();
        expect(await store.takeExportLink('once', T5)).toBeUndefined();
        expect(await store.peekExportLink('once', T5)).toBeUndefined();
      });

      it('goes to exactly one of several callers taking it at once', async () => {
        await store.saveExportLink(link('raced'), T0);
        const results = await Promise.all(Array.from({ length: 8 }, () => store.takeExportLink('raced', T5)));
        expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      });

      it('gives nothing once its time is up, and is gone after such a take', async () => {
        await store.saveExportLink(link('late'), T0);
        expect(await store.peekExportLink('late', T10)).toBeUndefined();
        expect(await store.takeExportLink('late', T10)).toBeUndefined();
        expect(await store.takeExportLink('late', T5)).toBeUndefined();
      });

      it('knows no unknown or malformed id', async () => {
        for (const id of ['never-saved', '', 'a/b', '../x', 'x'.repeat(201)]) {
          expect(await store.peekExportLink(id, T0)).toBeUndefined();
          expect(await store.takeExportLink(id, T0)).toBeUndefined();
        }
      });

      it('cannot be saved twice with the same id, and a malformed id is refused', async () => {
        await store.saveExportLink(link('twice'), T0);
        await expect(
          store.saveExportLink({ ...link('twice'), body: Buffer.from('other') }, T0),
        ).rejects.toBeInstanceOf(AlreadyExistsError);
        expect((await store.peekExportLink('twice', T0))?.body).toEqual(link('twice').body);
        await expect(store.saveExportLink(link('a/b'), T0)).rejects.toThrow(/Invalid export link id/);
      });

      it('keeps a long file whole, byte for byte', async () => {
        const text = Buffer.from('Lange tekst met ${t.title} en **Markdown**.\n'.repeat(20_000));
        const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
        const body = Buffer.concat([text, bytes]);
        await store.saveExportLink({ ...link('long'), contentType: 'application/pdf', body }, T0);
        const taken = await store.takeExportLink('long', T5);
        expect(taken?.contentType).toBe('application/pdf');
        expect(taken?.body.equals(body)).toBe(true);
      });

      it('does not appear as a saved conversation', async () => {
        await store.saveExportLink(link('not-a-conversation'), T0);
        expect(await store.getConversation(TENANT, 'export-not-a-conversation')).toBeUndefined();
        expect(await store.getConversation(TENANT, 'not-a-conversation')).toBeUndefined();
      });
    });

    describe('health', () => {
      it('answers ping with true', async () => {
        expect(await store.ping()).toBe(true);
      });
    });
  });
}
