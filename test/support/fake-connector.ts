// A stand-in for the Teams Bot Connector service on loopback: the one part of Teams that cannot
// run here. It records every call the bot makes and answers the way the connector does.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Activities the bot posted (replies and proactive messages), in order. */
  activities(): Record<string, unknown>[];
  /**
   * People Teams knows by work e-mail address (UPN), as GET …/members/<address> answers them; an
   * address not listed here is answered 404, as Teams does for someone it cannot find. With `onlyIn`,
   * only that conversation (e.g. a team's channel) knows the person, as Teams knows members per
   * conversation.
   */
  directory: Map<string, DirectoryEntry>;
  /** Make the next calls to paths matching `pattern` answer with `status` (e.g. 403, 429). */
  failNext(pattern: RegExp, status: number, times?: number): void;
  stop(): Promise<void>;
}

export interface DirectoryEntry {
  aadObjectId: string;
  name: string;
  tenantId?: string;
  onlyIn?: string;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failures: { pattern: RegExp; status: number; times: number }[] = [];
  let counter = 0;
  const directory = new Map<string, DirectoryEntry>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const path = (req.url ?? '').split('?')[0] ?? '';
      calls.push({ method: req.method ?? '', path, body });
      const failure = failures.find((f) => f.times > 0 && f.pattern.test(path));
      const send = (status: number, payload: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (failure) {
        failure.times -= 1;
        send(failure.status, {
          error: { code: failure.status === 403 ? 'MessageWritesBlocked' : 'Failed', message: 'fake' },
        });
        return;
      }
      counter += 1;
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
        send(200, { id: `conversation-${counter}`, activityId: `activity-${counter}` });
      } else if (req.method === 'POST' || req.method === 'PUT') {
        send(200, { id: `activity-${counter}` });
      } else if (req.method === 'GET' && /\/members\//.test(path)) {
        const memberId = decodeURIComponent(path.split('/').pop() ?? '');
        if (memberId.includes('@')) {
          const { onlyIn, ...person } = directory.get(memberId.toLowerCase()) ?? { onlyIn: undefined };
          const known = 'aadObjectId' in person && (!onlyIn || path.includes(encodeURIComponent(onlyIn)));
          if (known) send(200, { id: `29:${person.aadObjectId}`, userPrincipalName: memberId, ...person });
          else send(404, { error: { code: 'MemberNotFoundInConversation', message: 'fake' } });
        } else {
          send(200, { id: memberId, name: 'Member', aadObjectId: memberId });
        }
      } else {
        send(200, {});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    activities: () =>
      calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path)).map((c) => c.body),
    directory,
    failNext(pattern, status, times = 1) {
      failures.push({ pattern, status, times });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
