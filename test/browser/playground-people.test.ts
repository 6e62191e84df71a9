// The per-person copy of the Playground's mock tenant: read from the repository's file, one person
// as the current user, never more other users than the Playground accepts. No browser needed.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  PLAYGROUND_MAX_OTHER_USERS,
  ROOT,
  allOf,
  mockTenantAs,
  mockUsers,
  parseMockTenant,
  readMockTenant,
} from './playground-people';

const schools = JSON.parse(readFileSync(path.join(ROOT, 'config', 'schools.local.json'), 'utf8')) as {
  coordinators: { id: string }[];
  decisionMaker: { id: string };
}[];

describe('the mock tenant as one person sees it', () => {
  it("reads the repository's file: the school's people are all Playground users", () => {
    const tenant = readMockTenant();
    const ids = mockUsers(tenant).map((user) => user.aadObjectId);
    const school = schools[0];
    expect(school).toBeDefined();
    expect(ids).toContain(school?.coordinators[0]?.id);
    expect(ids).toContain(school?.decisionMaker.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads mappings, lists of mappings, quoted values and comments', () => {
    const parsed = parseMockTenant(
      [
        '# a comment',
        "version: '0.1.1'",
        'currentUser:',
        '  id: a',
        '  aadObjectId: "x-1"',
        'users:',
        '  - id: b',
        '    aadObjectId: x-2',
        '  - id: c',
        '    aadObjectId: x-3',
        'team:',
        '  channels:',
        '    - id: ch',
        '      name: Zorgteam',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      version: '0.1.1',
      currentUser: { id: 'a', aadObjectId: 'x-1' },
      users: [
        { id: 'b', aadObjectId: 'x-2' },
        { id: 'c', aadObjectId: 'x-3' },
      ],
      team: { channels: [{ id: 'ch', name: 'Zorgteam' }] },
    });
  });

  it('refuses what it does not know rather than misreading it', () => {
    expect(() => parseMockTenant('name: x # note')).toThrow(/comment after a value/);
    expect(() => parseMockTenant('users: [a, b]')).toThrow(/does not know/);
    expect(() => parseMockTenant('key value')).toThrow(/does not know/);
  });

  it('makes one person the current user, keeps the named people and cuts the rest to five', () => {
    const users = Array.from({ length: 8 }, (_, i) => `  - id: u${i}\n    aadObjectId: x-${i}`).join('\n');
    const tenant = parseMockTenant(
      `currentUser:\n  id: me\n  aadObjectId: x-me\nusers:\n${users}\npersonalChat:\n  id: chat`,
    );
    const seen = mockTenantAs(tenant, 'x-6', 'chat-u6', ['x-7', 'x-me']);
    expect(seen.currentUser).toEqual({ id: 'u6', aadObjectId: 'x-6' });
    const others = (seen.users as { aadObjectId: string }[]).map((user) => user.aadObjectId);
    expect(others).toHaveLength(PLAYGROUND_MAX_OTHER_USERS);
    expect(others.slice(0, 2)).toEqual(['x-me', 'x-7']);
    expect(others).not.toContain('x-6');
    expect(seen.personalChat).toEqual({ id: 'chat-u6' });
    expect(() => mockTenantAs(tenant, 'nobody', 'c')).toThrow(/No user/);
  });
});

describe('allOf', () => {
  it('matches a text holding every word, in any order and case, taking the words literally', () => {
    const pattern = allOf('MC-2026-0001', 'advice', 'Fatima (zc)');
    expect(pattern.test('Fatima (ZC) gave ADVICE on MC-2026-0001')).toBe(true);
    expect(pattern.test('Fatima (zc) accepted MC-2026-0001')).toBe(false);
    expect(pattern.test('Fatima zc gave advice on MC-2026-0001')).toBe(false);
  });
});
