import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { loadConfig, ConfigError } from '../../src/config';
import { workingCalendarOf } from '../../src/domain/reminders';
import { SCHOOL } from '../support/teams';

const schools = JSON.stringify([SCHOOL]);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the configuration', () => {
  it('starts in local mode on the embedded store with Dutch by default', () => {
    const config = loadConfig({ SCHOOLS: schools, DATA_DIR: '/tmp/meldcode' });
    expect(config.bot.authenticationEnabled).toBe(false);
    expect(config.port).toBe(3978);
    expect(config.store).toEqual({ kind: 'embedded', file: '/tmp/meldcode/meldcode.sqlite' });
    expect(config.defaultLanguage).toBe('nl');
    expect(config.allowedTenantIds).toEqual([SCHOOL.tenantId]);
    expect(Object.isFrozen(config.schools[0])).toBe(true);
  });

  it('gives each school its working calendar, made once, and it works frozen', () => {
    const config = loadConfig({ SCHOOLS: schools, DATA_DIR: '/tmp/meldcode' });
    const [school] = config.schools;
    if (!school) throw new Error('no school');
    const calendar = workingCalendarOf(school);
    expect(calendar).toBe(school.workingCalendar?.calendar);
    expect(workingCalendarOf(school)).toBe(calendar);
    // Tuesday 10 March 2026 11:00 in Amsterdam is school time; that Saturday is not.
    expect(calendar.isWorkingTime(new Date('2026-03-10T10:00:00Z'))).toBe(true);
    expect(calendar.isWorkingTime(new Date('2026-03-14T10:00:00Z'))).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ STORE: 'cosmos' }, 'COSMOS_ENDPOINT'],
    [{ STORE: 'postgres' }, 'STORE'],
    [{ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppId: 'x', MicrosoftAppTenantId: 't' }, 'MicrosoftAppPassword'],
    [{ DEFAULT_LANGUAGE: 'de' }, 'DEFAULT_LANGUAGE'],
    [{ SCHOOLS: '[{"id":"X Y"}]' }, 'SCHOOLS.0.id'],
    [{ SCHOOLS: 'not json' }, 'SCHOOLS'],
    [{ SCHOOLS: JSON.stringify([{ ...SCHOOL, coordinators: [] }]) }, 'SCHOOLS.0.coordinators'],
    [{ SCHOOLS: JSON.stringify([SCHOOL, SCHOOL]) }, 'SCHOOLS'],
    [{ SCHOOLS_FILE: '/nonexistent/schools.json', SCHOOLS: '' }, 'SCHOOLS_FILE'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    const problems = problemsOf({ SCHOOLS: schools, ...env });
    expect(problems.some((p) => p.startsWith(`${variable}:`) || p.startsWith(`${variable} `))).toBe(true);
  });

  it('starts from a copy of .env.example as it is: blanks count as unset', () => {
    const example = parse(readFileSync('.env.example', 'utf8'));
    const config = loadConfig(example, process.cwd());
    expect(config.store.kind).toBe('embedded');
    expect(config.bot.authenticationEnabled).toBe(false);
    expect(config.schools.map((s) => s.id)).toEqual(['de-linde']);
  });

  it('documents every variable it reads in .env.example', () => {
    const documented = Object.keys(parse(readFileSync('.env.example', 'utf8')));
    const read = [...readFileSync('src/config.ts', 'utf8').matchAll(/^ {4}([A-Za-z_]+): z\./gm)].map(
      (m) => m[1],
    );
    expect(read.length).toBeGreaterThan(15);
    expect(read.filter((name) => !documented.includes(name ?? ''))).toEqual([]);
  });

  it('needs the schools to be configured', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^SCHOOLS: set SCHOOLS/)]);
  });

  it('reads Cosmos DB settings and signs in with a managed identity when no key is given', () => {
    const config = loadConfig({
      SCHOOLS: schools,
      STORE: 'cosmos',
      COSMOS_ENDPOINT: 'https://db.example:443/',
    });
    expect(config.store).toEqual({
      kind: 'cosmos',
      cosmos: {
        endpoint: 'https://db.example:443/',
        databaseId: 'meldcode',
        dossiersContainerId: 'dossiers',
        usersContainerId: 'users',
        auth: { kind: 'managedIdentity' },
        createIfNotExists: false,
      },
    });
  });

  it('reads the school list from SCHOOLS_FILE, relative to the working folder', () => {
    const config = loadConfig({ SCHOOLS_FILE: 'config/schools.local.json' }, process.cwd());
    expect(config.schools.map((s) => s.id)).toEqual(['de-linde']);
  });
});
