// Single-use, short-lived download links for exports. A bot cannot attach a file in a personal chat
// without a consent flow, so the export card opens a link to the bot's own server instead.
//
// The waiting files live in the store, so every bot instance serves every link (behind a load
// balancer the click may land on another instance than the one that made the link). The link's token
// is 32 random bytes; the store keeps only its SHA-256 digest, so reading the store gives nobody a
// usable link. A link works once and for `lifetimeMinutes`; every download is audited.
//
// When the App Service's own sign-in (Entra ID, "Easy Auth") is on, App Service signs the person in
// before the request reaches the bot and passes their object id in the X-MS-CLIENT-PRINCIPAL-ID
// header (and removes any such header the browser sent). Then a download is only handed to the person
// who asked for the export: a forwarded or leaked link is useless to anyone else. See docs/deploy.md.

import { createHash, randomBytes } from 'node:crypto';
import { t, type MessageKey } from '../i18n';
import type { Logger } from '../logger';
import { isValidExportLinkId, type Store } from '../store/store';

/** How long a link works unless configured otherwise (EXPORT_LINK_MINUTES). */
export const DEFAULT_EXPORT_LINK_MINUTES = 10;

/** A finished file to hand out (the same shape as a rendered document). */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Whose export it is: the link records it, the download audits it. */
export interface ExportRequest {
  tenantId: string;
  schoolId: string;
  dossierId: string;
  /** Entra object id of the person asking. */
  requestedBy: string;
}

export interface DownloadResponse {
  status: 200 | 403 | 404 | 503;
  headers: Record<string, string>;
  body: Buffer | string;
}

export interface ExportLinksDependencies {
  store: Store;
  /** Where users' browsers reach this server, e.g. https://meldcode.school.nl */
  baseUrl: string;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  lifetimeMinutes?: number;
  /** The App Service sign-in is on: only the person who asked may download. */
  requireSignIn?: boolean;
}

/** Nothing on the way keeps a copy, and the browser does not guess the type. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export class ExportLinks {
  readonly lifetimeMinutes: number;
  private readonly requireSignIn: boolean;

  constructor(private readonly deps: ExportLinksDependencies) {
    this.lifetimeMinutes = deps.lifetimeMinutes ?? DEFAULT_EXPORT_LINK_MINUTES;
    this.requireSignIn = deps.requireSignIn ?? false;
  }

  /** A new link to `file` for the person in `request`, valid for `lifetimeMinutes` from now. */
  async create(file: ExportFile, request: ExportRequest): Promise<string> {
    const now = this.deps.clock();
    const token = randomBytes(32).toString('base64url');
    await this.deps.store.saveExportLink(
      {
        id: digestOf(token),
        ...request,
        fileName: file.fileName,
        contentType: file.contentType,
        body: file.body,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.lifetimeMinutes * 60_000).toISOString(),
      },
      now.toISOString(),
    );
    return `${this.deps.baseUrl.replace(/\/+$/, '')}/export/${token}`;
  }

  /**
   * The HTTP answer to GET /export/:token. `signedInAs` is the object id App Service's sign-in
   * passed on, if any; it only counts when the sign-in is configured to be on.
   */
  async download(token: string, signedInAs: string | undefined): Promise<DownloadResponse> {
    // Without the sign-in on, anyone could send the header: it is then ignored altogether.
    const principal = this.requireSignIn ? signedInAs : undefined;
    const id = isToken(token) ? digestOf(token) : undefined;
    const now = this.deps.clock().toISOString();
    const waiting = id === undefined ? undefined : await this.deps.store.peekExportLink(id, now);
    if (id === undefined || !waiting) return plain(404, 'export.linkGone');

    if (this.requireSignIn && principal !== waiting.requestedBy) {
      // The link stays usable for the person who asked; the attempt is recorded, by whom if known.
      await this.audit(waiting, principal ?? 'unknown', 'refused:downloadNotRequester', now);
      this.deps.logger.warn({ outcome: 'refused', reason: 'notRequester' }, 'export download refused');
      return plain(403, 'export.linkNotYours');
    }

    const taken = await this.deps.store.takeExportLink(id, now);
    // Someone else used it between the look and the take (a double click, two tabs).
    if (!taken) return plain(404, 'export.linkGone');
    try {
      await this.audit(taken, principal ?? taken.requestedBy, 'downloaded', now);
    } catch (error) {
      // Not audited, not handed out: the person asks for a new export, which is audited again.
      this.deps.logger.error(
        { error: error instanceof Error ? error.message : 'unknown' },
        'export download not audited; refused',
      );
      return plain(503, 'export.linkUnavailable');
    }
    this.deps.logger.info(
      { outcome: 'ok', schoolId: taken.schoolId, dossierId: taken.dossierId },
      'export downloaded',
    );
    return {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': taken.contentType,
        'Content-Disposition': `attachment; filename="${taken.fileName.replace(/[^A-Za-z0-9.-]/g, '')}"`,
      },
      body: taken.body,
    };
  }

  private async audit(link: ExportRequest, actorId: string, action: string, at: string): Promise<void> {
    await this.deps.store.appendAudit({
      id: this.deps.newId(),
      tenantId: link.tenantId,
      schoolId: link.schoolId,
      dossierId: link.dossierId,
      actorId,
      action,
      at,
    });
  }
}

/** A link token as create() makes them: 32 bytes in base64url. Anything else is not looked up. */
function isToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

function digestOf(token: string): string {
  const id = createHash('sha256').update(token, 'utf8').digest('base64url');
  if (!isValidExportLinkId(id)) throw new Error('A link digest is always base64url; this cannot happen.');
  return id;
}

/** The answer when the store could not be asked: nothing was handed out. */
export function downloadUnavailable(): DownloadResponse {
  return plain(503, 'export.linkUnavailable');
}

/** The language of whoever clicks is unknown here: both, Dutch first. */
function plain(status: 403 | 404 | 503, key: MessageKey): DownloadResponse {
  return {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: `${t('nl', key)}\n\n${t('en', key)}\n`,
  };
}
