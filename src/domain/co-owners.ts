// The people who own a dossier together: the owner and the co-owners the owner added (the
// duo-leerkracht). A co-owner has the owner's rights; a handover by the zorgcoördinator makes someone
// else the owner. Who owns is kept on the dossier's header, so the stores can index it; the names of
// co-owners come from the entries that added them, so the header stays a list of ids.

import type { Dossier } from './dossier';
import type { Person, School } from './school';

/** The co-owners' ids; older dossiers have none. */
export function coOwnerIdsOf(dossier: Pick<Dossier, 'coOwnerIds'>): readonly string[] {
  return dossier.coOwnerIds ?? [];
}

/** Everyone with the owner's rights: the owner first, then the co-owners. */
export function ownerIdsOf(dossier: Pick<Dossier, 'ownerId' | 'coOwnerIds'>): readonly string[] {
  return [dossier.ownerId, ...coOwnerIdsOf(dossier)];
}

/** Does this person own the dossier, alone or together with the owner? */
export function isOwnerOf(dossier: Pick<Dossier, 'ownerId' | 'coOwnerIds'>, personId: string): boolean {
  return ownerIdsOf(dossier).includes(personId);
}

/**
 * The co-owners with their names, as they were named when they were added (or when the ownership
 * was handed over to a co-owner's predecessor); in the order they were added.
 */
export function coOwnersOf(dossier: Dossier): Person[] {
  const names = new Map<string, string>();
  for (const entry of dossier.log) {
    if (entry.kind === 'coOwnerAdded') names.set(entry.data.coOwnerId, entry.data.coOwnerName);
    if (entry.kind === 'ownershipHandedOver') names.set(entry.data.newOwnerId, entry.data.newOwnerName);
  }
  return coOwnerIdsOf(dossier).map((id) => ({ id, name: names.get(id) ?? '' }));
}

/**
 * The name of someone involved in a dossier, as the dossier and the school name them: an owner, a
 * zorgcoördinator, the beslisser or the deputy; undefined for anyone else.
 */
export function personNameIn(
  dossier: Dossier,
  school: Pick<School, 'coordinators' | 'decisionMaker' | 'deputyDecisionMaker'>,
  personId: string,
): string | undefined {
  if (personId === dossier.ownerId) return dossier.ownerName;
  const people = [...coOwnersOf(dossier), ...school.coordinators, school.decisionMaker];
  if (school.deputyDecisionMaker) people.push(school.deputyDecisionMaker);
  return people.find((person) => person.id === personId)?.name;
}
