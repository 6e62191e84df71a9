// Need to know: a dossier is visible to its owner and co-owners, the zorgcoördinatoren of its school,
// the school's beslisser (and deputy), and the school's aandachtsfunctionaris when one is named; to
// nobody else. The role is derived from the dossier's owners and the school's configuration on every
// action, never stored as a grant: a coordinator who leaves the configuration, or an owner who handed
// the dossier over, loses access at once. The app calls this before decide(); decide() itself only
// records the role it is given (and keeps the aandachtsfunctionaris to notes).

import { isOwnerOf } from './co-owners';
import type { Dossier, Role } from './dossier';
import { isCoordinatorOf, type School } from './school';

export function roleOf(
  dossier: Dossier,
  user: { id: string; tenantId: string },
  school: School,
): Role | null {
  const sameSchool = school.id === dossier.schoolId && school.tenantId === dossier.tenantId;
  if (user.tenantId !== dossier.tenantId || !sameSchool) return null;
  // A co-owner has the owner's rights: the same role, so every rule for the owner holds for them.
  if (isOwnerOf(dossier, user.id)) return 'eigenaar';
  if (isCoordinatorOf(school, user.id)) return 'zorgcoordinator';
  // The deputy confirms a decision the beslisser took themselves, so sees the dossier as beslisser.
  if (school.decisionMaker.id === user.id || school.deputyDecisionMaker?.id === user.id) return 'beslisser';
  // Last: someone who also has one of the roles above acts in that role, with its rights.
  if (school.aandachtsfunctionaris?.id === user.id) return 'aandachtsfunctionaris';
  return null;
}
