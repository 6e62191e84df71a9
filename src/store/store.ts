// The one store interface. Two implementations: embedded SQLite (sqlite-store.ts) for a single
// school on one machine, Azure Cosmos DB (cosmos-store.ts) for production. Both pass the same
// contract suite (test/store/store-contract.ts).

import type { Attention } from '../domain/attention';
import type { AuditEvent } from '../domain/audit';
import type { Dossier } from '../domain/dossier';
import type { DossierSummary } from '../domain/lists';
import type { SavedConversation } from '../domain/personal-chat';

// Shapes that cards, use cases and the Teams edge read too live in the domain; re-exported here so
// the stores and their tests keep one import.
export type { DossierSummary } from '../domain/lists';
/** Who did what to which dossier, and when (domain/audit.ts). */
export type { AuditEvent } from '../domain/audit';
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

/** Node's names for a connection that broke or never came up: the request may be sent again. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
/** Statuses a store answers when it is busy or briefly unavailable (Cosmos DB: throttled, timeout, gone). */
const TRANSIENT_STATUSES = new Set([408, 429, 449, 500, 502, 503, 504]);

/**
 * May the operation that threw this be tried again? True for a broken connection, a timeout and a
 * busy or briefly unavailable store. The caller must make sure that repeating is safe: every
 * dossier write is conditional on a version, so a write that did happen shows up as stale.
 */
export function isTransientStoreError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause !== null && typeof cause === 'object' && depth < 5; depth++) {
    const { code, statusCode, name } = cause as { code?: unknown; statusCode?: unknown; name?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof code === 'number' && TRANSIENT_STATUSES.has(code)) return true;
    if (typeof statusCode === 'number' && TRANSIENT_STATUSES.has(statusCode)) return true;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** A create met an existing record with the same id. */
export class AlreadyExistsError extends Error {
  constructor(readonly id: string) {
    super(`A record with id ${id} already exists.`);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * A waiting export download: the document, who asked for it, and until when it can be fetched.
 * `id` is a digest of the link's token, never the token itself: someone who can read the store
 * cannot use the links in it.
 */
export interface ExportLink {
  id: string;
  tenantId: string;
  schoolId: string;
  dossierId: string;
  /** Entra object id of the person who asked for the export. */
  requestedBy: string;
  fileName: string;
  /** e.g. `application/pdf`, `text/markdown; charset=utf-8`. */
  contentType: string;
  /** The file itself (PDF, Word or text: bytes). */
  body: Buffer;
  createdAt: string;
  expiresAt: string;
}

/** An export link id: 1 to 200 characters of base64url (Cosmos DB builds a document id from it). */
export function isValidExportLinkId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,200}$/.test(id);
}

/**
 * A claim key: 1 to 200 characters, none of them `/`, `\`, `?`, `#` or a control character (Cosmos
 * DB builds a document id from it). Both stores refuse other keys with an Error.
 */
export function isValidClaimKey(key: string): boolean {
  // eslint-disable-next-line no-control-regex
  return key.length > 0 && key.length <= 200 && !/[/\\?#\u0000-\u001f\u007f]/.test(key);
}

/** Store.waitingList: how many items wait, and the dossiers that have waited longest. */
export interface WaitingList {
  items: number;
  longest: DossierSummary[];
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
  /**
   * The `limit` closed dossiers owned by this user in this school that closed last: where a teacher
   * finds a dossier again to reopen it (the signals came back) or to export it.
   */
  closedDossiersOfOwner(schoolId: string, ownerId: string, limit: number): Promise<DossierSummary[]>;
  /**
   * All dossiers of a school with the given status, most recently changed first; with
   * `changedBefore`, only those last changed at or before it (served by the status index).
   */
  dossiersOfSchool(
    schoolId: string,
    status: 'open' | 'closed',
    changedBefore?: string,
  ): Promise<DossierSummary[]>;
  /**
   * Dossiers of a school whose `nextReminderAt` is at or before `now`, earliest first, at most
   * `limit`. Served by an index on nextReminderAt so the cost follows the number due.
   */
  dueForReminder(schoolId: string, now: string, limit: number): Promise<DossierSummary[]>;

  /**
   * Open dossiers of a school this person takes part in: as owner, as co-owner or as one of its
   * zorgcoördinatoren, in no particular order. Indexed: the cost follows the person's dossiers,
   * not the school's.
   */
  openDossiersInvolving(schoolId: string, personId: string): Promise<DossierSummary[]>;
  /**
   * Open dossiers of a school that wait for something from others (Dossier.attention): an open
   * consultation, or a decision to confirm; in no particular order. Indexed: the cost follows what
   * waits.
   */
  dossiersNeeding(schoolId: string, attention: Attention): Promise<DossierSummary[]>;
  /**
   * What waits for `attention` in a school's open dossiers (Dossier.attentionDetails): how many items
   * (open consultations; decisions), and the `limit` dossiers that have waited longest, longest
   * first. For the home cards: a count and a bounded index search, whatever the number of dossiers
   * and of what waits.
   */
  waitingList(schoolId: string, attention: Attention, limit: number): Promise<WaitingList>;

  /**
   * Dossiers of a school with an outbox item waiting for this person (`Dossier.waitingFor`), found
   * by an index: the person just talked to the bot, and what waited for them can now be delivered.
   */
  dossiersWaitingFor(schoolId: string, personId: string): Promise<DossierSummary[]>;

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

  // ── Where the bot reaches people, and export download links (the Teams edge) ──

  /** Save (or replace) the reference of this user in this tenant; other tenants' are untouched. */
  saveConversation(conversation: SavedConversation): Promise<void>;
  /** The reference saved for this user in this tenant; never one saved in another tenant. */
  getConversation(tenantId: string, userId: string): Promise<SavedConversation | undefined>;

  /**
   * Keep a download link until `link.expiresAt`. Links whose time is up by `now` may be removed in
   * passing (nobody can use them any more). AlreadyExistsError when the id is taken.
   */
  saveExportLink(link: ExportLink, now: string): Promise<void>;
  /** The link with this id if it is still valid at `now`, without using it up. */
  peekExportLink(id: string, now: string): Promise<ExportLink | undefined>;
  /**
   * Use a link up: it is removed, and returned when it was still valid at `now`. Atomic: of callers
   * at once, at most one gets it, on any instance. Unknown, used or expired ids give undefined.
   */
  takeExportLink(id: string, now: string): Promise<ExportLink | undefined>;

  /** Release connections and file handles. */
  close(): Promise<void>;
}
