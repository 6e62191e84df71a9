// HTTP: POST /api/messages for Teams, GET /healthz for the platform's health probe, and
// GET /export/:token for a single-use export download.
// Shutdown stops accepting, lets running turns finish, then closes the store.

import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Store } from './store/store';
import type { Logger } from './logger';
import { downloadUnavailable, type DownloadResponse, type ExportLinks } from './app/export-links';

export interface HttpServer {
  /** The address the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  /** Stop accepting, wait for running turns (at most `graceMs`), close the store. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: Store;
  logger: Logger;
  /** Download links of exports; without them there is no download route. */
  exports?: ExportLinks;
  /** Work the turns started after answering (cards to others): finished before the store closes. */
  afterAnswer?: { idle(): Promise<void> };
}

export async function startServer(
  deps: ServerDependencies,
  port: number,
  host = '0.0.0.0',
): Promise<HttpServer> {
  const server = restify.createServer({ name: 'meldcode-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));

  const running = new Set<Promise<void>>();
  let accepting = true;

  server.post('/api/messages', async (req, res) => {
    if (!accepting) {
      res.send(503);
      return;
    }
    const turn = deps.adapter.process(req, res, (context) => deps.bot.run(context));
    running.add(turn);
    try {
      await turn;
    } finally {
      running.delete(turn);
    }
  });

  // Says only whether the store answers: no counts, no ids, no data.
  server.get('/healthz', async (_req, res) => {
    const healthy = accepting && (await deps.store.ping());
    res.send(healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
  });

  // A link works once and for a short time, and nothing on the way keeps a copy. With the App
  // Service sign-in on, App Service sets X-MS-CLIENT-PRINCIPAL-ID to the signed-in person (and drops
  // the header when a browser sends it); ExportLinks only trusts it when configured to.
  const downloads = deps.exports;
  if (downloads) {
    server.get('/export/:token', async (req, res) => {
      const params = req.params as Record<string, unknown>;
      const token = typeof params['token'] === 'string' ? params['token'] : '';
      const principal = req.header('x-ms-client-principal-id', '') || undefined;
      let answer: DownloadResponse;
      try {
        answer = await downloads.download(token, principal);
      } catch (error) {
        deps.logger.error(
          { error: error instanceof Error ? error.message : 'unknown' },
          'export download failed',
        );
        answer = downloadUnavailable();
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    // restify reports EADDRINUSE as an 'error' event, not as a rejected listen.
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  deps.logger.info({ port: address.port }, 'listening');

  return {
    url,
    port: address.port,
    async close(graceMs = 10_000) {
      accepting = false;
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), timeout]);
      server.server.closeAllConnections?.();
      await closed;
      await deps.afterAnswer?.idle();
      await deps.store.close();
      deps.logger.info('stopped');
    },
  };
}
