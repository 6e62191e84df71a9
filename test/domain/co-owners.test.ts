// More people on one dossier: a co-owner added by the owner, a handover of ownership by the
// zorgcoördinator, and the aandachtsfunctionaris who reads everything and may only add notes. Each
// row is a command in a situation and what decide() makes of it; access follows from roleOf, and the
// owner's reminders go to every owner.

import {
  decide,
  roleOf,
  scheduleOf,
  type Command,
  type DecisionContext,
  type Dossier,
  type LogKind,
  type Participant,
  type Refusal,
  type School,
} from '../../src/domain';
import { coOwnersOf, ownerIdsOf } from '../../src/domain/co-owners';
import { cmd, context, deepFreeze, dossierAfter, NOW, owner, stepsOneToFour } from './given';

const school: School = {
  id: 'school-1',
  name: 'De Regenboog',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Smit' },
  aandachtsfunctionaris: { id: 'user-af', name: 'Mevrouw Kok' },
};

const duo: Participant = { id: 'user-duo', name: 'Meester de Wit', role: 'eigenaar' };
const ib: Participant = { id: 'user-ib', name: 'Meneer Bakker', role: 'zorgcoordinator' };
const af: Participant = { id: 'user-af', name: 'Mevrouw Kok', role: 'aandachtsfunctionaris' };
const director: Participant = { id: 'user-director', name: 'Mevrouw Smit', role: 'beslisser' };

/** The dossier after opening and these commands, each by the person given (default: the owner). */
function dossierWith(steps: [Command, Participant?][]): Dossier {
  let dossier = dossierAfter([]);
  for (const [command, by] of steps) {
    const decision = decide(dossier, command, context({ actor: by ?? owner, school }));
    if (!decision.ok) throw new Error(`fixture ${command.type} refused: ${JSON.stringify(decision.refusal)}`);
    dossier = decision.dossier;
  }
  return dossier;
}

const shared = (): Dossier => dossierWith([[cmd.addCoOwner()]]);

interface Row {
  name: string;
  given: () => Dossier;
  command: Command;
  by: Participant;
  expect: { refusal: Refusal } | { kind: LogKind; owners: string[] };
}

const rows: Row[] = [
  {
    name: 'the owner adds the duo-leerkracht as co-owner',
    given: () => dossierAfter([]),
    command: cmd.addCoOwner(),
    by: owner,
    expect: { kind: 'coOwnerAdded', owners: [owner.id, duo.id] },
  },
  {
    name: 'a co-owner has the owner’s rights: adds another colleague',
    given: shared,
    command: cmd.addCoOwner({ coOwnerId: 'user-third', coOwnerName: 'Juf Ali' }),
    by: duo,
    expect: { kind: 'coOwnerAdded', owners: [owner.id, duo.id, 'user-third'] },
  },
  {
    name: 'a co-owner records a signal like the owner',
    given: shared,
    command: cmd.recordSignal(),
    by: duo,
    expect: { kind: 'signalRecorded', owners: [owner.id, duo.id] },
  },
  {
    name: 'a colleague who is co-owner already is not added twice',
    given: shared,
    command: cmd.addCoOwner(),
    by: owner,
    expect: { refusal: { code: 'alreadyInvolved', field: 'coOwnerId' } },
  },
  {
    name: 'the owner cannot be added as co-owner',
    given: () => dossierAfter([]),
    command: cmd.addCoOwner({ coOwnerId: owner.id, coOwnerName: owner.name }),
    by: owner,
    expect: { refusal: { code: 'alreadyInvolved', field: 'coOwnerId' } },
  },
  {
    name: 'the zorgcoördinator does not add co-owners (that is the owner’s choice)',
    given: () => dossierAfter([]),
    command: cmd.addCoOwner(),
    by: ib,
    expect: { refusal: { code: 'onlyOwner' } },
  },
  {
    name: 'the owner removes a co-owner',
    given: shared,
    command: cmd.removeCoOwner(),
    by: owner,
    expect: { kind: 'coOwnerRemoved', owners: [owner.id] },
  },
  {
    name: 'removing someone who is no co-owner is refused',
    given: () => dossierAfter([]),
    command: cmd.removeCoOwner(),
    by: owner,
    expect: { refusal: { code: 'notCoOwner', field: 'coOwnerId' } },
  },
  {
    name: 'the zorgcoördinator hands the dossier over to the new group teacher',
    given: () => dossierAfter([]),
    command: cmd.handOverOwnership(),
    by: ib,
    expect: { kind: 'ownershipHandedOver', owners: ['user-new-teacher'] },
  },
  {
    name: 'a handover to the co-owner makes them the only owner; nobody is co-owner twice',
    given: shared,
    command: cmd.handOverOwnership({ newOwnerId: duo.id, newOwnerName: duo.name }),
    by: ib,
    expect: { kind: 'ownershipHandedOver', owners: [duo.id] },
  },
  {
    name: 'a handover keeps the other co-owners',
    given: shared,
    command: cmd.handOverOwnership(),
    by: ib,
    expect: { kind: 'ownershipHandedOver', owners: ['user-new-teacher', duo.id] },
  },
  {
    name: 'the owner cannot hand the dossier over: the zorgcoördinator does',
    given: () => dossierAfter([]),
    command: cmd.handOverOwnership(),
    by: owner,
    expect: { refusal: { code: 'onlyCoordinator' } },
  },
  {
    name: 'the beslisser cannot hand the dossier over',
    given: () => dossierAfter([]),
    command: cmd.handOverOwnership(),
    by: director,
    expect: { refusal: { code: 'onlyCoordinator' } },
  },
  {
    name: 'a handover to the owner is refused',
    given: () => dossierAfter([]),
    command: cmd.handOverOwnership({ newOwnerId: owner.id, newOwnerName: owner.name }),
    by: ib,
    expect: { refusal: { code: 'alreadyOwner', field: 'newOwnerId' } },
  },
  {
    name: 'a handover from an owner who is no longer the owner (someone handed over first) is refused',
    given: () => dossierWith([[cmd.handOverOwnership({ newOwnerId: 'user-x', newOwnerName: 'X' }), ib]]),
    command: cmd.handOverOwnership(),
    by: ib,
    expect: { refusal: { code: 'ownerChanged' } },
  },
  {
    name: 'a handover needs its reason',
    given: () => dossierAfter([]),
    command: cmd.handOverOwnership({ reason: '  ' }),
    by: ib,
    expect: { refusal: { code: 'reasonRequired', field: 'reason' } },
  },
  {
    name: 'the aandachtsfunctionaris adds a note',
    given: () => dossierAfter([]),
    command: cmd.recordNote(),
    by: af,
    expect: { kind: 'noteRecorded', owners: [owner.id] },
  },
  {
    name: 'the aandachtsfunctionaris records no signal',
    given: () => dossierAfter([]),
    command: cmd.recordSignal(),
    by: af,
    expect: { refusal: { code: 'notAllowedForRole' } },
  },
  {
    name: 'the aandachtsfunctionaris does not close a dossier',
    given: () => dossierAfter([]),
    command: cmd.closeDossier(),
    by: af,
    expect: { refusal: { code: 'notAllowedForRole' } },
  },
  {
    name: 'the aandachtsfunctionaris adds no co-owner',
    given: () => dossierAfter([]),
    command: cmd.addCoOwner(),
    by: af,
    expect: { refusal: { code: 'notAllowedForRole' } },
  },
  {
    name: 'a closed dossier takes no co-owner',
    given: () => dossierAfter([cmd.closeDossier()]),
    command: cmd.addCoOwner(),
    by: owner,
    expect: { refusal: { code: 'dossierClosed' } },
  },
];

describe('who takes part in a dossier', () => {
  test.each(rows)('$name', (row) => {
    const before = deepFreeze(row.given());
    const decision = decide(before, row.command, context({ actor: row.by, school }));
    if ('refusal' in row.expect) {
      expect(decision).toEqual({ ok: false, refusal: row.expect.refusal });
      return;
    }
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.entries.map((e) => [e.kind, e.role, e.authorId])).toEqual([
      [row.expect.kind, row.by.role, row.by.id],
    ]);
    expect(ownerIdsOf(decision.dossier)).toEqual(row.expect.owners);
  });

  test('the chronology keeps who handed over, from whom, to whom and why', () => {
    const dossier = dossierWith([[cmd.handOverOwnership(), ib]]);
    expect(dossier.ownerName).toBe('Juf Smit');
    expect(dossier.log.at(-1)).toMatchObject({
      kind: 'ownershipHandedOver',
      role: 'zorgcoordinator',
      data: {
        previousOwnerId: owner.id,
        previousOwnerName: owner.name,
        newOwnerId: 'user-new-teacher',
        reason: 'De leerling gaat na de kerstvakantie naar groep 7.',
      },
    });
  });

  test('co-owners are named as they were added', () => {
    const dossier = dossierWith([
      [cmd.addCoOwner()],
      [cmd.addCoOwner({ coOwnerId: 'user-third', coOwnerName: 'Juf Ali' })],
      [cmd.removeCoOwner()],
    ]);
    expect(coOwnersOf(dossier)).toEqual([{ id: 'user-third', name: 'Juf Ali' }]);
  });
});

describe('access follows the owners and the school', () => {
  const user = (id: string) => ({ id, tenantId: 'tenant-1' });
  const accessRows: { name: string; dossier: () => Dossier; user: string; expect: string | null }[] = [
    { name: 'a co-owner sees the dossier as eigenaar', dossier: shared, user: duo.id, expect: 'eigenaar' },
    {
      name: 'a co-owner who was removed no longer sees it',
      dossier: () => dossierWith([[cmd.addCoOwner()], [cmd.removeCoOwner()]]),
      user: duo.id,
      expect: null,
    },
    {
      name: 'after a handover the old owner no longer sees it',
      dossier: () => dossierWith([[cmd.handOverOwnership(), ib]]),
      user: owner.id,
      expect: null,
    },
    {
      name: 'after a handover the new owner sees it as eigenaar',
      dossier: () => dossierWith([[cmd.handOverOwnership(), ib]]),
      user: 'user-new-teacher',
      expect: 'eigenaar',
    },
    {
      name: 'after a handover the old owner who stays co-owner still sees it',
      dossier: () =>
        dossierWith([
          [cmd.handOverOwnership(), ib],
          [
            cmd.addCoOwner({ coOwnerId: owner.id, coOwnerName: owner.name }),
            { ...duo, id: 'user-new-teacher' },
          ],
        ]),
      user: owner.id,
      expect: 'eigenaar',
    },
    {
      name: 'the aandachtsfunctionaris sees every dossier of the school',
      dossier: () => dossierAfter([]),
      user: af.id,
      expect: 'aandachtsfunctionaris',
    },
  ];
  test.each(accessRows)('$name', (row) => {
    expect(roleOf(row.dossier(), user(row.user), school)).toBe(row.expect);
  });

  test('the aandachtsfunctionaris of another school does not see it', () => {
    const other: School = { ...school, aandachtsfunctionaris: { id: 'user-other', name: 'X' } };
    expect(roleOf(dossierAfter([]), user(af.id), other)).toBeNull();
  });
});

describe('the owner’s reminders go to every owner', () => {
  const ctx = (overrides: Partial<DecisionContext> = {}) => context({ school, ...overrides });
  test('a stalled step reminds the owner and the co-owner; after a handover, the new owner instead', () => {
    // Step 1 recorded, then nothing: the stalled-step reminder is the owner's.
    const opened = dossierWith([[cmd.addCoOwner()], [stepsOneToFour()[0] as Command]]);
    const later = new Date(NOW.getTime() + 30 * 24 * 3600 * 1000);
    const recipients = (dossier: Dossier) =>
      scheduleOf(dossier, school, later)
        .pending.filter((r) => r.recipient.role === 'eigenaar')
        .map((r) => r.recipient.id);
    expect(new Set(recipients(opened))).toEqual(new Set([owner.id, duo.id]));

    const handedOver = decide(opened, cmd.handOverOwnership(), ctx({ actor: ib }));
    if (!handedOver.ok) throw new Error('handover refused');
    expect(new Set(recipients(handedOver.dossier))).toEqual(new Set(['user-new-teacher', duo.id]));
  });
});
