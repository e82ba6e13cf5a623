// Type-aware lint for the whole tree; promise rules matter most: an unawaited write in a Worker is silently lost.
// The import rules at the end hold the layers apart (see README, "Where things live").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import pattern for `@typescript-eslint/no-restricted-imports`, matched on the import text. */
const forbid = (regex, message, allowTypeImports = false) => ({ regex, message, allowTypeImports });

const DRIZZLE = forbid(
  '^drizzle-orm',
  'Routes and HTTP code call services; queries belong in a module service.',
);
const SCHEMA = forbid(
  '(^|/)db/schema(/|$)',
  'Routes and HTTP code call services; only services and queries touch the schema.',
  true,
);
const HONO = forbid(
  '^(hono|@hono/)',
  'Services hold the CRM logic and know nothing of HTTP: throw ApiError instead.',
);
const NODE = forbid(
  '^node:',
  'Domain code runs on Workers and Node alike: only the entries know their runtime.',
);
const WORKERS = forbid('^(cloudflare:|@cloudflare/)', 'Domain code runs on Workers and Node alike.');
const WORKER_FROM_DB = forbid(
  '(^|/)worker/(?!contract/constants\\.ts$)',
  'db/ sits below worker/: it may use the contract constants, nothing else of worker/.',
);
const SERVER_FROM_WIDGETS = forbid(
  '(^|/)worker/(?!contract/)',
  'Widgets run in visitors’ browsers: nothing of the server may reach the bundle.',
);
const CONTRACT_FROM_WIDGETS = forbid(
  '(^|/)worker/contract/(?!constants\\.ts$|shared/)',
  'Widgets import the contract’s types only; at run time just constants.ts and shared/.',
  true,
);
const DB_FROM_WIDGETS = forbid('(^|/)db/', 'Widgets run in visitors’ browsers: no database code.');
const ZOD_FROM_WIDGETS = forbid(
  '^zod',
  'zod stays on the server; widgets import the contract’s types.',
  true,
);

const restrict = (...patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.wrangler', 'db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'off',
      '@typescript-eslint/no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The example shop's page script runs in the browser as a module.
    files: ['examples/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { window: 'readonly', document: 'readonly', crypto: 'readonly', fetch: 'readonly' },
    },
  },
  // Layers. Routes parse, call a service and map the result; services hold the logic.
  {
    files: ['worker/modules/**/routes.ts', 'worker/api/**/*.ts', 'worker/http/**/*.ts'],
    rules: restrict(DRIZZLE, SCHEMA),
  },
  {
    files: ['worker/modules/**/*.ts', 'worker/jobs/**/*.ts'],
    ignores: ['worker/modules/**/routes.ts', '**/*.test.ts'],
    rules: restrict(HONO, NODE, WORKERS),
  },
  {
    files: ['worker/contract/**/*.ts'],
    rules: restrict(HONO, NODE, WORKERS, forbid('(^|/)db/', 'The contract is below the database.')),
  },
  { files: ['db/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict(HONO, WORKER_FROM_DB) },
  {
    files: ['widgets/**/*.ts'],
    ignores: ['widgets/build.ts', '**/*.test.ts'],
    rules: restrict(SERVER_FROM_WIDGETS, CONTRACT_FROM_WIDGETS, DB_FROM_WIDGETS, ZOD_FROM_WIDGETS, NODE),
  },
);
