// The production store: Azure Cosmos DB for NoSQL through @azure/cosmos 4.9.3.
//
// Layout (the infrastructure template and the README must match the constants exported below):
//
//   database  <databaseId>
//   container <dossiersContainerId>, partition key /schoolId, indexing DOSSIERS_INDEXING_POLICY
//     { type: 'dossier', id, schoolId, …the Dossier fields }         id = the dossier id
//     { type: 'counter', id: 'counter-<year>', schoolId, year, value }  one per school per year
//     { type: 'audit', id: 'audit-<event id>', auditId, schoolId, dossierId, actorId, action, at }
//     { type: 'claim', id: 'claim-<key>', schoolId, key, until }          one per school per claim key
//   container <usersContainerId>, partition key /id, indexing USERS_INDEXING_POLICY
//     { type: 'conversation', id: conversationDocumentId(tenant, user), userId, tenantId, reference,
//       updatedAt }                                    one per tenant and user
//     { type: 'exportLink', id: 'export-<link id>', …the ExportLink fields, ttl }  a waiting download
//   Both are read by id only. An export link carries a `ttl` (seconds), so a container with time to
//   live switched on (defaultTtl -1) removes links nobody used; a used link is deleted at once.
//
// Everything of one school shares one logical partition, so every read and query below names the
// partition and never fans out. Only the queried paths are indexed; the dossier log (the bulk of
// each document) is never queried, and leaving it out of the index keeps writes cheap.
//
// Versions are the documents' `_etag`s: replace sends `IfMatch`, and a 412 becomes
// StaleVersionError. Cosmos system fields (`_rid`, `_etag`, `_ts` …) and the `type` discriminator
// never leave this file.
//
// Every query also carries the partition key in its WHERE clause: @vercel/cosmosdb-server, the
// local server the tests run against, ignores the `partitionKey` request option.

import {
  CosmosClient,
  type Agent,
  type Container,
  type CosmosClientOptions,
  type IndexingPolicy,
  type PartitionKeyDefinition,
  type SqlParameter,
} from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Attention } from '../domain/attention';
import type { Dossier } from '../domain/dossier';
import {
  AlreadyExistsError,
  StaleVersionError,
  isValidClaimKey,
  isValidExportLinkId,
  type AuditEvent,
  type ExportLink,
  type DossierSummary,
  type SavedConversation,
  type Store,
  type Versioned,
  type WaitingList,
} from './store';

/** Partition key of the dossiers container: one logical partition per school. */
export const DOSSIERS_PARTITION_KEY: PartitionKeyDefinition = { paths: ['/schoolId'] };

/** Partition key of the users container: one logical partition per user. */
export const USERS_PARTITION_KEY: PartitionKeyDefinition = { paths: ['/id'] };

/**
 * Indexing of the dossiers container: only the paths the queries below filter or sort on.
 * `/*` is excluded, so the dossier log and everything else is stored but not indexed.
 */
export const DOSSIERS_INDEXING_POLICY: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [
    { path: '/schoolId/?' },
    { path: '/type/?' },
    { path: '/ownerId/?' },
    { path: '/status/?' },
    { path: '/updatedAt/?' },
    { path: '/nextReminderAt/?' },
    { path: '/waitingFor/[]/?' },
    { path: '/coordinatorIds/[]/?' },
    { path: '/coOwnerIds/[]/?' },
    { path: '/attention/[]/?' },
    // ORDER BY of Store.waitingList (a range index per mark; the item counts need none).
    { path: '/attentionDetails/consultation/since/?' },
    { path: '/attentionDetails/decision/since/?' },
    { path: '/dossierId/?' },
    { path: '/at/?' },
  ],
  excludedPaths: [{ path: '/*' }],
};

/** Indexing of the users container: nothing; it is only read by id. */
export const USERS_INDEXING_POLICY: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [],
  excludedPaths: [{ path: '/*' }],
};

/** The two containers the store works on. */
export interface CosmosContainers {
  dossiers: Container;
  users: Container;
}

export type CosmosAuth =
  /** Account key: local servers only. */
  | { kind: 'key'; key: string }
  /** Entra ID through DefaultAzureCredential; `clientId` picks a user-assigned managed identity. */
  | { kind: 'managedIdentity'; clientId?: string | undefined };

export interface CosmosStoreOptions {
  endpoint: string;
  databaseId: string;
  dossiersContainerId: string;
  usersContainerId: string;
  auth: CosmosAuth;
  /**
   * Create the database and containers when missing. Local servers only: in Azure they are
   * provisioned by the infrastructure template, and data-plane RBAC (managed identity) cannot
   * create them. When false, `connect` checks that both containers exist.
   */
  createIfNotExists: boolean;
  /** An https agent (tests against a self-signed local server). Not for http:// endpoints. */
  agent?: Agent | undefined;
  connectionPolicy?: CosmosClientOptions['connectionPolicy'];
  /** How long `ping` waits before it reports the store unreachable. Default 5000 ms. */
  pingTimeoutMs?: number | undefined;
}

type DossierDocument = Dossier & { type: 'dossier' };

interface CounterDocument {
  type: 'counter';
  id: string;
  schoolId: string;
  year: number;
  value: number;
}

interface ClaimDocument {
  type: 'claim';
  id: string;
  schoolId: string;
  key: string;
  until: string;
}

type AuditDocument = Omit<AuditEvent, 'id'> & { type: 'audit'; id: string; auditId: string };

interface ConversationDocument {
  type: 'conversation';
  id: string;
  /** Absent in references saved before they were kept per tenant (then `id` is the user id). */
  userId?: string;
  tenantId: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

type ExportLinkDocument = Omit<ExportLink, 'id' | 'body'> & {
  type: 'exportLink';
  id: string;
  linkId: string;
  /** The file's bytes as base64 (JSON holds no bytes). An item holds at most 2 MB. */
  bodyBase64: string;
  ttl: number;
};

/**
 * The document id of a user's reference in a tenant. Both parts are percent-encoded, so neither can
 * contain the separator or a character Cosmos DB refuses in an id.
 */
const conversationDocumentId = (tenantId: string, userId: string): string =>
  `conversation:${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
const exportLinkDocumentId = (linkId: string): string => `export-${linkId}`;
/** Extra time to live for an unused link, so the store never removes one before it expired. */
const EXPORT_LINK_TTL_MARGIN_SECONDS = 60;

const SUMMARY_PROJECTION =
  'c.id, c.schoolId, c.number, c.pupil.reference AS pupilReference, c.ownerId, c.status, ' +
  'c.updatedAt, c.nextReminderAt, c.progress';

/** Where the details of each mark are (Dossier.attentionDetails), for waitingList's queries. */
const DETAIL_PATHS: Record<Attention, string> = {
  consultation: 'c.attentionDetails.consultation',
  decision: 'c.attentionDetails.decision',
};

/** How often nextDossierSequence tries again when the counter was created or removed meanwhile. */
const MAX_SEQUENCE_ATTEMPTS = 5;

const counterId = (year: number): string => `counter-${year}`;
const auditDocumentId = (eventId: string): string => `audit-${eventId}`;
const claimDocumentId = (key: string): string => `claim-${key}`;

/** How often `claim` starts again when its claim document vanished between a 409 and the read. */
const MAX_CLAIM_ATTEMPTS = 5;

/** The HTTP status of a Cosmos error response, if it is one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    return error.code;
  }
  return undefined;
}

/** A stored document without Cosmos system fields (`_rid`, `_etag` …) and without `type`. */
function withoutSystemFields<T>(document: object): T {
  return Object.fromEntries(
    Object.entries(document).filter(([key]) => !key.startsWith('_') && key !== 'type'),
  ) as T;
}

function versioned(resource: (DossierDocument & { _etag?: string }) | undefined): Versioned<Dossier> {
  if (!resource?._etag)
    throw new Error('Cosmos DB returned a dossier without its _etag; the version is unknown.');
  return { value: withoutSystemFields<Dossier>(resource), version: resource._etag };
}

function toExportLink(document: ExportLinkDocument): ExportLink {
  return {
    id: document.linkId,
    tenantId: document.tenantId,
    schoolId: document.schoolId,
    dossierId: document.dossierId,
    requestedBy: document.requestedBy,
    fileName: document.fileName,
    contentType: document.contentType,
    body: Buffer.from(document.bodyBase64, 'base64'),
    createdAt: document.createdAt,
    expiresAt: document.expiresAt,
  };
}

/** A user id that could have been a document id before references were kept per tenant. */
function isValidLegacyId(userId: string): boolean {
  // eslint-disable-next-line no-control-regex
  return userId.length > 0 && userId.length <= 255 && !/[/\\?#\u0000-\u001f]/.test(userId);
}

function toSummary(row: DossierSummary): DossierSummary {
  return {
    id: row.id,
    schoolId: row.schoolId,
    number: row.number,
    pupilReference: row.pupilReference,
    ownerId: row.ownerId,
    status: row.status,
    updatedAt: row.updatedAt,
    nextReminderAt: row.nextReminderAt ?? null,
    ...(row.progress ? { progress: row.progress } : {}),
  };
}

export class CosmosStore implements Store {
  private readonly dossiers: Container;
  private readonly users: Container;
  private readonly client: CosmosClient | undefined;
  private readonly pingTimeoutMs: number;

  /**
   * A store over existing containers. `client`, when given, is disposed by `close` (pass it when
   * the store owns its client, as `connect` does).
   */
  constructor(containers: CosmosContainers, options: { client?: CosmosClient; pingTimeoutMs?: number } = {}) {
    this.dossiers = containers.dossiers;
    this.users = containers.users;
    this.client = options.client;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  /** Build the client, find (or, for local servers, create) the containers, and return the store. */
  static async connect(options: CosmosStoreOptions): Promise<CosmosStore> {
    if (options.agent && new URL(options.endpoint).protocol === 'http:') {
      throw new Error(
        `Cosmos DB endpoint ${options.endpoint} is plain http, and a custom agent was given: ` +
          '@azure/cosmos then refuses the insecure connection. Leave `agent` out for http ' +
          '(the SDK uses its own keep-alive agent), or use an https endpoint.',
      );
    }
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.auth.kind === 'key'
        ? { key: options.auth.key }
        : {
            aadCredentials: new DefaultAzureCredential(
              options.auth.clientId ? { managedIdentityClientId: options.auth.clientId } : {},
            ),
          }),
      ...(options.agent ? { agent: options.agent } : {}),
      ...(options.connectionPolicy ? { connectionPolicy: options.connectionPolicy } : {}),
    });
    try {
      const containers = options.createIfNotExists
        ? await createContainers(client, options)
        : await existingContainers(client, options);
      return new CosmosStore(containers, {
        client,
        ...(options.pingTimeoutMs ? { pingTimeoutMs: options.pingTimeoutMs } : {}),
      });
    } catch (error) {
      client.dispose();
      throw error;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.dossiers.database.read({ abortSignal: AbortSignal.timeout(this.pingTimeoutMs) });
      return true;
    } catch {
      return false;
    }
  }

  async createDossier(dossier: Dossier): Promise<Versioned<Dossier>> {
    try {
      const { resource } = await this.dossiers.items.create<DossierDocument>({ ...dossier, type: 'dossier' });
      return versioned(resource);
    } catch (error) {
      if (statusOf(error) === 409) throw new AlreadyExistsError(dossier.id);
      throw error;
    }
  }

  async getDossier(schoolId: string, id: string): Promise<Versioned<Dossier> | undefined> {
    const { resource } = await this.dossiers.item(id, schoolId).read<DossierDocument>();
    return resource?.type === 'dossier' ? versioned(resource) : undefined;
  }

  async replaceDossier(dossier: Dossier, expectedVersion: string): Promise<Versioned<Dossier>> {
    try {
      const { resource } = await this.dossiers
        .item(dossier.id, dossier.schoolId)
        .replace<DossierDocument>(
          { ...dossier, type: 'dossier' },
          { accessCondition: { type: 'IfMatch', condition: expectedVersion } },
        );
      return versioned(resource);
    } catch (error) {
      // 412: the etag moved on; 404: the dossier is gone. Either way the caller must reload.
      const status = statusOf(error);
      if (status === 412 || status === 404) throw new StaleVersionError(dossier.id);
      throw error;
    }
  }

  async deleteDossier(schoolId: string, id: string): Promise<void> {
    try {
      await this.dossiers.item(id, schoolId).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  openDossiersOfOwner(schoolId: string, ownerId: string): Promise<DossierSummary[]> {
    return this.summaries(
      schoolId,
      `SELECT ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.ownerId = @ownerId AND c.status = 'open'
       ORDER BY c.updatedAt DESC`,
      [{ name: '@ownerId', value: ownerId }],
    );
  }

  closedDossiersOfOwner(schoolId: string, ownerId: string, limit: number): Promise<DossierSummary[]> {
    const count = Math.floor(limit);
    if (!(count > 0)) return Promise.resolve([]);
    return this.summaries(
      schoolId,
      `SELECT TOP @limit ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.ownerId = @ownerId AND c.status = 'closed'
       ORDER BY c.updatedAt DESC`,
      [
        { name: '@ownerId', value: ownerId },
        { name: '@limit', value: count },
      ],
    );
  }

  dossiersOfSchool(
    schoolId: string,
    status: 'open' | 'closed',
    changedBefore?: string,
  ): Promise<DossierSummary[]> {
    return this.summaries(
      schoolId,
      `SELECT ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.status = @status
         ${changedBefore === undefined ? '' : 'AND c.updatedAt <= @changedBefore'}
       ORDER BY c.updatedAt DESC`,
      [
        { name: '@status', value: status },
        ...(changedBefore === undefined ? [] : [{ name: '@changedBefore', value: changedBefore }]),
      ],
    );
  }

  async dueForReminder(schoolId: string, now: string, limit: number): Promise<DossierSummary[]> {
    const count = Math.floor(limit);
    if (!(count > 0)) return [];
    return this.summaries(
      schoolId,
      `SELECT TOP @limit ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND IS_DEFINED(c.nextReminderAt)
         AND c.nextReminderAt != null AND c.nextReminderAt <= @now
       ORDER BY c.nextReminderAt`,
      [
        { name: '@limit', value: count },
        { name: '@now', value: now },
      ],
    );
  }

  openDossiersInvolving(schoolId: string, personId: string): Promise<DossierSummary[]> {
    return this.summaries(
      schoolId,
      `SELECT ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.status = 'open'
         AND (c.ownerId = @personId OR ARRAY_CONTAINS(c.coOwnerIds, @personId)
              OR ARRAY_CONTAINS(c.coordinatorIds, @personId))`,
      [{ name: '@personId', value: personId }],
    );
  }

  dossiersNeeding(schoolId: string, attention: Attention): Promise<DossierSummary[]> {
    return this.summaries(
      schoolId,
      `SELECT ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.status = 'open'
         AND ARRAY_CONTAINS(c.attention, @attention)`,
      [{ name: '@attention', value: attention }],
    );
  }

  async waitingList(schoolId: string, attention: Attention, limit: number): Promise<WaitingList> {
    // The path is built from the mark, never from input: only the known marks have one.
    const details = DETAIL_PATHS[attention];
    const where = `WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND c.status = 'open'
         AND ARRAY_CONTAINS(c.attention, @attention)`;
    const mark = [{ name: '@attention', value: attention }];
    const count = Math.floor(limit);
    const [items, longest] = await Promise.all([
      // A dossier marked before its details were kept (before this release) counts as one item;
      // where ORDER BY places a document without the path depends on the engine (first, or left out
      // when the path is not indexed), until its next change writes the details.
      this.query<number>(
        schoolId,
        `SELECT VALUE SUM(IS_DEFINED(${details}.items) ? ${details}.items : 1) FROM c ${where}`,
        mark,
      ),
      count > 0
        ? this.summaries(
            schoolId,
            `SELECT TOP @limit ${SUMMARY_PROJECTION} FROM c ${where} ORDER BY ${details}.since`,
            [...mark, { name: '@limit', value: count }],
          )
        : Promise.resolve([]),
    ]);
    return { items: items[0] ?? 0, longest };
  }

  async dossiersWaitingFor(schoolId: string, personId: string): Promise<DossierSummary[]> {
    return this.summaries(
      schoolId,
      `SELECT ${SUMMARY_PROJECTION} FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'dossier' AND ARRAY_CONTAINS(c.waitingFor, @personId)`,
      [{ name: '@personId', value: personId }],
    );
  }

  /**
   * One round trip: an atomic increment (`incr` patch) of the school's counter document for the
   * year, which answers with the new value. Only the year's first number creates the counter; when
   * two create it at once, the one that gets 409 increments the other's.
   */
  async nextDossierSequence(schoolId: string, year: number): Promise<number> {
    const id = counterId(year);
    const item = this.dossiers.item(id, schoolId);
    for (let attempt = 0; attempt < MAX_SEQUENCE_ATTEMPTS; attempt += 1) {
      try {
        const { resource } = await item.patch<CounterDocument>([{ op: 'incr', path: '/value', value: 1 }]);
        if (resource) return resource.value;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      try {
        await this.dossiers.items.create<CounterDocument>({ type: 'counter', id, schoolId, year, value: 1 });
        return 1;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
    }
    throw new Error(
      `The dossier counter of school ${schoolId} for ${year} could not be read or created in ` +
        `${MAX_SEQUENCE_ATTEMPTS} attempts; try again.`,
    );
  }

  /**
   * Create the claim document; on 409 (it exists) read it, and when it has expired replace it with
   * IfMatch on the etag just read. Of two callers that both saw it expired, one replace gets 412:
   * that caller lost. The document only vanishes if deleted by hand; then start again.
   */
  async claim(schoolId: string, key: string, until: string, now: string): Promise<boolean> {
    if (!isValidClaimKey(key)) throw new Error(`Invalid claim key: ${JSON.stringify(key)}.`);
    const document: ClaimDocument = { type: 'claim', id: claimDocumentId(key), schoolId, key, until };
    const item = this.dossiers.item(document.id, schoolId);
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      try {
        await this.dossiers.items.create<ClaimDocument>(document);
        return true;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
      const { resource: current } = await item.read<ClaimDocument>();
      if (!current) continue;
      if (current.type !== 'claim') {
        throw new Error(`Document ${document.id} of school ${schoolId} is not a claim.`);
      }
      if (current.until > now) return false;
      try {
        await item.replace<ClaimDocument>(document, {
          accessCondition: { type: 'IfMatch', condition: current._etag },
        });
        return true;
      } catch (error) {
        const status = statusOf(error);
        if (status === 412) return false; // Another caller took over the expired claim first.
        if (status !== 404) throw error;
      }
    }
    throw new Error(`The claim ${key} of school ${schoolId} kept vanishing; try again.`);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    const document: AuditDocument = {
      type: 'audit',
      id: auditDocumentId(event.id),
      auditId: event.id,
      schoolId: event.schoolId,
      tenantId: event.tenantId,
      dossierId: event.dossierId,
      actorId: event.actorId,
      action: event.action,
      at: event.at,
    };
    try {
      await this.dossiers.items.create<AuditDocument>(document);
    } catch (error) {
      // The same event (same id) again: it is recorded already, so a retried append is harmless.
      if (statusOf(error) !== 409) throw error;
    }
  }

  async auditOfDossier(schoolId: string, dossierId: string): Promise<AuditEvent[]> {
    const rows = await this.query<AuditEvent>(
      schoolId,
      `SELECT c.auditId AS id, c.schoolId, c.tenantId, c.dossierId, c.actorId, c.action, c.at FROM c
       WHERE c.schoolId = @schoolId AND c.type = 'audit' AND c.dossierId = @dossierId
       ORDER BY c.at`,
      [{ name: '@dossierId', value: dossierId }],
    );
    return rows.map((row) => ({
      id: row.id,
      schoolId: row.schoolId,
      tenantId: row.tenantId ?? '',
      dossierId: row.dossierId,
      actorId: row.actorId,
      action: row.action,
      at: row.at,
    }));
  }

  async saveConversation(conversation: SavedConversation): Promise<void> {
    const id = conversationDocumentId(conversation.tenantId, conversation.userId);
    await this.users.items.upsert<ConversationDocument>({
      type: 'conversation',
      id,
      userId: conversation.userId,
      tenantId: conversation.tenantId,
      reference: conversation.reference,
      updatedAt: conversation.updatedAt,
    });
  }

  async getConversation(tenantId: string, userId: string): Promise<SavedConversation | undefined> {
    const id = conversationDocumentId(tenantId, userId);
    const { resource } = await this.users.item(id, id).read<ConversationDocument>();
    // A reference saved before they were kept per tenant has the user id as its id; it still
    // counts, but only for the tenant it was saved in.
    const found = resource ?? (isValidLegacyId(userId) ? await this.legacyConversation(userId) : undefined);
    if (found?.type !== 'conversation' || found.tenantId !== tenantId) return undefined;
    return {
      userId: found.userId ?? found.id,
      tenantId: found.tenantId,
      reference: found.reference,
      updatedAt: found.updatedAt,
    };
  }

  async saveExportLink(link: ExportLink, now: string): Promise<void> {
    if (!isValidExportLinkId(link.id)) throw new Error('Invalid export link id.');
    const { id: linkId, body, ...rest } = link;
    const seconds = Math.ceil((Date.parse(link.expiresAt) - Date.parse(now)) / 1000);
    try {
      await this.users.items.create<ExportLinkDocument>({
        ...rest,
        type: 'exportLink',
        id: exportLinkDocumentId(linkId),
        linkId,
        bodyBase64: body.toString('base64'),
        ttl: Math.max(1, seconds) + EXPORT_LINK_TTL_MARGIN_SECONDS,
      });
    } catch (error) {
      if (statusOf(error) === 409) throw new AlreadyExistsError(link.id);
      throw error;
    }
  }

  async peekExportLink(id: string, now: string): Promise<ExportLink | undefined> {
    const document = await this.exportLinkDocument(id);
    return document && document.expiresAt > now ? toExportLink(document) : undefined;
  }

  /**
   * Read the link, then delete it with IfMatch on the etag just read: of two callers that read it,
   * one delete gets 412 or 404, and that caller gets nothing.
   */
  async takeExportLink(id: string, now: string): Promise<ExportLink | undefined> {
    const document = await this.exportLinkDocument(id);
    if (!document) return undefined;
    try {
      await this.users.item(document.id, document.id).delete({
        accessCondition: { type: 'IfMatch', condition: document._etag ?? '' },
      });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || status === 412) return undefined;
      throw error;
    }
    return document.expiresAt > now ? toExportLink(document) : undefined;
  }

  private async exportLinkDocument(
    id: string,
  ): Promise<(ExportLinkDocument & { _etag?: string }) | undefined> {
    if (!isValidExportLinkId(id)) return undefined;
    const documentId = exportLinkDocumentId(id);
    const { resource } = await this.users
      .item(documentId, documentId)
      .read<ExportLinkDocument & { _etag?: string }>();
    return resource?.type === 'exportLink' ? resource : undefined;
  }

  private async legacyConversation(userId: string): Promise<ConversationDocument | undefined> {
    const { resource } = await this.users.item(userId, userId).read<ConversationDocument>();
    return resource?.userId === undefined ? resource : undefined;
  }

  close(): Promise<void> {
    this.client?.dispose();
    return Promise.resolve();
  }

  private async summaries(
    schoolId: string,
    query: string,
    parameters: SqlParameter[],
  ): Promise<DossierSummary[]> {
    return (await this.query<DossierSummary>(schoolId, query, parameters)).map(toSummary);
  }

  /** A parameterised query inside one school's partition; `@schoolId` is bound here. */
  private async query<T>(schoolId: string, query: string, parameters: SqlParameter[]): Promise<T[]> {
    const { resources } = await this.dossiers.items
      .query<T>(
        { query, parameters: [{ name: '@schoolId', value: schoolId }, ...parameters] },
        { partitionKey: schoolId },
      )
      .fetchAll();
    return resources;
  }
}

async function createContainers(
  client: CosmosClient,
  options: CosmosStoreOptions,
): Promise<CosmosContainers> {
  const { database } = await client.databases.createIfNotExists({ id: options.databaseId });
  const { container: dossiers } = await database.containers.createIfNotExists({
    id: options.dossiersContainerId,
    partitionKey: DOSSIERS_PARTITION_KEY,
    indexingPolicy: DOSSIERS_INDEXING_POLICY,
  });
  const { container: users } = await database.containers.createIfNotExists({
    id: options.usersContainerId,
    partitionKey: USERS_PARTITION_KEY,
    indexingPolicy: USERS_INDEXING_POLICY,
  });
  return { dossiers, users };
}

async function existingContainers(
  client: CosmosClient,
  options: CosmosStoreOptions,
): Promise<CosmosContainers> {
  const database = client.database(options.databaseId);
  const find = async (containerId: string): Promise<Container> => {
    const container = database.container(containerId);
    try {
      await container.read();
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new Error(
          `Cosmos DB container '${containerId}' in database '${options.databaseId}' at ` +
            `${options.endpoint} does not exist. Provision it with the infrastructure template ` +
            '(partition keys and indexing policies are exported by src/store/cosmos-store.ts), ' +
            'or set createIfNotExists for a local server.',
          { cause: error },
        );
      }
      throw error;
    }
    return container;
  };
  return { dossiers: await find(options.dossiersContainerId), users: await find(options.usersContainerId) };
}
