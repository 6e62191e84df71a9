// One bot under test in a process of its own, so that its CPU time and peak memory are its own.
// Started by run.ts with an IPC channel; it answers:
//   {type:'stats'}  → {type:'stats', cpuMicros, maxRssKb, memory}; with `collect`, memory is read
//                     after a full garbage collection (what the bot keeps), after the peak is read
//   {type:'cpu'}    → {type:'cpu', cpuMicros}: the CPU clock alone, cheap enough to read per request
//   {type:'clone'}  → copies one stored dossier many times (the scaling part; project bot only)
//   {type:'stop'}   → stops and exits
// Settings come in BENCH_* environment variables (see run.ts).
//
// Each kind of bot is imported only in the process that runs it (a dynamic import): a static import
// of the project here made every echo bot load the whole project too (about 60 MB more at start),
// which flattered the project's memory ratio.

import { peakRssKb } from './peak-rss';

export type BotKind = 'project' | 'echo' | 'echo-state';

export interface CloneRequest {
  type: 'clone';
  schoolId: string;
  dossierId: string;
  count: number;
  /** Owners of the copies, in turn. */
  ownerIds: string[];
  /** Log length of every copy: the template's signal entry is repeated to reach it. */
  entries?: number;
  /** First number of the copies' readable numbers, so they never collide. */
  firstNumber: number;
}

export type Request =
  { type: 'stats'; collect?: boolean } | { type: 'cpu' } | { type: 'stop' } | CloneRequest;

/** process.memoryUsage() at the moment of asking, in bytes. */
export type Memory = ReturnType<typeof process.memoryUsage>;

export type Reply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; cpuMicros: number; maxRssKb: number; memory: Memory }
  | { type: 'cpu'; cpuMicros: number }
  | { type: 'cloned'; ids: string[] }
  | { type: 'failed'; message: string };

const LOCAL_KEY = Buffer.from('local cosmosdb-server, no secret').toString('base64');

async function main(): Promise<void> {
  const kind = (process.env.BENCH_KIND ?? 'project') as BotKind;
  const send = (reply: Reply): void => {
    process.send?.(reply);
  };
  let clone: ((request: CloneRequest) => Promise<string[]>) | undefined;
  let stop: () => Promise<void>;
  let url: string;
  if (kind === 'project') {
    const { startProject } = await import('./project-bot');
    const project = await startProject(LOCAL_KEY);
    url = project.url;
    clone = (request) => project.clone(request);
    stop = () => project.stop();
  } else {
    const endpoint = process.env.BENCH_COSMOS_ENDPOINT;
    if (kind === 'echo-state' && !endpoint)
      throw new Error('BENCH_COSMOS_ENDPOINT is required for echo-state');
    const { CosmosStateStorage, startEchoBot } = await import('./echo-bot');
    const echo = await startEchoBot(
      kind === 'echo-state' && endpoint ? await CosmosStateStorage.open(endpoint, LOCAL_KEY) : undefined,
    );
    url = echo.url;
    stop = () => echo.stop();
  }
  process.on('message', (request: Request) => {
    void (async () => {
      try {
        if (request.type === 'cpu') {
          const cpu = process.cpuUsage();
          send({ type: 'cpu', cpuMicros: cpu.user + cpu.system });
        } else if (request.type === 'stats') {
          const cpu = process.cpuUsage();
          const maxRssKb = peakRssKb();
          // run.ts starts the bots with --expose-gc; a collection here changes no peak already read.
          if (request.collect) (globalThis as { gc?: () => void }).gc?.();
          send({ type: 'stats', cpuMicros: cpu.user + cpu.system, maxRssKb, memory: process.memoryUsage() });
        } else if (request.type === 'clone') {
          if (!clone) throw new Error('Only the project bot has dossiers to copy.');
          send({ type: 'cloned', ids: await clone(request) });
        } else {
          await stop();
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  send({ type: 'ready', url });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench bot failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
