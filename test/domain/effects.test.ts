// What follows outside the dossier, as data: who is told what, and who confirms. Rows of
// {given, entry, expected effects}, with co-owners in them.

import { confirmerOf, decide, type Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import { cmd, context, coordinator, dossierAfter, owner } from './given';

const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: coordinator.id, name: coordinator.name }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Directeur' },
  deputyDecisionMaker: { id: 'user-deputy', name: 'Meneer Plaatsvervanger' },
};

/** The effects decide() names for one more command on `dossier`, by `actor`. */
function effectsFor(dossier: Dossier, command: Parameters<typeof decide>[1], actor = owner) {
  const decision = decide(dossier, command, context({ actor, school }));
  if (!decision.ok) throw new Error(`refused: ${decision.refusal.code}`);
  return decision.effects;
}

describe('who is told what', () => {
  /** A consultation asked of the zorgcoördinator, on a dossier with `coOwner` as co-owner. */
  const requested = (coOwner: { id: string; name: string }): Dossier =>
    dossierAfter(
      [
        cmd.addCoOwner({ coOwnerId: coOwner.id, coOwnerName: coOwner.name }),
        cmd.requestConsultation({ coordinatorId: coordinator.id }),
      ],
      { ctx: { school } },
    );

  test.each([
    [
      'every owner (the owner and the co-owner)',
      { id: 'user-duo', name: 'Meester de Wit' },
      ['user-owner', 'user-duo'],
    ],
    [
      'the owner only, when the co-owner is the zorgcoördinator who accepts (nobody is told what they did)',
      { id: coordinator.id, name: coordinator.name },
      ['user-owner'],
    ],
  ])('a consultation accepted is told to %s', (_name, coOwner, told) => {
    const dossier = requested(coOwner);
    const consultationId = dossier.log.find((e) => e.kind === 'consultationRequested')?.seq ?? 0;
    const effects = effectsFor(dossier, cmd.acceptConsultation({ consultationId }), coordinator);
    expect(effects.flatMap((e) => (e.type === 'tellOwner' ? [e.recipientId] : []))).toEqual(told);
  });

  test('the colleague added as co-owner is told; the owner who added them is not', () => {
    const effects = effectsFor(dossierAfter([]), cmd.addCoOwner());
    expect(effects).toEqual([
      { type: 'tellOwner', subject: 'coOwnerAdded', seq: 2, recipientId: 'user-duo' },
    ]);
  });

  test('the new owner is told of a handover', () => {
    const effects = effectsFor(dossierAfter([]), cmd.handOverOwnership(), coordinator);
    expect(effects).toEqual([
      { type: 'tellOwner', subject: 'ownershipHandedOver', seq: 2, recipientId: 'user-new-teacher' },
    ]);
  });
});

describe('who confirms a decision', () => {
  test('a beslisser who owns the dossier together with the owner does not confirm it: the deputy does', () => {
    const dossier = dossierAfter([
      cmd.addCoOwner({ coOwnerId: school.decisionMaker.id, coOwnerName: 'Mevrouw Directeur' }),
    ]);
    expect(confirmerOf(dossier, school)?.id).toBe('user-deputy');
  });

  test('otherwise the beslisser confirms', () => {
    expect(confirmerOf(dossierAfter([cmd.addCoOwner()]), school)?.id).toBe('user-director');
  });
});
