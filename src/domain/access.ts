// Need to know: a dossier is visible to its owner, the zorgcoördinatoren of its school and the school's
// beslisser, and to nobody else. The role is derived from the school's configuration on every action,
// never stored as a grant, so a coordinator who leaves the configuration loses access at once.
// The app calls this before decide(); decide() itself only records the role it is given.

import type { Dossier, Role } from './dossier';
import { isCoordinatorOf, type School } from './school';

export function roleOf(
  dossier: Dossier,
  user: { id: string; tenantId: string },
  school: School,
): Role | null {
  const sameSchool = school.id === dossier.schoolId && school.tenantId === dossier.tenantId;
  if (user.tenantId !== dossier.tenantId || !sameSchool) return null;
  if (user.id === dossier.ownerId) return 'eigenaar';
  if (isCoordinatorOf(school, user.id)) return 'zorgcoordinator';
  // The deputy confirms a decision the beslisser took themselves, so sees the dossier as beslisser.
  if (school.decisionMaker.id === user.id || school.deputyDecisionMaker?.id === user.id) return 'beslisser';
  return null;
}
