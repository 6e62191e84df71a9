import { roleOf, type Dossier, type School } from '../../src/domain';
import { dossierAfter, owner } from './given';

const school: School = {
  id: 'school-1',
  name: 'De Regenboog',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Meneer Bakker' }],
  decisionMaker: { id: 'user-director', name: 'Mevrouw Smit' },
};
const dossier: Dossier = dossierAfter([]);

const rows: {
  name: string;
  user: { id: string; tenantId: string };
  school?: School;
  expect: string | null;
}[] = [
  {
    name: 'the owner sees the dossier as eigenaar',
    user: { id: owner.id, tenantId: 'tenant-1' },
    expect: 'eigenaar',
  },
  {
    name: 'a coordinator of the school sees it as zorgcoordinator',
    user: { id: 'user-ib', tenantId: 'tenant-1' },
    expect: 'zorgcoordinator',
  },
  {
    name: "the school's decision-maker sees it as beslisser",
    user: { id: 'user-director', tenantId: 'tenant-1' },
    expect: 'beslisser',
  },
  {
    name: 'another teacher of the school does not see it',
    user: { id: 'user-colleague', tenantId: 'tenant-1' },
    expect: null,
  },
  {
    name: 'the owner signed in to another tenant does not see it',
    user: { id: owner.id, tenantId: 'tenant-2' },
    expect: null,
  },
  {
    name: 'a coordinator of another school does not see it',
    user: { id: 'user-ib', tenantId: 'tenant-1' },
    school: { ...school, id: 'school-2' },
    expect: null,
  },
  {
    name: 'the owner who is also a coordinator sees the dossier as eigenaar',
    user: { id: owner.id, tenantId: 'tenant-1' },
    school: { ...school, coordinators: [{ id: owner.id, name: owner.name }] },
    expect: 'eigenaar',
  },
  {
    name: 'a coordinator who left the configuration no longer sees it',
    user: { id: 'user-ib', tenantId: 'tenant-1' },
    school: { ...school, coordinators: [] },
    expect: null,
  },
];

describe('need to know: who sees a dossier, and in which role', () => {
  test.each(rows)('$name', ({ user, school: configured = school, expect: expected }) => {
    expect(roleOf(dossier, user, configured)).toBe(expected);
  });
});
