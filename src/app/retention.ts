// Removes closed dossiers whose retention period has passed, per school. Safe with several
// instances at once (removing twice is harmless) and logged without pupil data: the audit keeps
// that dossier id X was removed, when, under which rule — nothing of its content.

import { changeAuditOf, isRemovable } from '../domain';
import type { School } from '../domain/school';
import type { Store } from '../store/store';
import type { Logger } from '../logger';

export const RETENTION_ACTOR = 'meldcode-bot';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionDependencies {
  store: Store;
  schools: readonly School[];
  logger: Logger;
  newId: () => string;
}

export class RetentionSweeper {
  constructor(private readonly deps: RetentionDependencies) {}

  /** One pass over every school with a retention period; returns how many dossiers were removed. */
  async sweep(now: Date): Promise<number> {
    let removed = 0;
    for (const school of this.deps.schools) {
      if (!school.retention) continue;
      // Only closed dossiers last changed before the period's start can be due: a closed dossier's
      // last change is its closing. The index finds them; the rest of the school is not read.
      const before = new Date(now.getTime() - school.retention.closedDossierDays * DAY_MS).toISOString();
      for (const summary of await this.deps.store.dossiersOfSchool(school.id, 'closed', before)) {
        const dossier = (await this.deps.store.getDossier(school.id, summary.id))?.value;
        if (!dossier || !isRemovable(dossier, school.retention, now)) continue;
        // The changes' audit events live in the dossier (domain/audit.ts): they are kept before it
        // goes. Their ids come from the entries, so a sweep that stops halfway and runs again
        // copies nothing twice.
        for (const event of changeAuditOf(dossier)) await this.deps.store.appendAudit(event);
        await this.deps.store.deleteDossier(school.id, dossier.id);
        await this.deps.store.appendAudit({
          id: this.deps.newId(),
          schoolId: school.id,
          tenantId: school.tenantId,
          dossierId: dossier.id,
          actorId: RETENTION_ACTOR,
          action: `removed:retention:${school.retention.closedDossierDays}d`,
          at: now.toISOString(),
        });
        removed += 1;
      }
    }
    if (removed > 0)
      this.deps.logger.info({ removed }, 'closed dossiers removed after their retention period');
    return removed;
  }
}
