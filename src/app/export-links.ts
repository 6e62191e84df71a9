// Single-use, short-lived download links for exports. A bot cannot attach a file in a personal chat
// without a consent flow, so the export card opens a link to the bot's own server instead. The link's
// token is 32 random bytes (base64url); it works once and for ten minutes, and is then forgotten.
//
// Kept in memory, in one object that compose.ts builds and passes in (no module state). With several
// instances behind a load balancer a link only works on the instance that made it; the export card
// simply asks for a new export when a link is gone.

import { randomBytes } from 'node:crypto';
import { t } from '../i18n';

/** How long a link works. */
export const EXPORT_LINK_MINUTES = 10;
/** At most this many links wait at once; making one more forgets the oldest. */
const MAX_WAITING_LINKS = 200;

export interface ExportDocument {
  fileName: string;
  /** The document itself (Markdown, UTF-8). */
  body: string;
}

interface Waiting {
  document: ExportDocument;
  expiresAt: number;
}

export interface DownloadResponse {
  status: 200 | 404;
  headers: Record<string, string>;
  body: string;
}

export class ExportLinks {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly baseUrl: string,
    private readonly clock: () => Date,
  ) {}

  /** A new link to `document`, valid for EXPORT_LINK_MINUTES from now. */
  create(document: ExportDocument): string {
    const now = this.clock().getTime();
    this.forgetExpired(now);
    while (this.waiting.size >= MAX_WAITING_LINKS) {
      const oldest = this.waiting.keys().next().value;
      if (oldest === undefined) break;
      this.waiting.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    this.waiting.set(token, { document, expiresAt: now + EXPORT_LINK_MINUTES * 60_000 });
    return `${this.baseUrl.replace(/\/+$/, '')}/export/${token}`;
  }

  /** The document behind a token, once: the token is gone after this call, used or expired. */
  take(token: string): ExportDocument | undefined {
    const waiting = this.waiting.get(token);
    this.waiting.delete(token);
    this.forgetExpired(this.clock().getTime());
    if (!waiting || waiting.expiresAt <= this.clock().getTime()) return undefined;
    return waiting.document;
  }

  /** How many links wait (for tests). */
  get size(): number {
    return this.waiting.size;
  }

  /** The HTTP answer to GET /export/:token. Nothing is cached anywhere on the way. */
  download(token: string): DownloadResponse {
    const document = this.take(token);
    const common = {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (!document) {
      return {
        status: 404,
        headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' },
        // The language of whoever clicks is unknown here: both, Dutch first.
        body: `${t('nl', 'export.linkGone')}\n\n${t('en', 'export.linkGone')}\n`,
      };
    }
    return {
      status: 200,
      headers: {
        ...common,
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': `attachment; filename="${document.fileName.replace(/[^A-Za-z0-9.-]/g, '')}"`,
      },
      body: document.body,
    };
  }

  private forgetExpired(now: number): void {
    for (const [token, waiting] of this.waiting) {
      if (waiting.expiresAt <= now) this.waiting.delete(token);
    }
  }
}
