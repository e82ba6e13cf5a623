import type { Visitor } from '../../../db/schema/index.ts';
import { bearerToken } from '../../http/bearer.ts';
import type { AppContext } from '../../http/env.ts';
import { unauthorized } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { verifyVisitorToken } from './visitors.ts';

/** The visitor behind the request's bearer token; the only way `/v1/me` learns who is asking. */
export async function requireVisitor(ctx: ServiceContext, c: AppContext): Promise<Visitor> {
  const token = bearerToken(c);
  if (!token) throw unauthorized('visitor_token_required', 'Send the visitor token as a bearer token');
  return verifyVisitorToken(ctx, c.get('site'), token);
}
