import type { Context } from 'hono';
import type { Site } from '../../db/schema/index.ts';

/** Hono environment shared by every route: the site the credentials resolved to. */
export interface AppEnv {
  Variables: { site: Site };
}

/** A request context with the app's variables. */
export type AppContext = Context<AppEnv>;
