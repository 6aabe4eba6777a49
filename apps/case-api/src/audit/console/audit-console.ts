import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';

/**
 * The auditor console's files: one HTML page, a stylesheet and a few plain ES modules. Copied next to the
 * compiled code by `npm run build` (scripts/copy-console-assets.js), so `npm start` serves them from dist.
 */
export const AUDIT_CONSOLE_ASSETS = join(__dirname, 'assets');

/** Where the console is served; `/audit` redirects here. */
export const AUDIT_CONSOLE_PATH = '/audit/';

/**
 * Only this origin's own files and API: no inline script or style, no other origin, no frames, no
 * forms posted anywhere. The console reads the API with fetch (connect-src 'self').
 */
export const AUDIT_CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /audit/`: the auditor console, static files served by the API itself (no other server,
 * no CDN). The files hold no data: every case is read by the page through the audit routes with
 * the API key the auditor enters, so the files themselves need no key.
 */
export async function serveAuditConsole(app: NestFastifyApplication): Promise<void> {
  app
    .getHttpAdapter()
    .getInstance()
    .get(AUDIT_CONSOLE_PATH.slice(0, -1), (_request, reply) => reply.redirect(AUDIT_CONSOLE_PATH, 301));
  await app.register(fastifyStatic, {
    root: AUDIT_CONSOLE_ASSETS,
    prefix: AUDIT_CONSOLE_PATH,
    index: 'index.html',
    cacheControl: false,
    setHeaders(reply) {
      void reply.headers({
        'content-security-policy': AUDIT_CONSOLE_CSP,
        'cache-control': 'no-cache',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
    },
  });
}
