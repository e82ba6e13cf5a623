import { Hono, type Env, type MiddlewareHandler, type Schema } from 'hono';
import type { HonoBase } from 'hono/hono-base';
import type { AppEnv } from '../http/env.ts';

/**
 * Wraps a module's routes in its group's guards. A group mounts routes only through this,
 * so a route cannot exist without the credentials, CORS and limits of its kind of caller.
 */
export function guarded<E extends Env, S extends Schema, B extends string>(
  guards: readonly MiddlewareHandler<AppEnv>[],
  routes: HonoBase<E, S, B>,
) {
  const [first, ...rest] = guards;
  if (!first) throw new Error('a route group needs at least one guard');
  return new Hono<AppEnv>().use(first, ...rest).route('/', routes);
}
