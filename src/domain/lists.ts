// What the lists of dossiers show (the home card, the weekly overview, the reminder sweep): enough to
// find a dossier, never its log. Defined here, not by a store, because cards and use cases read the
// same shape and may not depend on a store (the layer rule in eslint.config.mjs).

import type { DossierProgress } from './dossier';

export interface DossierSummary {
  id: string;
  schoolId: string;
  number: string;
  pupilReference: string;
  ownerId: string;
  status: 'open' | 'closed';
  updatedAt: string;
  nextReminderAt: string | null;
  /** Where it stands (Dossier.progress); absent for a dossier written before it was kept. */
  progress?: DossierProgress | undefined;
}
