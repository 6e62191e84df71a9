// A local Cosmos DB for tests: @vercel/cosmosdb-server in this process, plain HTTP on 127.0.0.1
// and a free port. It keeps everything in memory and always starts empty; start one per test file.
//
// Plain HTTP rather than its HTTPS server: that one's certificate expired in 2021. Over http://
// @azure/cosmos must use its own keep-alive agent (a custom agent makes it refuse the insecure
// connection), so no agent is returned, and endpoint discovery is switched off.

import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Agent, CosmosClientOptions } from '@azure/cosmos';

export interface LocalCosmos {
  endpoint: string;
  /** Any base64 string works: the local server does not check signatures. Not a credential. */
  key: string;
  /** Only for the HTTPS variant; undefined here. */
  agent?: Agent | undefined;
  connectionPolicy: CosmosClientOptions['connectionPolicy'];
  stop(): Promise<void>;
}

export async function startCosmosServer(): Promise<LocalCosmos> {
  const server = createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: Buffer.from('local cosmosdb-server, no secret').toString('base64'),
    connectionPolicy: { enableEndpointDiscovery: false },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
