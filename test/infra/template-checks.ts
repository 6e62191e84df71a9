// The checks that infra/main.bicep matches the code. Each check returns its problems (an empty
// list when the template is right), so that the tests can run them on the real template and on
// broken copies of it, and show every problem at once.

import { isDeepStrictEqual } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config';
import {
  DOSSIERS_INDEXING_POLICY,
  DOSSIERS_PARTITION_KEY,
  USERS_INDEXING_POLICY,
  USERS_PARTITION_KEY,
} from '../../src/store/cosmos-store';
import { at, evaluate, literalValue, type BicepTemplate, type Expr, type ResourceDeclaration } from './bicep';

export interface CheckContext {
  template: BicepTemplate;
  /** The values of infra/main.parameters.example.json. */
  parameters: Record<string, unknown>;
  /** Variable names set in .env.example, which documents every variable the code reads. */
  envExampleKeys: ReadonlySet<string>;
  /** Variable names in the environment schema of src/config.ts. */
  configKeys: ReadonlySet<string>;
  /** src/server.ts, for the routes. */
  serverSource: string;
  /** package.json scripts. */
  scripts: Record<string, string>;
}

/** App settings for App Service itself, not for the code. Keep this list short. */
export const PLATFORM_SETTINGS: Readonly<Record<string, string>> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'run npm install and npm run build after a zip deploy',
};

/** The settings the production bot needs (the brief of the deployment, and the README). */
const REQUIRED_SETTINGS = [
  'MicrosoftAppId',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'STORE',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'COSMOS_DOSSIERS_CONTAINER',
  'COSMOS_USERS_CONTAINER',
  'COSMOS_MANAGED_IDENTITY_CLIENT_ID',
  'SCHOOLS',
  'ALLOWED_TENANT_IDS',
  'DEFAULT_LANGUAGE',
  'LOG_LEVEL',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
];

const SECRET_SETTINGS = ['MicrosoftAppPassword', 'COSMOS_KEY'];

const EU_REGIONS = new Set([
  'westeurope',
  'northeurope',
  'swedencentral',
  'swedensouth',
  'germanywestcentral',
  'germanynorth',
  'francecentral',
  'francesouth',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'austriaeast',
  'belgiumcentral',
  'denmarkeast',
]);

const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';

const TYPES = {
  identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  bot: 'Microsoft.BotService/botServices',
  botChannel: 'Microsoft.BotService/botServices/channels',
  plan: 'Microsoft.Web/serverfarms',
  site: 'Microsoft.Web/sites',
  cosmos: 'Microsoft.DocumentDB/databaseAccounts',
  database: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
  container: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  sqlRoleAssignment: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
  workspace: 'Microsoft.OperationalInsights/workspaces',
  appInsights: 'Microsoft.Insights/components',
  diagnostics: 'Microsoft.Insights/diagnosticSettings',
};

/** Stand-ins for the values that exist only once Azure has created the resources. */
export const FAKE = {
  clientId: 'aaaaaaaa-1111-4111-8111-000000000001',
  principalId: 'aaaaaaaa-2222-4222-8222-000000000002',
  tenantId: 'aaaaaaaa-3333-4333-8333-000000000003',
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

class Problems {
  readonly list: string[] = [];

  add(message: string): void {
    this.list.push(message);
  }

  /** Adds `message` when `ok` is false. */
  expect(ok: boolean, message: string): void {
    if (!ok) this.add(message);
  }
}

function resourcesOf(template: BicepTemplate, type: string): ResourceDeclaration[] {
  return template.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase() && !r.existing);
}

/** The one resource of a type; throws (a problem for the check) when there is none or several. */
function theResource(template: BicepTemplate, type: string): ResourceDeclaration {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0] as ResourceDeclaration;
}

/** A literal value at a path of a resource body, or undefined when it is not a literal. */
function literalAt(resource: ResourceDeclaration, path: string): unknown {
  const expr = at(resource.body, path);
  if (!expr) return undefined;
  try {
    return literalValue(expr);
  } catch {
    return undefined;
  }
}

/** The text of the expression at a path of a resource body ('' when missing). */
function textAt(resource: ResourceDeclaration, path: string): string {
  return at(resource.body, path)?.text ?? '';
}

/** Follows a reference to a `var` to its expression. */
function dereference(template: BicepTemplate, expr: Expr | undefined): Expr | undefined {
  let current = expr;
  const seen = new Set<string>();
  while (current?.kind === 'ref' && template.vars.has(current.name) && !seen.has(current.name)) {
    seen.add(current.name);
    current = template.vars.get(current.name);
  }
  return current;
}

function scopeFor(ctx: CheckContext, parameters: Record<string, unknown> = ctx.parameters) {
  const { template } = ctx;
  const identity = theResource(template, TYPES.identity).symbol;
  const cosmos = theResource(template, TYPES.cosmos).symbol;
  const site = theResource(template, TYPES.site).symbol;
  const appName = evaluate(at(theResource(template, TYPES.site).body, 'name') as Expr, {
    template,
    parameters,
    runtime: {},
  });
  const cosmosName = String(
    evaluate(at(theResource(template, TYPES.cosmos).body, 'name') as Expr, {
      template,
      parameters,
      runtime: {},
    }),
  );
  const cosmosId = `/subscriptions/s/resourceGroups/g/providers/${TYPES.cosmos}/${cosmosName}`;
  return {
    template,
    parameters,
    runtime: {
      [`${identity}.properties.clientId`]: FAKE.clientId,
      [`${identity}.properties.principalId`]: FAKE.principalId,
      [`${identity}.properties.tenantId`]: FAKE.tenantId,
      [`${identity}.id`]: `/subscriptions/s/resourceGroups/g/providers/${TYPES.identity}/id`,
      'tenant().tenantId': FAKE.tenantId,
      [`${cosmos}.id`]: cosmosId,
      [`${cosmos}.properties.documentEndpoint`]: `https://${cosmosName}.documents.azure.com:443/`,
      [`${site}.properties.defaultHostName`]: `${String(appName)}.azurewebsites.net`,
    },
  };
}

interface AppSetting {
  name: string;
  value: Expr;
}

/** The web app's app settings, each with its name and value expression. */
function appSettingsOf(template: BicepTemplate): AppSetting[] {
  const site = theResource(template, TYPES.site);
  const list = dereference(template, at(site.body, 'properties.siteConfig.appSettings'));
  if (list?.kind !== 'array') {
    throw new Error('properties.siteConfig.appSettings of the web app is not a list (or a var holding one)');
  }
  return list.items.map((item) => {
    const name = at(item, 'name');
    const value = at(item, 'value');
    if (name?.kind !== 'literal' || typeof name.value !== 'string' || !value) {
      throw new Error(`an app setting without a literal name and a value: ${item.text}`);
    }
    return { name: name.value, value };
  });
}

function settingNamed(template: BicepTemplate, name: string): AppSetting | undefined {
  return appSettingsOf(template).find((s) => s.name === name);
}

/** The code's defaults for the Cosmos names, from src/config.ts itself. */
function codeDefaults(ctx: CheckContext): { databaseId: string; dossiers: string; users: string } {
  const config = loadConfig({
    STORE: 'cosmos',
    COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/',
    SCHOOLS: JSON.stringify(ctx.parameters.schools),
  });
  if (config.store.kind !== 'cosmos') throw new Error('STORE=cosmos did not give a Cosmos configuration');
  const { databaseId, dossiersContainerId, usersContainerId } = config.store.cosmos;
  return { databaseId, dossiers: dossiersContainerId, users: usersContainerId };
}

function nameOf(ctx: CheckContext, resource: ResourceDeclaration): string {
  return String(evaluate(at(resource.body, 'name') as Expr, scopeFor(ctx)));
}

function allowedValues(template: BicepTemplate, param: string): unknown[] | undefined {
  const decorator = template.params.get(param)?.decorators.find((d) => d.name === 'allowed');
  const list = decorator?.args[0];
  return list ? (literalValue(list) as unknown[]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

export const CHECKS: Record<string, (ctx: CheckContext) => string[]> = {
  'every app setting is a variable src/config.ts reads'(ctx) {
    const problems = new Problems();
    const settings = appSettingsOf(ctx.template);
    const names = settings.map((s) => s.name);
    for (const name of names) {
      if (PLATFORM_SETTINGS[name]) continue;
      problems.expect(ctx.envExampleKeys.has(name), `${name} is not documented in .env.example`);
      problems.expect(ctx.configKeys.has(name), `${name} is not read by src/config.ts`);
    }
    for (const name of new Set(names)) {
      problems.expect(names.filter((n) => n === name).length === 1, `${name} is set twice`);
    }
    for (const name of REQUIRED_SETTINGS) problems.expect(names.includes(name), `${name} is not set`);
    const literal = (name: string): unknown => {
      const value = settingNamed(ctx.template, name)?.value;
      return value?.kind === 'literal' ? value.value : undefined;
    };
    problems.expect(literal('STORE') === 'cosmos', 'STORE is not the literal cosmos');
    problems.expect(
      literal('SCM_DO_BUILD_DURING_DEPLOYMENT') === 'true',
      'SCM_DO_BUILD_DURING_DEPLOYMENT is not the literal true (App Service would not build the code)',
    );
    return problems.list;
  },

  'no keys, passwords or secrets'(ctx) {
    const problems = new Problems();
    for (const { name } of appSettingsOf(ctx.template)) {
      problems.expect(
        !SECRET_SETTINGS.includes(name),
        `${name} is set: production uses the managed identity`,
      );
      problems.expect(
        SECRET_SETTINGS.includes(name) || !/password|secret|(^|_)key$/i.test(name),
        `${name} looks like a secret`,
      );
    }
    const keyFunction = /\b(listKeys|listConnectionStrings|listCredentials|listSecrets)\s*\(/.exec(
      ctx.template.source,
    );
    problems.expect(!keyFunction, `the template reads keys with ${keyFunction?.[1] ?? ''}()`);
    return problems.list;
  },

  'the bot signs in with the user-assigned managed identity'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const identity = theResource(template, TYPES.identity).symbol;
    const clientId = `${identity}.properties.clientId`;
    const setting = (name: string): string => settingNamed(template, name)?.value.text ?? '(not set)';
    problems.expect(
      setting('MicrosoftAppType') === "'UserAssignedMSI'",
      'MicrosoftAppType is not UserAssignedMSI',
    );
    problems.expect(setting('MicrosoftAppId') === clientId, `MicrosoftAppId is not ${clientId}`);
    problems.expect(
      setting('COSMOS_MANAGED_IDENTITY_CLIENT_ID') === clientId,
      `COSMOS_MANAGED_IDENTITY_CLIENT_ID is not ${clientId}`,
    );

    const bot = theResource(template, TYPES.bot);
    problems.expect(
      literalAt(bot, 'properties.msaAppType') === 'UserAssignedMSI',
      'the Azure Bot is not msaAppType UserAssignedMSI',
    );
    problems.expect(
      textAt(bot, 'properties.msaAppId') === clientId,
      `the Azure Bot's msaAppId is not ${clientId}`,
    );
    problems.expect(
      textAt(bot, 'properties.msaAppMSIResourceId') === `${identity}.id`,
      `the Azure Bot's msaAppMSIResourceId is not ${identity}.id`,
    );
    problems.expect(
      textAt(bot, 'properties.msaAppTenantId') === setting('MicrosoftAppTenantId'),
      "the Azure Bot's msaAppTenantId differs from MicrosoftAppTenantId",
    );

    const site = theResource(template, TYPES.site);
    problems.expect(
      literalAt(site, 'identity.type') === 'UserAssigned',
      'the web app has no user-assigned identity',
    );
    const attached = at(site.body, 'identity.userAssignedIdentities');
    const keys =
      attached?.kind === 'object'
        ? attached.entries.map((e) => (typeof e.key === 'string' ? e.key : e.key.text))
        : [];
    problems.expect(
      keys.includes(`'\${${identity}.id}'`),
      `the identity ${identity} is not attached to the web app (userAssignedIdentities)`,
    );
    return problems.list;
  },

  'Teams reaches the bot at /api/messages'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const scope = scopeFor(ctx);
    const bot = theResource(template, TYPES.bot);
    const site = theResource(template, TYPES.site);
    const appName = String(evaluate(at(site.body, 'name') as Expr, scope));
    const endpoint = evaluate(at(bot.body, 'properties.endpoint') as Expr, scope);
    problems.expect(
      endpoint === `https://${appName}.azurewebsites.net/api/messages`,
      `the bot endpoint is ${String(endpoint)}, not https://${appName}.azurewebsites.net/api/messages`,
    );
    problems.expect(
      /server\.post\(\s*'\/api\/messages'/.test(ctx.serverSource),
      'src/server.ts no longer serves POST /api/messages',
    );
    const skus = allowedValues(template, 'botSku') ?? [];
    problems.expect(
      skus.length > 0 && skus.every((s) => s === 'F0' || s === 'S1'),
      `botSku allows ${JSON.stringify(skus)}, not F0/S1`,
    );
    problems.expect(textAt(bot, 'sku.name') === 'botSku', 'the bot sku is not the botSku parameter');

    const teams = resourcesOf(template, TYPES.botChannel).filter(
      (c) => literalAt(c, 'properties.channelName') === 'MsTeamsChannel',
    );
    problems.expect(teams.length === 1, 'there is no MsTeamsChannel channel');
    for (const channel of teams) {
      problems.expect(textAt(channel, 'parent') === bot.symbol, 'the Teams channel is not on the bot');
      problems.expect(
        literalAt(channel, 'name') === 'MsTeamsChannel',
        'the Teams channel is not named MsTeamsChannel',
      );
      problems.expect(
        literalAt(channel, 'properties.properties.isEnabled') === true,
        'the Teams channel is disabled',
      );
    }
    return problems.list;
  },

  'the web app runs npm start on Node LTS, HTTPS only, with the /healthz health check'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const site = theResource(template, TYPES.site);
    const plan = theResource(template, TYPES.plan);
    const config = (key: string): unknown => literalAt(site, `properties.siteConfig.${key}`);
    problems.expect(literalAt(site, 'properties.httpsOnly') === true, 'httpsOnly is not true');
    problems.expect(config('alwaysOn') === true, 'alwaysOn is not true (reminders need a running process)');
    problems.expect(config('minTlsVersion') === '1.2', 'minTlsVersion is not 1.2');
    problems.expect(config('ftpsState') === 'Disabled', 'FTP(S) is not disabled');
    problems.expect(config('healthCheckPath') === '/healthz', 'the health check path is not /healthz');
    problems.expect(
      /server\.get\(\s*'\/healthz'/.test(ctx.serverSource),
      'src/server.ts no longer serves GET /healthz',
    );
    problems.expect(config('appCommandLine') === 'npm start', 'the startup command is not npm start');
    problems.expect(
      typeof ctx.scripts.start === 'string' && ctx.scripts.start.startsWith('node '),
      'package.json has no start script that runs node',
    );
    problems.expect(
      typeof ctx.scripts.build === 'string',
      'package.json has no build script for App Service to run',
    );

    const runtimeExpr = at(site.body, 'properties.siteConfig.linuxFxVersion');
    const nodeLts = /^NODE\|(22|24)-lts$/;
    const runtime = runtimeExpr ? evaluate(runtimeExpr, scopeFor(ctx)) : undefined;
    problems.expect(
      nodeLts.test(String(runtime)),
      `linuxFxVersion is ${String(runtime)}, not NODE|22-lts or 24-lts`,
    );
    if (runtimeExpr?.kind === 'ref' && template.params.has(runtimeExpr.name)) {
      const allowed = allowedValues(template, runtimeExpr.name);
      problems.expect(allowed !== undefined, `${runtimeExpr.name} has no @allowed list`);
      for (const value of allowed ?? []) {
        problems.expect(nodeLts.test(String(value)), `${runtimeExpr.name} allows ${String(value)}`);
      }
    }
    problems.expect(literalAt(plan, 'kind') === 'linux', 'the App Service plan is not Linux');
    problems.expect(
      literalAt(plan, 'properties.reserved') === true,
      'the App Service plan is not reserved (Linux)',
    );
    problems.expect(
      textAt(site, 'properties.serverFarmId') === `${plan.symbol}.id`,
      'the web app is not on the plan',
    );
    return problems.list;
  },

  'the Cosmos DB containers are the ones src/store/cosmos-store.ts uses'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const defaults = codeDefaults(ctx);
    const account = theResource(template, TYPES.cosmos);
    const database = theResource(template, TYPES.database);
    const scope = scopeFor(ctx);
    problems.expect(
      textAt(database, 'parent') === account.symbol,
      'the database is not in the Cosmos DB account',
    );
    const databaseName = nameOf(ctx, database);
    problems.expect(
      databaseName === defaults.databaseId,
      `the database is ${databaseName}, the code's default is ${defaults.databaseId}`,
    );
    problems.expect(
      evaluate(at(database.body, 'properties.resource.id') as Expr, scope) === databaseName,
      'the database resource id differs from its name',
    );

    const containers = resourcesOf(template, TYPES.container);
    problems.expect(containers.length === 2, `expected 2 containers, found ${containers.length}`);
    const expected = [
      { name: defaults.dossiers, partitionKey: DOSSIERS_PARTITION_KEY, indexing: DOSSIERS_INDEXING_POLICY },
      { name: defaults.users, partitionKey: USERS_PARTITION_KEY, indexing: USERS_INDEXING_POLICY },
    ];
    for (const want of expected) {
      const container = containers.find((c) => nameOf(ctx, c) === want.name);
      if (!container) {
        problems.add(`no container named ${want.name} (the code's default)`);
        continue;
      }
      problems.expect(textAt(container, 'parent') === database.symbol, `${want.name} is not in the database`);
      problems.expect(
        evaluate(at(container.body, 'properties.resource.id') as Expr, scope) === want.name,
        `the resource id of ${want.name} differs from its name`,
      );
      const partitionKey = literalAt(container, 'properties.resource.partitionKey') as
        Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(want.partitionKey)) {
        problems.expect(
          isDeepStrictEqual(partitionKey?.[key], value),
          `partition key ${key} of ${want.name} is ${JSON.stringify(partitionKey?.[key])}, the code has ${JSON.stringify(value)}`,
        );
      }
      problems.expect(
        partitionKey?.kind === undefined || partitionKey.kind === 'Hash',
        `the partition key of ${want.name} is not a Hash key`,
      );
      const indexing = literalAt(container, 'properties.resource.indexingPolicy');
      problems.expect(
        isDeepStrictEqual(indexing, want.indexing),
        `the indexing policy of ${want.name} differs from the code's:\n  template ${JSON.stringify(indexing)}\n` +
          `  code     ${JSON.stringify(want.indexing)}`,
      );
    }
    return problems.list;
  },

  'Cosmos DB takes no keys, keeps continuous backups and stays in the EU'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const account = theResource(template, TYPES.cosmos);
    const database = theResource(template, TYPES.database);
    problems.expect(
      literalAt(account, 'properties.disableLocalAuth') === true,
      'disableLocalAuth is not true',
    );
    problems.expect(
      literalAt(account, 'properties.minimalTlsVersion') === 'Tls12',
      'minimalTlsVersion is not Tls12',
    );
    problems.expect(
      literalAt(account, 'properties.backupPolicy.type') === 'Continuous',
      'the backup policy is not Continuous',
    );
    problems.expect(literalAt(account, 'kind') === 'GlobalDocumentDB', 'the account is not the NoSQL API');

    const locationExpr = at(account.body, 'location');
    const defaultsScope = { ...scopeFor(ctx), parameters: {} };
    const location = locationExpr ? evaluate(locationExpr, defaultsScope) : undefined;
    problems.expect(
      location === 'westeurope',
      `the Cosmos DB region defaults to ${String(location)}, not westeurope`,
    );
    if (locationExpr?.kind === 'ref') {
      const allowed = allowedValues(template, locationExpr.name);
      problems.expect(allowed !== undefined, `${locationExpr.name} has no @allowed list of EU regions`);
      for (const region of allowed ?? []) {
        problems.expect(
          EU_REGIONS.has(String(region)),
          `${locationExpr.name} allows ${String(region)}, not in the EU`,
        );
      }
    }

    for (const mode of ['serverless', 'autoscale']) {
      const scope = scopeFor(ctx, { ...ctx.parameters, cosmosCapacityMode: mode });
      const capabilities = evaluate(at(account.body, 'properties.capabilities') as Expr, scope);
      const serverless = isDeepStrictEqual(capabilities, [{ name: 'EnableServerless' }]);
      const options = evaluate(at(database.body, 'properties.options') as Expr, scope) as Record<
        string,
        unknown
      >;
      if (mode === 'serverless') {
        problems.expect(
          serverless,
          'cosmosCapacityMode=serverless does not give the EnableServerless capability',
        );
        problems.expect(isDeepStrictEqual(options, {}), 'a serverless database must not set throughput');
      } else {
        problems.expect(
          isDeepStrictEqual(capabilities, []),
          'cosmosCapacityMode=autoscale still sets capabilities',
        );
        problems.expect(
          typeof (options.autoscaleSettings as Record<string, unknown> | undefined)?.maxThroughput ===
            'number',
          'cosmosCapacityMode=autoscale does not set autoscale throughput on the database',
        );
      }
    }
    return problems.list;
  },

  'the identity has the Cosmos DB Built-in Data Contributor role on the account'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const identity = theResource(template, TYPES.identity).symbol;
    const account = theResource(template, TYPES.cosmos);
    const assignment = theResource(template, TYPES.sqlRoleAssignment);
    const scope = scopeFor(ctx);
    problems.expect(
      textAt(assignment, 'parent') === account.symbol,
      'the role assignment is not on the account',
    );
    const role = evaluate(at(assignment.body, 'properties.roleDefinitionId') as Expr, scope);
    const cosmosId = scope.runtime[`${account.symbol}.id`];
    problems.expect(
      role === `${String(cosmosId)}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`,
      `the role is ${String(role)}, not the account's ${COSMOS_DATA_CONTRIBUTOR} (Built-in Data Contributor)`,
    );
    problems.expect(
      textAt(assignment, 'properties.principalId') === `${identity}.properties.principalId`,
      `the role is not given to ${identity}.properties.principalId`,
    );
    problems.expect(
      textAt(assignment, 'properties.scope') === `${account.symbol}.id`,
      'the role assignment is not scoped to the account',
    );
    return problems.list;
  },

  'the app settings start the code on the provisioned resources'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const scope = scopeFor(ctx);
    const environment: Record<string, string> = {};
    for (const setting of appSettingsOf(template)) {
      const value = evaluate(setting.value, scope);
      if (typeof value !== 'string') {
        problems.add(
          `${setting.name} is not a string (App Service settings are strings): ${JSON.stringify(value)}`,
        );
      }
      environment[setting.name] = String(value);
    }
    let config;
    try {
      config = loadConfig(environment, '/nonexistent');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return [...problems.list, ...error.problems.map((p) => `src/config.ts refuses the settings: ${p}`)];
    }
    problems.expect(
      config.bot.appId === FAKE.clientId,
      'the bot does not run as the identity (MicrosoftAppId)',
    );
    problems.expect(config.bot.appType === 'UserAssignedMSI', 'the bot is not UserAssignedMSI');
    problems.expect(config.bot.appTenantId === FAKE.tenantId, 'MicrosoftAppTenantId is not the tenant');
    problems.expect(config.bot.authenticationEnabled, 'Bot Framework authentication is off');
    problems.expect(config.bot.appPassword === '', 'the bot has a password');
    problems.expect(
      isDeepStrictEqual(config.allowedTenantIds, [FAKE.tenantId]),
      `by default only the deployment's tenant may use the bot, not ${JSON.stringify(config.allowedTenantIds)}`,
    );
    problems.expect(
      isDeepStrictEqual(JSON.parse(JSON.stringify(config.schools)), ctx.parameters.schools),
      'the schools the code reads differ from the schools parameter',
    );
    if (config.store.kind !== 'cosmos') return [...problems.list, 'the store is not Cosmos DB'];
    const cosmos = config.store.cosmos;
    const account = theResource(template, TYPES.cosmos);
    problems.expect(
      cosmos.endpoint === scope.runtime[`${account.symbol}.properties.documentEndpoint`],
      "COSMOS_ENDPOINT is not the account's endpoint",
    );
    problems.expect(
      isDeepStrictEqual(cosmos.auth, { kind: 'managedIdentity', clientId: FAKE.clientId }),
      `Cosmos DB is not reached with the identity: ${JSON.stringify(cosmos.auth)}`,
    );
    problems.expect(!cosmos.createIfNotExists, 'the bot would try to create containers');
    const database = theResource(template, TYPES.database);
    problems.expect(
      cosmos.databaseId === nameOf(ctx, database),
      'COSMOS_DATABASE is not the provisioned database',
    );
    const containers = resourcesOf(template, TYPES.container);
    for (const [variable, name, partitionKey] of [
      ['COSMOS_DOSSIERS_CONTAINER', cosmos.dossiersContainerId, DOSSIERS_PARTITION_KEY],
      ['COSMOS_USERS_CONTAINER', cosmos.usersContainerId, USERS_PARTITION_KEY],
    ] as const) {
      const container = containers.find((c) => nameOf(ctx, c) === name);
      problems.expect(container !== undefined, `${variable}=${name} is not a provisioned container`);
      const paths = container ? literalAt(container, 'properties.resource.partitionKey.paths') : undefined;
      problems.expect(
        container === undefined || isDeepStrictEqual(paths, partitionKey.paths),
        `${variable}=${name} is a container with the wrong partition key`,
      );
    }
    return problems.list;
  },

  'the example parameters file fits the template'(ctx) {
    const problems = new Problems();
    const { template, parameters } = ctx;
    for (const [name, value] of Object.entries(parameters)) {
      const declared = template.params.get(name);
      if (!declared) {
        problems.add(`the parameters file sets ${name}, which the template does not declare`);
        continue;
      }
      const allowed = allowedValues(template, name);
      problems.expect(
        !allowed || allowed.includes(value),
        `${name}=${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`,
      );
      const type = declared.type;
      const fits =
        type === 'string'
          ? typeof value === 'string'
          : type === 'int'
            ? Number.isInteger(value)
            : type === 'bool'
              ? typeof value === 'boolean'
              : type === 'array' || type.endsWith('[]')
                ? Array.isArray(value)
                : type === 'object'
                  ? typeof value === 'object' && value !== null && !Array.isArray(value)
                  : true;
      problems.expect(fits, `${name} should be of type ${type}`);
    }
    for (const declared of template.params.values()) {
      problems.expect(
        declared.defaultValue !== undefined ||
          Object.prototype.hasOwnProperty.call(parameters, declared.name),
        `the parameters file does not set ${declared.name}, which has no default`,
      );
    }
    return problems.list;
  },

  'App Service logs go to Log Analytics, with Application Insights on the same workspace'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const workspace = theResource(template, TYPES.workspace);
    const insights = theResource(template, TYPES.appInsights);
    const site = theResource(template, TYPES.site);
    problems.expect(
      textAt(insights, 'properties.WorkspaceResourceId') === `${workspace.symbol}.id`,
      'Application Insights is not on the workspace',
    );
    const diagnostics = resourcesOf(template, TYPES.diagnostics).filter(
      (d) => textAt(d, 'scope') === site.symbol,
    );
    problems.expect(diagnostics.length === 1, 'the web app has no diagnostic setting');
    for (const setting of diagnostics) {
      problems.expect(
        textAt(setting, 'properties.workspaceId') === `${workspace.symbol}.id`,
        'the diagnostic setting does not send to the workspace',
      );
      const logs = literalAt(setting, 'properties.logs');
      problems.expect(
        Array.isArray(logs) && logs.some((l) => (l as Record<string, unknown>).enabled === true),
        'the diagnostic setting sends no logs',
      );
    }
    return problems.list;
  },

  'the outputs a deployer needs'(ctx) {
    const problems = new Problems();
    const { template } = ctx;
    const identity = theResource(template, TYPES.identity).symbol;
    const account = theResource(template, TYPES.cosmos).symbol;
    for (const name of ['botEndpoint', 'appHostName', 'identityClientId', 'cosmosEndpoint']) {
      problems.expect(template.outputs.has(name), `no output ${name}`);
    }
    problems.expect(
      template.outputs.get('identityClientId')?.value.text === `${identity}.properties.clientId`,
      `identityClientId is not ${identity}.properties.clientId`,
    );
    problems.expect(
      template.outputs.get('cosmosEndpoint')?.value.text === `${account}.properties.documentEndpoint`,
      `cosmosEndpoint is not ${account}.properties.documentEndpoint`,
    );
    return problems.list;
  },
};

/** Run one check; an exception is a problem too (the template has a shape the check cannot read). */
export function runCheck(name: string, ctx: CheckContext): string[] {
  const check = CHECKS[name];
  if (!check) throw new Error(`no check named ${name}`);
  try {
    return check(ctx);
  } catch (error) {
    return [`cannot check: ${error instanceof Error ? error.message : String(error)}`];
  }
}
