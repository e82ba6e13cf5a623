import type { Context } from 'hono';
import type { Site, Staff } from '../../db/schema/index.ts';

/**
 * Who is calling, once a credential guard has run: a site's server (its secret key) or a
 * signed-in member of staff. One authorization layer ({@link authorize}) reads it.
 */
export type Principal = { kind: 'server'; site: Site } | { kind: 'staff'; member: Staff; sessionId: string };

/** Hono environment shared by every route: the site the request is about, and who is asking. */
export interface AppEnv {
  Variables: { site: Site; principal: Principal };
}

/** A request context with the app's variables. */
export type AppContext = Context<AppEnv>;
