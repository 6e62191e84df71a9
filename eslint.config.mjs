// Type-aware lint: floating promises and `any` are the two mistakes that hurt a bot most
// (a lost await revokes the TurnContext; an `any` lets an unparsed payload through).
// The second half keeps the layers apart (see "Layers" below and the dependency rule in the README).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ── Layers ──────────────────────────────────────────────────────────────────────────────────────
// domain: the meldcode itself, pure, imports nothing of ours.
// store, cards: import the domain (cards also the texts in i18n).
// app: the use cases; import the domain, cards, i18n and the store *interface* (store/store).
// bot: the Teams edge; imports app, cards, i18n and the domain, never a store.
// Only the composition root (src/index.ts, src/compose.ts, and store/open-store.ts which it calls)
// knows the concrete stores. logger and config are the root's: app and bot may take a Logger, the
// bot the credentials in Config.
//
// ESLint matches the import as written, so a layer is recognised by the folder a relative import
// climbs into: `../store/…` from src/app/x.ts, `../../store/…` from src/app/sub/x.ts.
const into = (folders) => `^(\\.\\./)+(${folders})(/|$)`;
const ROOT_MODULES = (names) => `^(\\.\\./)+(${names})$`;

const LAYER_RULE = 'the layer rule: eslint.config.mjs, README "Folder map"';
const forbid = (regex, why) => ({ regex, message: `${why} (${LAYER_RULE}).` });

// Packages that belong to one layer only: the Bot Framework to the Teams edge, databases to the stores.
const BOT_FRAMEWORK = {
  regex: '^(botbuilder|botframework-)',
  message: 'Only src/bot/ talks to the Bot Framework.',
};
const RESTIFY = { regex: '^restify$', message: 'Only src/server.ts serves HTTP.' };
const DATABASES = {
  regex: '^(@azure/cosmos|@azure/identity|better-sqlite3)$',
  message: 'Only the stores (src/store/) talk to a database.',
};

const restrict = (...patterns) => ['error', { patterns }];

const LAYERS = [
  {
    name: 'domain',
    files: ['src/domain/**/*.ts'],
    rule: restrict(
      forbid(
        into('store|bot|app|cards|i18n'),
        'The domain is pure: it imports nothing of ours outside src/domain. Move what it needs into the domain',
      ),
      forbid(ROOT_MODULES('config|logger|server|compose'), 'The domain is pure: no config, logger or server'),
      forbid(
        '^(node:)?(fs|fs/promises|http|https|net|child_process|timers|timers/promises)$',
        'The domain does no I/O; the app passes in what it needs',
      ),
      BOT_FRAMEWORK,
      RESTIFY,
      DATABASES,
      {
        regex: '^(pino|dotenv|adaptivecards.*)$',
        message: 'The domain is pure: no logging, environment or cards.',
      },
    ),
  },
  {
    name: 'i18n',
    files: ['src/i18n/**/*.ts'],
    rule: restrict(
      forbid(into('store|bot|app|cards'), 'The texts depend on nothing but the domain'),
      forbid(ROOT_MODULES('config|logger|server|compose'), 'The texts depend on nothing but the domain'),
      BOT_FRAMEWORK,
      DATABASES,
    ),
  },
  {
    name: 'store',
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/open-store.ts'],
    rule: restrict(
      forbid(
        into('bot|app|cards|i18n'),
        'A store imports only the domain; a shape that others read too belongs in src/domain',
      ),
      forbid(
        ROOT_MODULES('config|logger|server|compose'),
        'A store gets its settings from the composition root',
      ),
      BOT_FRAMEWORK,
      RESTIFY,
    ),
  },
  {
    name: 'cards',
    files: ['src/cards/**/*.ts'],
    rule: restrict(
      forbid(
        into('store|bot|app'),
        'Cards import only the domain and i18n; declare the shape a view reads in the view or in src/domain',
      ),
      forbid(ROOT_MODULES('config|logger|server|compose'), 'Cards import only the domain and i18n'),
      BOT_FRAMEWORK,
      RESTIFY,
      DATABASES,
    ),
  },
  {
    name: 'app',
    files: ['src/app/**/*.ts'],
    rule: restrict(
      forbid(
        into('bot'),
        'The use cases never import the Teams edge; define an interface in src/app for it to implement',
      ),
      forbid(
        '^(\\.\\./)+store/(?!store$)',
        'The use cases know only the store interface (store/store), never a concrete store',
      ),
      forbid(
        ROOT_MODULES('config|server|compose'),
        'The use cases get their settings from the composition root',
      ),
      BOT_FRAMEWORK,
      RESTIFY,
      DATABASES,
    ),
  },
  {
    name: 'bot',
    files: ['src/bot/**/*.ts'],
    rule: restrict(
      forbid(
        into('store'),
        'The Teams edge never imports a store; use a use case in src/app or a domain interface',
      ),
      forbid(
        ROOT_MODULES('server|compose'),
        'The Teams edge is built by the composition root, not the other way round',
      ),
      DATABASES,
    ),
  },
  {
    name: 'root',
    files: ['src/*.ts'],
    ignores: ['src/index.ts', 'src/compose.ts'],
    rule: restrict(
      forbid(
        '^\\./store/(?!store$)',
        'Only src/index.ts and src/compose.ts know the concrete stores; take the Store interface',
      ),
    ),
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'artifacts/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // One block per layer; the file globs do not overlap, so no block replaces another's patterns.
  ...LAYERS.map(({ name, files, ignores, rule }) => ({
    name: `meldcode/layers/${name}`,
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': rule },
  })),
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
