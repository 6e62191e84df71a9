// The dossier's school as configured, for the cards that name who confirms the decision.

import type { Dossier } from '../../domain';
import type { School } from '../../domain/school';
import type { VerbDependencies } from './common';

/** Undefined only when the school left the configuration; the cards then name nobody. */
export function schoolOf(
  deps: Pick<VerbDependencies, 'schools'>,
  dossier: Pick<Dossier, 'schoolId'>,
): School | undefined {
  return deps.schools.find((school) => school.id === dossier.schoolId);
}
