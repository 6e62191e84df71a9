// Every query the Cosmos DB store sends is served by its indexing policy: it stays in one school's
// partition, and every path it filters or sorts on is an indexed path of DOSSIERS_INDEXING_POLICY
// (the Bicep template has the same policy: test/infra). The local server the other Cosmos tests run
// against reads every document for every query, so it cannot show that a list stays flat in the
// number of dossiers. On Azure a query is answered from the index exactly when those paths are
// indexed; with `/*` excluded, a filter on any other path reads the whole partition. So each query is
// held against the policy here, as the SQLite lists are held against EXPLAIN QUERY PLAN.

import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { ATTENTION } from '../../src/domain/attention';
import { CosmosStore, DOSSIERS_INDEXING_POLICY } from '../../src/store/cosmos-store';

interface Sent {
  query: string;
  partitionKey: unknown;
}

/** A container that writes down every query it is sent and finds nothing. */
function recordingContainer(sent: Sent[]): Container {
  const items = {
    query: (spec: SqlQuerySpec, options: { partitionKey?: unknown } = {}) => {
      sent.push({ query: spec.query, partitionKey: options.partitionKey });
      return { fetchAll: () => Promise.resolve({ resources: [] }) };
    },
  };
  return { items } as unknown as Container;
}

/** The indexed paths a query filters or sorts on: `c.a.b` is `/a/b/?`, an array in ARRAY_CONTAINS `/a/[]/?`. */
function pathsFilteredOrSorted(query: string): string[] {
  const afterFrom = query.slice(query.search(/\bFROM c\b/));
  const arrays = new Set([...afterFrom.matchAll(/ARRAY_CONTAINS\(\s*c\.([\w.]+)/g)].map((m) => m[1]));
  return [...afterFrom.matchAll(/\bc\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)].map(([, path = '']) =>
    arrays.has(path) ? `/${path.replaceAll('.', '/')}/[]/?` : `/${path.replaceAll('.', '/')}/?`,
  );
}

const SCHOOL = 'de-linde';
const PERSON = 'aaaaaaaa-0000-4000-8000-000000000001';
const NOW = '2026-11-30T09:00:00.000Z';

/** Every store method that sends a query, with what it is called with. */
const LISTS: Record<string, (store: CosmosStore) => Promise<unknown>> = {
  openDossiersOfOwner: (s) => s.openDossiersOfOwner(SCHOOL, PERSON),
  closedDossiersOfOwner: (s) => s.closedDossiersOfOwner(SCHOOL, PERSON, 10),
  'dossiersOfSchool (open)': (s) => s.dossiersOfSchool(SCHOOL, 'open'),
  'dossiersOfSchool (closed, changed before)': (s) => s.dossiersOfSchool(SCHOOL, 'closed', NOW),
  dueForReminder: (s) => s.dueForReminder(SCHOOL, NOW, 50),
  openDossiersInvolving: (s) => s.openDossiersInvolving(SCHOOL, PERSON),
  dossiersWaitingFor: (s) => s.dossiersWaitingFor(SCHOOL, PERSON),
  auditOfDossier: (s) => s.auditOfDossier(SCHOOL, 'dossier-1'),
  ...Object.fromEntries(
    ATTENTION.flatMap((attention): [string, (store: CosmosStore) => Promise<unknown>][] => [
      [`dossiersNeeding (${attention})`, (s) => s.dossiersNeeding(SCHOOL, attention)],
      [`waitingList (${attention})`, (s) => s.waitingList(SCHOOL, attention, 5)],
    ]),
  ),
};

describe('the Cosmos DB store’s queries, held against its indexing policy', () => {
  const indexed = new Set(DOSSIERS_INDEXING_POLICY.includedPaths?.map((p) => p.path));

  it('excludes every path it does not name, so an unindexed filter would be a scan', () => {
    expect(DOSSIERS_INDEXING_POLICY.excludedPaths?.map((p) => p.path)).toEqual(['/*']);
  });

  it.each(Object.entries(LISTS))(
    '%s stays in the school’s partition and filters and sorts on indexed paths only',
    async (_name, list) => {
      const sent: Sent[] = [];
      const container = recordingContainer(sent);
      await list(new CosmosStore({ dossiers: container, users: container }));
      expect(sent.length).toBeGreaterThan(0);
      for (const { query, partitionKey } of sent) {
        expect(partitionKey).toBe(SCHOOL);
        expect(query).toMatch(/c\.schoolId = @schoolId/);
        const paths = pathsFilteredOrSorted(query);
        expect(paths.length).toBeGreaterThan(1);
        expect(paths.filter((path) => !indexed.has(path))).toEqual([]);
        // One sort key at most: a second would need a composite index, which the policy does not have.
        expect((query.match(/ORDER BY ([^]*)$/)?.[1] ?? '').split(',').length).toBe(1);
      }
    },
  );
});
