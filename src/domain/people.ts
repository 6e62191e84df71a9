// The people who act on a dossier, in one place.

import type { Role } from './dossier';

/**
 * Someone who acts: a staff member as Teams names them (Entra object id, display name, tenant). The
 * bot's own bookkeeping acts as REMINDER_AUTHOR of the school's tenant.
 */
export interface Actor {
  id: string;
  name: string;
  tenantId: string;
}

/** Someone taking part in a dossier, with the role the app found for them (access.ts). */
export interface Participant {
  id: string;
  name: string;
  role: Role;
}
