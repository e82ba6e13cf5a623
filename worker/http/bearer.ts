import type { Context } from 'hono';

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(c: Context): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(c.req.header('Authorization') ?? '');
  return match?.[1];
}
