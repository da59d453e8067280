// ESLint (flat config): typescript-eslint's recommended rules plus the type-aware ones that catch
// real bugs (floating and misused promises, non-exhaustive switches), and the architecture rules:
// the top-level folders under src/ depend on each other one way only, and only src/database
// touches a database driver. `npm run lint`; `npm test` runs it.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * Which top-level folders of src/ each one may import (besides itself). The graph is acyclic
 * (test/lint-rules.e2e-spec.ts checks it, and that every folder is placed). `app` is the wiring
 * (src/app.module.ts, src/create-app.ts); `main` is src/main.ts, the entry that hands over to the CLI.
 */
export const FOLDER_DEPENDENCIES = {
  common: [],
  config: [],
  database: ['config'],
  outbox: ['database'],
  http: ['common', 'config'],
  auth: ['common', 'config', 'database'],
  jobs: ['common', 'config', 'database'],
  numbers: ['auth', 'common', 'database'],
  notifications: ['auth', 'common', 'config', 'database'],
  crm: ['auth', 'common', 'config', 'database', 'jobs'],
  consent: ['auth', 'common', 'crm', 'database', 'outbox'],
  messaging: ['auth', 'common', 'config', 'consent', 'crm', 'database', 'http', 'jobs', 'notifications', 'numbers', 'outbox'],
  health: ['auth', 'common', 'config', 'crm', 'messaging'],
  sync: ['auth', 'config', 'crm', 'database', 'health', 'jobs', 'messaging', 'numbers', 'outbox'],
  sandbox: ['auth', 'common', 'config', 'database', 'numbers'],
  console: [],
  cli: ['app', 'common', 'config', 'crm', 'jobs', 'messaging', 'sandbox'],
  main: ['cli'],
  app: ['auth', 'common', 'config', 'consent', 'console', 'crm', 'database', 'health', 'http', 'jobs', 'messaging', 'notifications', 'numbers', 'outbox', 'sync'],
};

/** Database drivers: imported in src/database only (the executor's drivers, the DataSource). */
export const DRIVER_MODULES = [
  { origin: 'external', source: ['better-sqlite3', 'pg', 'pg-pool', 'pg-native'] },
  { origin: 'external', source: 'typeorm', internalPath: 'driver/**' },
];

const ENTRY_FILES = { app: '{app.module,create-app}.ts', main: 'main.ts' };
const folders = Object.keys(FOLDER_DEPENDENCIES).filter((f) => !(f in ENTRY_FILES));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'coverage/**', 'node_modules/**', 'web/**', 'bin/**', 'scripts/**', '**/*.js', '**/*.mjs', 'src/messaging/area-code-zones.data.ts' /* generated data */] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/legacy-warnings': false,
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/elements': [
        ...folders.map((folder) => ({ type: folder, pattern: `src/${folder}` })),
        // (a file element: `mode` is deprecated in boundaries 7, but element patterns otherwise name folders)
        ...Object.entries(ENTRY_FILES).map(([type, file]) => ({ type, pattern: `src/${file}`, mode: 'file' })),
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          checkAllOrigins: true,
          policies: [
            ...Object.entries(FOLDER_DEPENDENCIES).map(([folder, allowed]) => ({
              from: { element: { type: folder } },
              disallow: { to: { element: { type: Object.keys(FOLDER_DEPENDENCIES).filter((other) => other !== folder && !allowed.includes(other)) } } },
              message: `src/${folder} may import ${allowed.length ? `only ${allowed.map((a) => (a in ENTRY_FILES ? `src/${ENTRY_FILES[a]}` : `src/${a}`)).join(', ')}` : 'no other folder'} (folders under src/ depend one way: FOLDER_DEPENDENCIES in eslint.config.mjs)`,
            })),
            {
              from: { element: { type: `!database` } },
              disallow: { to: { module: DRIVER_MODULES } },
              message: 'only src/database imports a database driver: write SQL through Sql/UnitOfWork (src/database/sql.ts)',
            },
          ],
        },
      ],
    },
  },
);
