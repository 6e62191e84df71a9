// The audit trail: who did what to which dossier, and when, never what (the content is in the log).
//
// A change's audit events are its log entries, read as events: an entry is written in the same
// conditional write as the rest of the dossier, so a change and its audit can never be apart — not
// after a crash, a retry or a second press (which records no entry, hence no event). Their ids are
// derived from the entry (`<dossier id>:<seq>`), so a copy of them (before retention removes the
// dossier) is idempotent. Reads, exports and refusals change no dossier: the app appends those as
// events of their own.

import type { Dossier } from './dossier';

export interface AuditEvent {
  id: string;
  schoolId: string;
  /** The tenant the dossier belongs to: one audit store may serve several tenants. */
  tenantId: string;
  dossierId: string;
  actorId: string;
  action: string; // e.g. 'viewed', 'changed:signalRecorded', 'refused:notInvolved', 'exported'
  at: string;
}

/** The audit event of every change recorded in the dossier, in log order. */
export function changeAuditOf(dossier: Dossier): AuditEvent[] {
  return dossier.log.map((entry) => ({
    id: `${dossier.id}:${entry.seq}`,
    schoolId: dossier.schoolId,
    tenantId: dossier.tenantId,
    dossierId: dossier.id,
    actorId: entry.authorId,
    action: `changed:${entry.kind}`,
    at: entry.at,
  }));
}
