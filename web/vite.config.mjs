import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The web console (CONTRACT §7): built into dist/web, served by the service itself (src/console).
// Everything it needs is in the bundle: no CDN, no web fonts, so it works offline.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // one small bundle: no inline scripts or styles, so the page's Content-Security-Policy can stay strict
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
