// The marks of what waits, brought up to date once at start-up. Since the zorgcoördinator's home
// counts what waits and shows the longest waiting (Store.waitingList), every mark carries its details:
// since when, how many items (Dossier.attentionDetails). A dossier marked by an earlier release has
// the mark without them, and would count as one consultation (however many wait) and sort where the
// store puts a missing date, until its next change. This writes the details into those dossiers.
//
// Only the dossiers that wait are looked at (the stores find them by their marks, with an index), so
// a start costs the same with 1,000 or 20,000 dossiers in a school. Nothing is recorded in the log:
// the details follow from what the log holds already, and no one did anything. A dossier changed by
// someone in the meantime is left alone: its change went through the write path, which sets them.

import { ATTENTION, withAttention } from '../domain/attention';
import type { School } from '../domain/school';
import type { Logger } from '../logger';
import { StaleVersionError, type Store } from '../store/store';

export interface WaitingMarksReport {
  /** Dossiers that wait for someone, read. */
  read: number;
  /** Of those, the dossiers whose marks were written up to date. */
  updated: number;
  /** Changed by someone while this ran: left to their change. */
  changedMeanwhile: number;
}

export async function bringWaitingMarksUpToDate(deps: {
  store: Store;
  schools: readonly School[];
  logger: Logger;
}): Promise<WaitingMarksReport> {
  const report: WaitingMarksReport = { read: 0, updated: 0, changedMeanwhile: 0 };
  for (const school of deps.schools) {
    const waiting = new Set<string>();
    for (const attention of ATTENTION)
      for (const summary of await deps.store.dossiersNeeding(school.id, attention)) waiting.add(summary.id);
    for (const id of waiting) {
      const found = await deps.store.getDossier(school.id, id);
      if (!found) continue;
      report.read += 1;
      const upToDate = withAttention(found.value);
      if (upToDate === found.value) continue;
      try {
        await deps.store.replaceDossier(upToDate, found.version);
        report.updated += 1;
      } catch (error) {
        if (!(error instanceof StaleVersionError)) throw error;
        report.changedMeanwhile += 1;
      }
    }
  }
  // Counts only: which dossiers is nobody's business in a log.
  if (report.updated > 0 || report.changedMeanwhile > 0)
    deps.logger.info({ ...report }, 'waiting marks brought up to date');
  return report;
}
