// The one store interface. Two implementations: embedded SQLite (sqlite-store.ts) for a single
// school on one machine, Azure Cosmos DB (cosmos-store.ts) for production. Both pass the same
// contract suite (test/store/store-contract.ts).

import type { Dossier } from '../domain/dossier';
import type { DossierSummary } from '../domain/lists';
import type { SavedConversation } from '../domain/personal-chat';

// Shapes that cards, use cases and the Teams edge read too live in the domain; re-exported here so
// the stores and their tests keep one import.
export type { DossierSummary } from '../domain/lists';
export type { SavedConversation, PersonalChats } from '../domain/personal-chat';

/** A stored value with the opaque version (etag) it was read at. */
export interface Versioned<T> {
  value: T;
  version: string;
}

/** A write was based on a version that is no longer current: someone else acted first. */
export class StaleVersionError extends Error {
  constructor(readonly id: string) {
    super(`Dossier ${id} was changed by someone else; reload it and decide again.`);
    this.name = 'StaleVersionError';
  }
}

/** A create met an existing record with the same id. */
export class AlreadyExistsError extends Error {
  constructor(readonly id: string) {
    super(`A record with id ${id} already exists.`);
    this.name = 'AlreadyExistsError';
  }
}

/** Who did what to which dossier, and when. Never content: the content lives in the dossier log. */
export interface AuditEvent {
  id: string;
  schoolId: string;
  dossierId: string;
  actorId: string;
  action: string; // e.g. 'viewed', 'changed:signalRecorded', 'refused:notInvolved', 'exported'
  at: string;
}

/**
 * A claim key: 1 to 200 characters, none of them `/`, `\`, `?`, `#` or a control character (Cosmos
 * DB builds a document id from it). Both stores refuse other keys with an Error.
 */
export function isValidClaimKey(key: string): boolean {
  // eslint-disable-next-line no-control-regex
  return key.length > 0 && key.length <= 200 && !/[/\\?#\u0000-\u001f\u007f]/.test(key);
}

export interface Store {
  /** Is the store reachable? Used by GET /healthz; must not throw. */
  ping(): Promise<boolean>;

  /** Create a new dossier; AlreadyExistsError when its id is taken. */
  createDossier(dossier: Dossier): Promise<Versioned<Dossier>>;
  /** Point read by school (the partition) and id; undefined when absent. */
  getDossier(schoolId: string, id: string): Promise<Versioned<Dossier> | undefined>;
  /** Replace only when `expectedVersion` is still current; StaleVersionError otherwise. */
  replaceDossier(dossier: Dossier, expectedVersion: string): Promise<Versioned<Dossier>>;
  /** Remove a dossier (retention); the caller records the removal in the audit log. */
  deleteDossier(schoolId: string, id: string): Promise<void>;

  /** Open dossiers owned by this user in this school, most recently changed first. */
  openDossiersOfOwner(schoolId: string, ownerId: string): Promise<DossierSummary[]>;
  /** All dossiers of a school with the given status, most recently changed first. */
  dossiersOfSchool(schoolId: string, status: 'open' | 'closed'): Promise<DossierSummary[]>;
  /**
   * Dossiers of a school whose `nextReminderAt` is at or before `now`, earliest first, at most
   * `limit`. Served by an index on nextReminderAt so the cost follows the number due.
   */
  dueForReminder(schoolId: string, now: string, limit: number): Promise<DossierSummary[]>;

  /**
   * The next dossier sequence number of a school in a year (1, 2, 3 …). Atomic: two callers at
   * once never get the same number.
   */
  nextDossierSequence(schoolId: string, year: number): Promise<number>;

  /**
   * Take the claim `key` in a school until `until` (an ISO time, as `now`): a lease for work that
   * belongs to no dossier, so that of several bot instances only one does it.
   *
   * True when this caller got the claim: no claim with that key exists yet, or the existing one's
   * `until` is at or before `now` (it expired, e.g. its holder crashed); the claim then holds until
   * `until`. False, and nothing changes, when an unexpired claim is held (by anyone, the caller
   * included: there is no renewing, and no release; a claim ends by expiring). Atomic: of callers
   * at once, exactly one gets true. Keys are per school; another school's claim with the same key is
   * independent. A key must satisfy `isValidClaimKey`. Claims never appear in the dossier lists.
   */
  claim(schoolId: string, key: string, until: string, now: string): Promise<boolean>;

  appendAudit(event: AuditEvent): Promise<void>;
  auditOfDossier(schoolId: string, dossierId: string): Promise<AuditEvent[]>;

  saveConversation(conversation: SavedConversation): Promise<void>;
  getConversation(userId: string): Promise<SavedConversation | undefined>;

  /** Release connections and file handles. */
  close(): Promise<void>;
}
