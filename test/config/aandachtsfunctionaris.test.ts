// The optional aandachtsfunctionaris per school: read from the school list, and refused where the
// school already calls its zorgcoördinatoren by that name (two roles would then read alike).

import { ConfigError, loadConfig } from '../../src/config';
import { SCHOOL } from '../support/teams';

const officer = { id: 'aaaaaaaa-0000-4000-8000-000000000008', name: 'Mirjam Kok' };

describe('the aandachtsfunctionaris in the configuration', () => {
  it('is read with the school, and absent when not named', () => {
    const config = loadConfig({
      SCHOOLS: JSON.stringify([
        { ...SCHOOL, aandachtsfunctionaris: officer },
        { ...SCHOOL, id: 'het-baken' },
      ]),
    });
    expect(config.schools.map((s) => s.aandachtsfunctionaris)).toEqual([officer, undefined]);
  });

  it('is in the mock school of npm run dev', () => {
    const config = loadConfig({ SCHOOLS_FILE: 'config/schools.local.json' }, process.cwd());
    expect(config.schools[0]?.aandachtsfunctionaris?.name).toBe('Mirjam Kok');
  });

  it('is refused next to roleName aandachtsfunctionaris, and without a name', () => {
    const problems = (schools: unknown[]): string[] => {
      try {
        loadConfig({ SCHOOLS: JSON.stringify(schools) });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(
      problems([{ ...SCHOOL, roleName: 'aandachtsfunctionaris', aandachtsfunctionaris: officer }]).join('\n'),
    ).toContain('names no separate aandachtsfunctionaris');
    expect(problems([{ ...SCHOOL, aandachtsfunctionaris: { id: officer.id } }]).join('\n')).toContain(
      'SCHOOLS.0.aandachtsfunctionaris.name',
    );
    expect(problems([{ ...SCHOOL, roleName: 'intern-begeleider', aandachtsfunctionaris: officer }])).toEqual(
      [],
    );
  });
});
