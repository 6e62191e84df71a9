// infra/main.bicep against the code, without an Azure account and without the Bicep compiler:
// the template is read by test/infra/bicep.ts and checked by test/infra/template-checks.ts
// against src/config.ts, .env.example, src/store/cosmos-store.ts, src/server.ts and package.json.
// The second half breaks the template on purpose and expects the checks to notice.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BicepSyntaxError, parseBicep } from './bicep';
import { CHECKS, runCheck, type CheckContext } from './template-checks';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

const bicepSource = read('infra/main.bicep');

function parametersOf(json: string): Record<string, unknown> {
  const file = JSON.parse(json) as { parameters: Record<string, { value: unknown }> };
  return Object.fromEntries(Object.entries(file.parameters).map(([name, p]) => [name, p.value]));
}

function envExampleKeys(): Set<string> {
  return new Set(
    [...read('.env.example').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1] as string),
  );
}

/** The keys of the zod object `environmentSchema` in src/config.ts. */
function configKeys(): Set<string> {
  const source = read('src/config.ts');
  const start = source.indexOf('const environmentSchema');
  const end = source.indexOf('.superRefine', start);
  if (start < 0 || end < 0) throw new Error('src/config.ts: environmentSchema not found');
  return new Set(
    [...source.slice(start, end).matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1] as string),
  );
}

function contextFor(
  source = bicepSource,
  parametersJson = read('infra/main.parameters.example.json'),
): CheckContext {
  const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  return {
    template: parseBicep(source),
    parameters: parametersOf(parametersJson),
    envExampleKeys: envExampleKeys(),
    configKeys: configKeys(),
    serverSource: read('src/server.ts'),
    scripts: packageJson.scripts,
  };
}

/** The template with `from` replaced by `to`; `from` must occur exactly once (or use `all`). */
function mutated(from: string, to: string, all = false): string {
  const count = bicepSource.split(from).length - 1;
  if (count === 0 || (!all && count > 1)) {
    throw new Error(
      `the mutation expects ${JSON.stringify(from)} once in infra/main.bicep, found it ${count} times`,
    );
  }
  return all ? bicepSource.split(from).join(to) : bicepSource.replace(from, to);
}

describe('infra/main.bicep', () => {
  const ctx = contextFor();

  it('is read completely: every resource, parameter and output', () => {
    const types = ctx.template.resources.map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        'Microsoft.BotService/botServices',
        'Microsoft.BotService/botServices/channels',
        'Microsoft.Web/serverfarms',
        'Microsoft.Web/sites',
        'Microsoft.DocumentDB/databaseAccounts',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
        'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
        'Microsoft.OperationalInsights/workspaces',
        'Microsoft.Insights/components',
        'Microsoft.Insights/diagnosticSettings',
      ]),
    );
    // As many declarations as the file has keywords at the start of a line.
    const count = (keyword: string): number =>
      bicepSource.match(new RegExp(`^${keyword} `, 'gm'))?.length ?? 0;
    expect(ctx.template.resources).toHaveLength(count('resource'));
    expect(ctx.template.params.size).toBe(count('param'));
    expect(ctx.template.vars.size).toBe(count('var'));
    expect(ctx.template.outputs.size).toBe(count('output'));
    expect(ctx.template.targetScope).toBe('resourceGroup');
  });

  it.each(Object.keys(CHECKS))('%s', (name) => {
    expect(runCheck(name, ctx)).toEqual([]);
  });
});

describe('the checks notice a template that does not match the code', () => {
  const APP_SETTINGS = 'every app setting is a variable src/config.ts reads';
  const NO_SECRETS = 'no keys, passwords or secrets';
  const IDENTITY = 'the bot signs in with the user-assigned managed identity';
  const TEAMS = 'Teams reaches the bot at /api/messages';
  const WEB_APP = 'the web app runs npm start on Node LTS, HTTPS only, with the /healthz health check';
  const CONTAINERS = 'the Cosmos DB containers are the ones src/store/cosmos-store.ts uses';
  const COSMOS = 'Cosmos DB takes no keys, keeps continuous backups and stays in the EU';
  const ROLE = 'the identity has the Cosmos DB Built-in Data Contributor role on the account';
  const RENDERED = 'the app settings start the code on the provisioned resources';
  const PARAMETERS = 'the example parameters file fits the template';

  const secretSetting = "  {\n    name: 'COSMOS_KEY'\n    value: 'a-key'\n  }\n  {\n    name: 'SCM_DO_BUILD";

  it.each([
    [
      'health check path /health',
      "healthCheckPath: '/healthz'",
      "healthCheckPath: '/health'",
      WEB_APP,
      '/healthz',
    ],
    ['Always On off', 'alwaysOn: true', 'alwaysOn: false', WEB_APP, 'alwaysOn'],
    ['FTP allowed', "ftpsState: 'Disabled'", "ftpsState: 'AllAllowed'", WEB_APP, 'FTP'],
    [
      'another startup command',
      "appCommandLine: 'npm start'",
      "appCommandLine: 'node server.js'",
      WEB_APP,
      'npm start',
    ],
    [
      'keys allowed on Cosmos DB',
      'disableLocalAuth: true',
      'disableLocalAuth: false',
      COSMOS,
      'disableLocalAuth',
    ],
    ['periodic backups', "type: 'Continuous'", "type: 'Periodic'", COSMOS, 'Continuous'],
    ['a COSMOS_KEY setting', "  {\n    name: 'SCM_DO_BUILD", secretSetting, NO_SECRETS, 'COSMOS_KEY'],
    [
      'a misspelt setting',
      "name: 'COSMOS_USERS_CONTAINER'",
      "name: 'COSMOS_USER_CONTAINER'",
      APP_SETTINGS,
      'COSMOS_USER_CONTAINER',
    ],
    ['a missing setting', "name: 'LOG_LEVEL'", "name: 'ADMIN_IDS'", APP_SETTINGS, 'LOG_LEVEL is not set'],
    ['a setting the code does not read', "name: 'LOG_LEVEL'", "name: 'NODE_ENV'", APP_SETTINGS, 'NODE_ENV'],
    [
      'another indexed path',
      "'/nextReminderAt/?'",
      "'/reminderAt/?'",
      CONTAINERS,
      'indexing policy of dossiers',
    ],
    [
      'lazy indexing',
      "indexingMode: 'consistent'\n        automatic: true\n        includedPaths: [\n",
      "indexingMode: 'lazy'\n        automatic: true\n        includedPaths: [\n",
      CONTAINERS,
      'indexing policy of dossiers',
    ],
    [
      'another partition key',
      "'/schoolId'\n",
      "'/tenantId'\n",
      CONTAINERS,
      'partition key paths of dossiers',
    ],
    [
      'another container name',
      "var usersContainerName = 'users'",
      "var usersContainerName = 'user'",
      CONTAINERS,
      'users',
    ],
    [
      'another database name',
      "var cosmosDatabaseName = 'meldcode'",
      "var cosmosDatabaseName = 'mc'",
      CONTAINERS,
      'database',
    ],
    [
      'a SingleTenant Azure Bot',
      "msaAppType: 'UserAssignedMSI'",
      "msaAppType: 'SingleTenant'",
      IDENTITY,
      'msaAppType',
    ],
    [
      'the wrong app id',
      'msaAppId: identity.properties.clientId',
      'msaAppId: identity.properties.principalId',
      IDENTITY,
      'msaAppId',
    ],
    ['a SingleTenant bot', "value: 'UserAssignedMSI'", "value: 'SingleTenant'", IDENTITY, 'MicrosoftAppType'],
    [
      'the reader role',
      "'00000000-0000-0000-0000-000000000002'",
      "'00000000-0000-0000-0000-000000000001'",
      ROLE,
      'Data Contributor',
    ],
    ['Teams switched off', 'isEnabled: true', 'isEnabled: false', TEAMS, 'disabled'],
    ['another endpoint path', "/api/messages'", "/messages'", TEAMS, 'endpoint'],
  ])('%s', (_title, from, to, check, message) => {
    const problems = runCheck(check, contextFor(mutated(from, to)));
    expect(problems.join('\n')).toContain(message);
  });

  it('a SingleTenant bot without a password is refused by src/config.ts', () => {
    const problems = runCheck(
      RENDERED,
      contextFor(mutated("value: 'UserAssignedMSI'", "value: 'SingleTenant'")),
    );
    expect(problems.join('\n')).toContain('MicrosoftAppPassword');
  });

  it('a Node runtime that is not an LTS the project supports', () => {
    const problems = runCheck(WEB_APP, contextFor(mutated("'NODE|22-lts'", "'NODE|18-lts'", true)));
    expect(problems.join('\n')).toContain('NODE|18-lts');
  });

  it('a region outside the EU', () => {
    const problems = runCheck(COSMOS, contextFor(mutated("  'francecentral'\n", "  'eastus'\n", true)));
    expect(problems.join('\n')).toContain('eastus');
  });

  it('a log level the code does not know, in the parameters file', () => {
    const parameters = read('infra/main.parameters.example.json').replace(
      '"value": "info"',
      '"value": "verbose"',
    );
    const ctx = contextFor(bicepSource, parameters);
    expect(runCheck(PARAMETERS, ctx).join('\n')).toContain('logLevel="verbose"');
    expect(runCheck(RENDERED, ctx).join('\n')).toContain('LOG_LEVEL');
  });

  it('a school without a zorgcoördinator, in the parameters file', () => {
    const file = JSON.parse(read('infra/main.parameters.example.json')) as {
      parameters: { schools: { value: { coordinators: unknown[] }[] } };
    };
    (file.parameters.schools.value[0] as { coordinators: unknown[] }).coordinators = [];
    const problems = runCheck(RENDERED, contextFor(bicepSource, JSON.stringify(file)));
    expect(problems.join('\n')).toContain('SCHOOLS.0.coordinators');
  });

  it('a parameter the template does not declare', () => {
    const parameters = read('infra/main.parameters.example.json').replace('"appName"', '"applicationName"');
    expect(runCheck(PARAMETERS, contextFor(bicepSource, parameters))).toEqual(
      expect.arrayContaining([
        'the parameters file sets applicationName, which the template does not declare',
        'the parameters file does not set appName, which has no default',
      ]),
    );
  });

  it('refuses Bicep it cannot read, with the line', () => {
    expect(() =>
      parseBicep(bicepSource.replace("kind: 'GlobalDocumentDB'\n", "kind: 'GlobalDocumentDB'\n  }\n")),
    ).toThrow(BicepSyntaxError);
    expect(() => parseBicep("param a string\nmodule m 'm.bicep' = {\n  name: 'm'\n}\n")).toThrow(
      /line 2: 'module'/,
    );
    expect(() => parseBicep("var a = {\n  b: 'c'\n  b: 'd'\n}\n")).toThrow(
      /line 3: property b appears twice/,
    );
    expect(() => parseBicep("var a = 'unterminated\n")).toThrow(/line 1: unterminated string/);
  });
});
