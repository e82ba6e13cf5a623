import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CONSOLE_PATH } from '../contract/constants.ts';
import type { Staff } from '../../db/schema/index.ts';
import type { AppEnv } from './env.ts';
import { forbidden, unauthorized } from './errors.ts';

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'crm_console';

/**
 * Refuses a state-changing request whose `Origin` is not this server's own: the cookie is
 * `SameSite=Strict` already, and this also stops a same-site page on another port or
 * subdomain from posting with it.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async function sameOriginHandler(c, next) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('Origin');
      if (origin !== new URL(c.req.url).origin) {
        throw forbidden('cross_origin', 'Console changes must come from the console itself');
      }
    }
    await next();
  };
}

/** Console answers are never cached and never framed. */
export function consoleHeaders(): MiddlewareHandler<AppEnv> {
  return async function consoleHeadersHandler(c, next) {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "frame-ancestors 'none'");
  };
}

/** Resolves the signed-in member from the session cookie, or answers 401. */
export function staffSession(
  resume: (token: string) => Promise<{ member: Staff; sessionId: string }>,
): MiddlewareHandler<AppEnv> {
  return async function staffSessionHandler(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 100) throw unauthorized('sign_in_required', 'Sign in to the console');
    const { member, sessionId } = await resume(token);
    c.set('principal', { kind: 'staff', member, sessionId });
    await next();
  };
}

/**
 * Sets the session cookie: HttpOnly, SameSite=Strict, scoped to the console's path, and
 * Secure except on plain-HTTP localhost (the demo), where browsers would drop a Secure cookie
 * set over http on other hosts.
 */
export function setSessionCookie(c: Context, token: string, expiresAt: number): void {
  const url = new URL(c.req.url);
  const localDemo = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  setCookie(c, SESSION_COOKIE, token, {
    path: CONSOLE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: !localDemo,
    expires: new Date(expiresAt),
  });
}

/** Clears the session cookie (sign out). */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH });
}
