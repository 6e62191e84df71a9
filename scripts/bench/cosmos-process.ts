// The local Cosmos DB server (@vercel/cosmosdb-server, in memory) in a process of its own, so that
// its work counts neither for the bot under test nor for the load generator. Sends
// {type:'ready', endpoint} over IPC and stops when the parent says {type:'stop'} or goes away.
//
// The emulator has no indexes: every query reads every document of its container, so list times on
// it grow with the number of dossiers whatever the query; a real account answers from its index.
// On top of that it gathers query candidates with an array spread inside a reduce (quadratic: ~8 s a
// query at 20,000 documents). makeQueriesLinear() rewrites that one expression into a push in this
// process, so that the scaling part measures the bot and a scan, not the emulator's quadratic copy.
// scripts/bench-reminders.ts does the same for the reminder sweep.

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

const SPREAD_APPEND = /\[\.\.\.\$, \{\s*c: c\s*\}\]/;

function makeQueriesLinear(): void {
  const requireFromServer = createRequire(createRequire(__filename).resolve('@vercel/cosmosdb-server'));
  const loaded = requireFromServer('@zeit/cosmosdb-query') as { default?: (sql: string) => object };
  const sample = loaded.default?.('SELECT * FROM c');
  const prototype: object | null = sample ? (Object.getPrototypeOf(sample) as object) : null;
  const descriptor = prototype ? Object.getOwnPropertyDescriptor(prototype, 'code') : undefined;
  if (!prototype || !descriptor?.get)
    throw new Error('@zeit/cosmosdb-query changed shape: update makeQueriesLinear().');
  const generated = (query: unknown): string => String(descriptor.get?.call(query));
  if (!SPREAD_APPEND.test(generated(sample)))
    throw new Error('The emulator query code changed: update makeQueriesLinear().');
  Object.defineProperty(prototype, 'code', {
    configurable: true,
    get(this: unknown): string {
      return generated(this).replace(new RegExp(SPREAD_APPEND.source, 'g'), '($.push({ c: c }), $)');
    },
  });
}

async function main(): Promise<void> {
  makeQueriesLinear();
  const server = createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.send?.({ type: 'ready', endpoint: `http://127.0.0.1:${port}` });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `local Cosmos DB server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
