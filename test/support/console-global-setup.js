// Jest globalSetup, part two: the browser tests drive the built console (dist/web). Build it when
// it is missing or older than a file under web/, so `npx jest` alone tests what is in the tree.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

module.exports = function buildConsoleWhenStale() {
  const built = join(root, 'dist', 'web', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestUnder(join(root, 'web'))) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'web', 'vite.config.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
};
