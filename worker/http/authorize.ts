import type { MiddlewareHandler } from 'hono';
import { roleAllows, SERVER_PERMISSIONS, type Permission } from '../modules/staff/permissions.ts';
import type { AppEnv } from './env.ts';
import { forbidden } from './errors.ts';

/** Lets the request through only if its principal holds `permission`. Runs after a credential guard. */
export function authorize(permission: Permission): MiddlewareHandler<AppEnv> {
  return async function authorizeHandler(c, next) {
    const principal = c.get('principal');
    const allowed =
      principal.kind === 'server'
        ? SERVER_PERMISSIONS.includes(permission)
        : roleAllows(principal.member.role, permission);
    if (!allowed) throw forbidden('forbidden', `Your role may not do this (${permission})`);
    await next();
  };
}
