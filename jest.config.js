// Two tiers (see STYLE.md): fast unit specs beside the code, e2e specs under test/ that boot
// the app and reach the in-repo Salesforce and Twilio stand-ins over HTTP through the real SDKs.
// NestJS 12 ships ESM only, so swc also transforms node_modules/@nestjs/* (and the other ESM-only
// packages listed) into CommonJS.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swcTransform },
  // (the innermost node_modules decides: @fastify/static and light-my-request nest ESM-only copies)
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm|content-disposition|cookie)/)(?!.*/node_modules/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

// `npm run test:postgres` (TEST_ENGINE=postgres, the end of `npm test`) runs the e2e suites again
// with PostgreSQL as the engine of every app whose test does not pick one (test/support/engine.ts).
// It leaves out the suites the default run already covers on both engines, because they pick their
// engines themselves (a describe.each over SQLite and PostgreSQL, or PostgreSQL only;
// database.e2e-spec's WAL checkpoints are SQLite's own), and those that open no database.
const ENGINE_CHOSEN_IN_SUITE = [
  // both engines, side by side
  'api-keys', 'consent', 'conversation-matcher', 'crash-recovery', 'database', 'delivery-reconcile', 'hostile-input',
  'hostile-input-properties', 'outbox-claims', 'prospect-search', 'query-plans', 'send-path', 'thread-paging', 'unit-of-work',
  // PostgreSQL only
  'crm-mirror-postgres', 'database-events', 'failover', 'graceful-shutdown', 'instances', 'notification-fanout', 'three-instances',
  // no database
  'lint-rules', 'salesforce-stand-in', 'salesforce-stand-in-jsforce', 'twilio-stand-in',
];
const onPostgresRun = process.env.TEST_ENGINE === 'postgres';

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...(onPostgresRun ? ENGINE_CHOSEN_IN_SUITE.map((name) => `/test/${name}\\.e2e-spec\\.ts$`) : [])],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
  // the console built when stale (browser tests); PostgreSQL suites: required with CI or TEST_POSTGRES_URL, else skipped (one line) when none answers
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
