// The use cases on a real store for tests of the app layer: a DossierService over a DossierWriter, as
// compose.ts wires them but without sends (no courier), and a dossier opened the way a teacher opens one.

import { randomUUID } from 'node:crypto';
import { DossierService } from '../../src/app/dossier-service';
import { DossierWriter, type RetryPolicy } from '../../src/app/dossier-writer';
import type { Actor, Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/store/store';

export function serviceOn(store: Store, schools: readonly School[], retry?: RetryPolicy): DossierService {
  const writer = new DossierWriter({
    store,
    schools,
    logger: createLogger('silent'),
    newId: randomUUID,
    outboxLeaseMs: 60_000,
    retry,
  });
  return new DossierService({ store, writer, newId: randomUUID });
}

/** A dossier `owner` opens at `at` for pupil L`i` of groep 6, aged 10. */
export async function openedBy(
  service: DossierService,
  school: School,
  owner: Actor,
  i: number,
  at: Date,
): Promise<Dossier> {
  const outcome = await service.open(
    owner,
    school.id,
    {
      type: 'openDossier',
      submissionId: randomUUID(),
      schoolId: school.id,
      pupil: { reference: `L${i}`, group: 'groep 6', age: 10 },
      firstDescription: '',
    },
    at,
  );
  if (!outcome.ok) throw new Error('not opened');
  return outcome.dossier;
}
