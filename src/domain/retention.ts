// Retention: a closed dossier is removed after the period the school configures. The school's
// privacy officer decides that period; there is no default, so without one nothing is removed.

import { z } from 'zod';
import type { Dossier } from './dossier';

export const retentionSettingsSchema = z.object({
  /** Days after closing (the last close, when it was reopened in between) before removal. */
  closedDossierDays: z.number().int().min(1).max(36500),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When this dossier may be removed, or null: it is open, or the school set no period. */
export function removableFrom(dossier: Dossier, retention: RetentionSettings | undefined): Date | null {
  if (!retention || dossier.status !== 'closed') return null;
  const closed = dossier.log.filter((entry) => entry.kind === 'dossierClosed').at(-1);
  if (!closed) return null;
  return new Date(Date.parse(closed.at) + retention.closedDossierDays * DAY_MS);
}

export function isRemovable(dossier: Dossier, retention: RetentionSettings | undefined, now: Date): boolean {
  const from = removableFrom(dossier, retention);
  return from !== null && from.getTime() <= now.getTime();
}
