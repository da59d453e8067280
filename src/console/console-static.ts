import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web console (CONTRACT §7): the Preact app under web/, built by `npm run build` into
 * dist/web and served by the service itself, so it needs no second server and no CDN.
 *
 * Files are served from routes made at boot (no wildcard route), so every other address keeps
 * its own answer: an unknown `/api`, `/health`, `/webhooks` … path is still the contract's 404.
 * The pages of the app — `/`, `/records/{id}`, `/notifications`, `/admin` and below — answer its index.html, and
 * the app picks the page from the address.
 */
export const CONSOLE_PAGES = ['/', '/records/:salesforceId', '/notifications', '/admin', '/admin/*'] as const;

/** The console's headers: a strict policy (same origin only, no inline code), never cached. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * Where the built console is: dist/web beside the compiled service (dist/console → dist/web), or,
 * when the service runs from its sources (tests), the project's dist/web.
 */
export function consoleRoot(): string | null {
  const candidates = [join(__dirname, '..', 'web'), join(__dirname, '..', '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

export async function registerConsole(fastify: FastifyInstance, root: string | null = consoleRoot()): Promise<void> {
  if (root === null) {
    // the service works without its console; the pages say how to build it
    for (const page of CONSOLE_PAGES) fastify.get(page, (_request, reply) => notBuilt(reply));
    return;
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      // file names under assets/ carry a hash of their content: cached for good
      if (path.includes(`${join(root, 'assets')}`)) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      else reply.headers(PAGE_HEADERS);
      reply.header('X-Content-Type-Options', 'nosniff');
    },
  });
  for (const page of CONSOLE_PAGES) {
    fastify.get(page, (_request, reply) => reply.headers(PAGE_HEADERS).sendFile('index.html'));
  }
}

function notBuilt(reply: FastifyReply) {
  return reply
    .code(404)
    .type('application/json; charset=utf-8')
    .send({ error: { code: 'NOT_FOUND', message: 'The web console is not built: run `npm run build` (or `npm run build:console`).' } });
}
