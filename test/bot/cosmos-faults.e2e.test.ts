// Faults between the bot and Cosmos DB: two bot instances on one local Cosmos DB server, each talking
// to it through a TCP proxy that delays, drops and resets connections (test/support/fault-proxy.ts).
// Many people act on one dossier at the same moment, half through each instance. What must hold:
//   - every card action is answered HTTP 200 with a card (never a 5xx, never an empty answer, never
//     the apology);
//   - nothing is recorded twice, even when a write reached the store and its answer was cut off;
//   - nothing is lost: every action is recorded without anyone pressing again, or — when the writer's
//     3 s budget ran out first, as it can on a loaded machine — its sender has the form back, as typed,
//     to send again. How many were recorded at once and the slowest answer are printed with every run
//     (a measurement, not a timed assertion);
//   - a second press of anything not recorded records it once;
//   - every recorded entry is in the audit trail.
// The faults are seeded (FAULT_SEED) so a failing run can be replayed.

import { randomUUID } from 'node:crypto';
import { CosmosStore } from '../../src/store/cosmos-store';
import {
  startHarness,
  cardText,
  invokeCard,
  openDossier,
  type DossierRef,
  type Harness,
} from '../support/bot-harness';
import { startCosmosServer, type LocalCosmos } from '../support/cosmos-server';
import { NO_FAULTS, startFaultProxy, type FaultPlan, type FaultProxy } from '../support/fault-proxy';
import { invoke, teacher } from '../support/teams';
import { t } from '../../src/i18n';
import { changeAuditOf } from '../../src/domain';

const SEED = Number(process.env.FAULT_SEED ?? 20261129);
/** How many people act on the one dossier at once (FAULT_CONCURRENT to measure more). */
const CONCURRENT = Number(process.env.FAULT_CONCURRENT ?? 20);
/** The share of requests dropped, and the share reset after they reached the store (FAULT_RATE). */
const RATE = Number(process.env.FAULT_RATE ?? 0.05);

const BAD_NETWORK: FaultPlan = { drop: RATE, resetAfterSend: RATE, delay: 0.3, maxDelayMs: 80 };

jest.setTimeout(120_000);

interface Press {
  text: string;
  submissionId: string;
  via: Harness;
}

describe('two bot instances on one Cosmos DB behind a faulty network', () => {
  let cosmos: LocalCosmos;
  let proxy: FaultProxy;
  let first: Harness;
  let second: Harness;
  let ref: DossierRef;

  async function storeThroughProxy(): Promise<CosmosStore> {
    return CosmosStore.connect({
      endpoint: `http://${proxy.host}:${proxy.port}`,
      databaseId: 'meldcode-faults',
      dossiersContainerId: 'dossiers',
      usersContainerId: 'users',
      auth: { kind: 'key', key: cosmos.key },
      createIfNotExists: true,
      connectionPolicy: { ...cosmos.connectionPolicy, requestTimeout: 5000 },
    });
  }

  beforeAll(async () => {
    cosmos = await startCosmosServer();
    const { hostname, port } = new URL(cosmos.endpoint);
    proxy = await startFaultProxy({ host: hostname, port: Number(port) }, { seed: SEED });
    first = await startHarness({ store: await storeThroughProxy() });
    second = await startHarness({ store: await storeThroughProxy() });
    ref = await openDossier(first);
  });
  afterAll(async () => {
    proxy.setFaults(NO_FAULTS);
    await first.stop();
    await second.stop();
    await proxy.stop();
    await cosmos.stop();
  });

  const press = (p: Press) =>
    p.via.post(
      invoke(teacher, p.via.connector.url, 'recordNote', {
        ...ref,
        submissionId: p.submissionId,
        text: p.text,
        isOpinion: 'false',
      }),
    );

  async function recordedTexts(): Promise<string[]> {
    const read = await first.store.getDossier(ref.schoolId, ref.dossierId);
    return (read?.value.log ?? [])
      .filter((entry) => entry.kind === 'noteRecorded')
      .map((entry) => String((entry.data as { text?: unknown }).text));
  }

  it(`answers ${CONCURRENT} simultaneous actions on one dossier with a card each: each recorded once, or its form given back to send again`, async () => {
    const presses: Press[] = Array.from({ length: CONCURRENT }, (_, i) => ({
      text: `Notitie ${i + 1} van ${CONCURRENT}, ${randomUUID()}`,
      submissionId: randomUUID(),
      via: i % 2 === 0 ? first : second,
    }));

    proxy.setFaults(BAD_NETWORK);
    const started = Date.now();
    const timed = await Promise.all(
      presses.map(async (p) => {
        const answer = await press(p);
        return { answer, ms: Date.now() - started };
      }),
    );
    proxy.setFaults(NO_FAULTS);
    const answers = timed.map((x) => x.answer);
    const slowest = Math.max(...timed.map((x) => x.ms));

    const apology = t('nl', 'error.unexpected');
    const tryAgain = t('nl', 'refusal.tryAgain');
    const outcome = answers.map((answer) => {
      if (answer.status !== 200) return `HTTP ${answer.status}`;
      try {
        const text = cardText(invokeCard(answer.body));
        return text.includes(apology) ? 'apology' : text.includes(tryAgain) ? 'form to send again' : 'card';
      } catch {
        return 'no card';
      }
    });
    const recorded = await recordedTexts();
    const summary = {
      faults: { ...proxy.counts },
      answers: outcome.reduce<Record<string, number>>((all, o) => ({ ...all, [o]: (all[o] ?? 0) + 1 }), {}),
      recordedAtOnce: presses.filter((p) => recorded.includes(p.text)).length,
      slowestAnswerMs: slowest,
    };
    // Shown with every run: the numbers the issue asks about. How many are recorded at once and how
    // long the slowest answer takes depend on the machine's load (the writer gives the form back after
    // its 3 s budget rather than keep Teams waiting), so they are measured here, not asserted.
    process.stdout.write(`cosmos fault run (seed ${SEED}): ${JSON.stringify(summary)}\n`);

    // Every invoke answered 200 with a card, never the apology.
    expect(outcome.filter((o) => o !== 'card' && o !== 'form to send again')).toEqual([]);
    // Nothing duplicated.
    for (const p of presses) expect(recorded.filter((text) => text === p.text).length).toBeLessThanOrEqual(1);
    // Nothing lost: what is not recorded came back to its sender as the form to send again, and only that.
    presses.forEach((p, i) =>
      expect([p.text, recorded.includes(p.text) ? 'recorded' : outcome[i]]).toEqual([
        p.text,
        outcome[i] === 'form to send again' ? 'form to send again' : 'recorded',
      ]),
    );
  });

  it('records everything exactly once when everyone presses again, and audits every entry', async () => {
    const presses: Press[] = Array.from({ length: CONCURRENT }, (_, i) => ({
      text: `Tweede ronde ${i + 1}, ${randomUUID()}`,
      submissionId: randomUUID(),
      via: i % 2 === 0 ? second : first,
    }));
    proxy.setFaults(BAD_NETWORK);
    await Promise.all(presses.map(press));
    proxy.setFaults(NO_FAULTS);
    // Everyone presses the same button again (same submission), on the other instance: what was
    // recorded stays recorded once, what was not is recorded now.
    for (const p of presses) await press({ ...p, via: p.via === first ? second : first });

    const recorded = await recordedTexts();
    for (const p of presses) expect(recorded.filter((text) => text === p.text)).toHaveLength(1);

    // The audit trail of a dossier: its log entries read as events (written in the same conditional
    // write as the change, so never apart from it) and the events stored beside it (views, exports,
    // refusals). Each recorded note is in it exactly once.
    const read = await first.store.getDossier(ref.schoolId, ref.dossierId);
    if (!read) throw new Error('the dossier is gone');
    const trail = [
      ...changeAuditOf(read.value),
      ...(await first.store.auditOfDossier(ref.schoolId, ref.dossierId)),
    ];
    const notes = read.value.log.filter((entry) => entry.kind === 'noteRecorded');
    const audited = trail.filter((event) => event.action === 'changed:noteRecorded');
    expect(new Set(audited.map((event) => event.id)).size).toBe(notes.length);
    expect(audited).toHaveLength(notes.length);
    expect(notes).toHaveLength(2 * CONCURRENT);
  });
});
