#!/usr/bin/env node
// The command line of CONTRACT §5; the service's entry is dist/main.js (built by `npm run build`).
require('../dist/main.js');
