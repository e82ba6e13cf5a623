import { Hono } from 'hono';
import { CONSOLE_PATH } from '../contract/constants.ts';
import { notFound } from '../http/errors.ts';

/**
 * The console's page: a shell that loads the console's own bundle. Every console URL
 * (`/console`, `/console/customers/…`) answers with it, so deep links and reloads work; the
 * app routes on the client.
 */
const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>CRM console</title>
    <script type="module" src="${CONSOLE_PATH}/console.js"></script>
  </head>
  <body>
    <crm-console></crm-console>
  </body>
</html>
`;

/**
 * A strict policy: only this server's own scripts, no inline code or styles, Trusted Types
 * for every DOM sink, and never inside a frame (clickjacking the key-rotation button).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html crm-console',
].join('; ');

/** `GET /console` and every page below it, but not the API. */
export function consolePage() {
  return new Hono().get('/*', (c) => {
    if (c.req.path.startsWith(`${CONSOLE_PATH}/api/`) || c.req.path === `${CONSOLE_PATH}/api`) {
      throw notFound(`No route for ${c.req.method} ${c.req.path}`);
    }
    c.header('Content-Security-Policy', CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-cache');
    return c.html(SHELL);
  });
}
