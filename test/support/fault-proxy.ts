// A TCP proxy on loopback that sits between the bot and a server (here the local Cosmos DB) and
// misbehaves on purpose, the way a network does on a bad day: it delays what passes, drops a
// connection before a request reaches the server, or lets the request through and then resets the
// connection before the answer comes back (the write happened, the client does not know it).
//
// Faults are decided per chunk the client sends, so a keep-alive connection that carries many
// requests meets them too. The dice are seeded: a failing run can be replayed with its seed.

import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultPlan {
  /** Share of client chunks whose connection is closed before the chunk reaches the server. */
  drop: number;
  /** Share of client chunks that reach the server, after which the connection is reset before any answer. */
  resetAfterSend: number;
  /** Share of chunks (both ways) held back for a while. */
  delay: number;
  /** How long a delayed chunk waits, at most (ms); each wait is drawn between 0 and this. */
  maxDelayMs: number;
}

export const NO_FAULTS: FaultPlan = { drop: 0, resetAfterSend: 0, delay: 0, maxDelayMs: 0 };

export interface FaultCounts {
  connections: number;
  chunks: number;
  dropped: number;
  resetAfterSend: number;
  delayed: number;
}

export interface FaultProxy {
  /** host:port of the proxy. */
  host: string;
  port: number;
  /** Change what happens from now on (connections already open included). */
  setFaults(plan: FaultPlan): void;
  counts: FaultCounts;
  stop(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed gives the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(
  target: { host: string; port: number },
  options: { seed: number; plan?: FaultPlan },
): Promise<FaultProxy> {
  const random = seededRandom(options.seed);
  let plan = options.plan ?? NO_FAULTS;
  const counts: FaultCounts = { connections: 0, chunks: 0, dropped: 0, resetAfterSend: 0, delayed: 0 };
  const sockets = new Set<net.Socket>();

  const held = async (): Promise<void> => {
    if (plan.delay > 0 && random() < plan.delay) {
      counts.delayed += 1;
      await sleep(Math.floor(random() * plan.maxDelayMs));
    }
  };

  const server = net.createServer((client) => {
    counts.connections += 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    let resetOnAnswer = false;
    let closed = false;
    const closeBoth = (reset: boolean): void => {
      if (closed) return;
      closed = true;
      if (reset) client.resetAndDestroy();
      else client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      closeBoth(false);
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      closeBoth(false);
    });
    client.on('error', () => closeBoth(false));
    upstream.on('error', () => closeBoth(true));

    // Chunks are handled one after the other in each direction, so a delay never reorders them.
    let fromClient = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      fromClient = fromClient.then(async () => {
        if (closed) return;
        counts.chunks += 1;
        const dice = random();
        if (dice < plan.drop) {
          counts.dropped += 1;
          closeBoth(false);
          return;
        }
        await held();
        if (closed) return;
        if (dice < plan.drop + plan.resetAfterSend) {
          counts.resetAfterSend += 1;
          resetOnAnswer = true;
        }
        upstream.write(chunk);
      });
    });
    let fromServer = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      fromServer = fromServer.then(async () => {
        if (closed) return;
        if (resetOnAnswer) {
          closeBoth(true);
          return;
        }
        await held();
        if (!closed) client.write(chunk);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    counts,
    setFaults(next) {
      plan = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
