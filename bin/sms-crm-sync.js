#!/usr/bin/env node
// The command line of CONTRACT §5; the service's entry is dist/main.js (built by `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('sms-crm-sync: not built yet: run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
require(entry);
