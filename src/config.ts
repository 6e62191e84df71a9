// The only reader of the environment. One zod schema turns process.env into a frozen, typed
// Config; a wrong or missing value stops the start with a message that names the variable.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLE_NAMES, type School } from './domain/school';
import { reminderSettingsSchema, withWorkingCalendar } from './domain/reminders';
import { retentionSettingsSchema } from './domain/retention';

const guidLike = z.string().trim().min(1);

const personSchema = z.object({ id: guidLike, name: z.string().trim().min(1).max(100) });

const schoolSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'a short lowercase id such as "de-linde" (letters, digits, dashes)'),
  name: z.string().trim().min(1).max(100),
  tenantId: guidLike,
  coordinators: z.array(personSchema).min(1, 'every school needs at least one zorgcoördinator'),
  decisionMaker: personSchema,
  /** Confirms the decisions the beslisser took themselves: nobody confirms their own decision. */
  deputyDecisionMaker: personSchema.optional(),
  /** What the school calls the person who guides the meldcode: intern-begeleider, zorgcoordinator, aandachtsfunctionaris. */
  roleName: z.enum(ROLE_NAMES).optional(),
  /** Optional: reads every dossier of the school and may add notes (domain/access.ts, decide.ts). */
  aandachtsfunctionaris: personSchema.optional(),
  careTeamChannelId: z.string().trim().min(1).optional(),
  /** Reminder periods, school hours and holidays; every field optional (defaults in domain/reminders.ts). */
  reminders: reminderSettingsSchema.optional(),
  /** How long closed dossiers are kept; without it nothing is removed (the bot does not guess a legal period). */
  retention: retentionSettingsSchema.optional(),
});

const schoolsSchema = z
  .array(schoolSchema)
  .min(1, 'configure at least one school')
  .refine((schools) => new Set(schools.map((s) => s.id)).size === schools.length, 'school ids must be unique')
  .refine(
    (schools) => schools.every((s) => s.deputyDecisionMaker?.id !== s.decisionMaker.id),
    'the deputy beslisser (deputyDecisionMaker) must be another person than the beslisser',
  )
  .refine(
    // The cards would then call two different roles by one word: the zorgcoördinatoren, who act in the
    // steps, and the aandachtsfunctionaris, who only reads and adds notes.
    (schools) => schools.every((s) => !(s.aandachtsfunctionaris && s.roleName === 'aandachtsfunctionaris')),
    'a school whose roleName is aandachtsfunctionaris names no separate aandachtsfunctionaris: ' +
      'its zorgcoördinatoren are the aandachtsfunctionarissen',
  );

const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** The raw environment, variable by variable. Names are exactly the variables a deployer sets. */
const environmentSchema = z
  .object({
    MicrosoftAppId: z.string().trim().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: z.string().trim().default(''),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Where users reach this server from their browser (export download links). Default http://localhost:<PORT>. */
    PUBLIC_BASE_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.url({ protocol: /^https?$/ }).optional(),
    ),
    STORE: z.enum(['embedded', 'cosmos']).default('embedded'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    COSMOS_ENDPOINT: z.url().optional(),
    COSMOS_DATABASE: z.string().trim().min(1).default('meldcode'),
    COSMOS_DOSSIERS_CONTAINER: z.string().trim().min(1).default('dossiers'),
    COSMOS_USERS_CONTAINER: z.string().trim().min(1).default('users'),
    COSMOS_KEY: z.string().trim().min(1).optional(),
    COSMOS_MANAGED_IDENTITY_CLIENT_ID: z.string().trim().min(1).optional(),
    COSMOS_CREATE_IF_NOT_EXISTS: booleanFlag,
    ALLOWED_TENANT_IDS: commaList,
    DEFAULT_LANGUAGE: z.enum(['nl', 'en']).default('nl'),
    SCHOOLS: z.string().optional(),
    SCHOOLS_FILE: z.string().optional(),
    ADMIN_IDS: commaList,
    REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** How long an instance's claim on due reminders holds before another takes it for a crash. */
    REMINDER_CLAIM_LEASE_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
    /** How long an export download link works. */
    EXPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
    /** The App Service sign-in (Entra ID) is on: an export is only handed to the person who asked. */
    EXPORT_REQUIRE_SIGN_IN: booleanFlag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.STORE === 'cosmos' && !env.COSMOS_ENDPOINT) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'required when STORE=cosmos' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'required for a SingleTenant bot (the Entra tenant of the bot registration)',
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set (or use MicrosoftAppType=UserAssignedMSI)',
      });
    }
    if (!env.SCHOOLS && !env.SCHOOLS_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['SCHOOLS'],
        message: 'set SCHOOLS (JSON) or SCHOOLS_FILE (path to a JSON file) to describe the schools',
      });
    }
  });

export type CosmosSettings = {
  endpoint: string;
  databaseId: string;
  dossiersContainerId: string;
  usersContainerId: string;
  auth: { kind: 'key'; key: string } | { kind: 'managedIdentity'; clientId?: string };
  createIfNotExists: boolean;
};

export interface Config {
  bot: {
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appTenantId: string;
    /** Empty app id: the Bot Framework's local mode (no tokens checked or sent). */
    authenticationEnabled: boolean;
  };
  port: number;
  /** The server's address as users' browsers reach it, without a trailing slash (download links). */
  publicBaseUrl: string;
  store: { kind: 'embedded'; file: string } | { kind: 'cosmos'; cosmos: CosmosSettings };
  /** Activities from other tenants are refused. Defaults to the tenants of the configured schools. */
  allowedTenantIds: readonly string[];
  defaultLanguage: 'nl' | 'en';
  schools: readonly School[];
  adminIds: readonly string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often the reminder sweep runs; 0 switches the scheduler off (tests drive it by hand). */
  reminderIntervalSeconds: number;
  /** How long a claim on due reminders holds; a crashed instance's reminders wait this long. */
  reminderClaimLeaseSeconds: number;
  exports: {
    /** How long a download link works. */
    linkMinutes: number;
    /**
     * The App Service sign-in (Easy Auth, Entra ID) is on, so X-MS-CLIENT-PRINCIPAL-ID can be
     * trusted: a download is only handed to the person who asked for the export.
     */
    requireSignIn: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example for every variable and its meaning.',
    );
    this.name = 'ConfigError';
  }
}

function describeIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${where}: ${issue.message}`;
  });
}

function readSchools(env: z.infer<typeof environmentSchema>, baseDir: string): School[] {
  const variable = env.SCHOOLS ? 'SCHOOLS' : 'SCHOOLS_FILE';
  let raw: string;
  if (env.SCHOOLS) {
    raw = env.SCHOOLS;
  } else {
    const file = path.resolve(baseDir, env.SCHOOLS_FILE ?? '');
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError([`SCHOOLS_FILE: cannot read ${file}`]);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError([`${variable}: not valid JSON`]);
  }
  const parsed = schoolsSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(describeIssues(variable, parsed.error));
  // Each school carries its working calendar, made once here rather than on every save and card.
  return parsed.data.map(withWorkingCalendar);
}

/**
 * Build the configuration from an environment (process.env in production, a plain object in tests).
 * `baseDir` resolves relative paths (DATA_DIR, SCHOOLS_FILE).
 */
export function loadConfig(environment: Record<string, string | undefined>, baseDir = process.cwd()): Config {
  // An empty variable counts as unset, so a copied .env.example with blanks starts on the defaults.
  const given = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) throw new ConfigError(describeIssues('', parsed.error));
  const env = parsed.data;
  const schools = readSchools(env, baseDir);

  const store: Config['store'] =
    env.STORE === 'cosmos'
      ? {
          kind: 'cosmos',
          cosmos: {
            endpoint: env.COSMOS_ENDPOINT ?? '',
            databaseId: env.COSMOS_DATABASE,
            dossiersContainerId: env.COSMOS_DOSSIERS_CONTAINER,
            usersContainerId: env.COSMOS_USERS_CONTAINER,
            auth: env.COSMOS_KEY
              ? { kind: 'key', key: env.COSMOS_KEY }
              : env.COSMOS_MANAGED_IDENTITY_CLIENT_ID
                ? { kind: 'managedIdentity', clientId: env.COSMOS_MANAGED_IDENTITY_CLIENT_ID }
                : { kind: 'managedIdentity' },
            createIfNotExists: env.COSMOS_CREATE_IF_NOT_EXISTS,
          },
        }
      : { kind: 'embedded', file: path.resolve(baseDir, env.DATA_DIR, 'meldcode.sqlite') };

  const allowedTenantIds =
    env.ALLOWED_TENANT_IDS.length > 0 ? env.ALLOWED_TENANT_IDS : [...new Set(schools.map((s) => s.tenantId))];

  const config: Config = {
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      appTenantId: env.MicrosoftAppTenantId,
      authenticationEnabled: env.MicrosoftAppId !== '',
    },
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    store,
    allowedTenantIds,
    defaultLanguage: env.DEFAULT_LANGUAGE,
    schools,
    adminIds: env.ADMIN_IDS,
    logLevel: env.LOG_LEVEL,
    reminderIntervalSeconds: env.REMINDER_INTERVAL_SECONDS,
    reminderClaimLeaseSeconds: env.REMINDER_CLAIM_LEASE_SECONDS,
    exports: { linkMinutes: env.EXPORT_LINK_MINUTES, requireSignIn: env.EXPORT_REQUIRE_SIGN_IN },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
