import { z } from 'zod';
import { MAX_PAGE_SIZE } from './constants.ts';

/** Body of every error answer: a stable machine code and a sentence for people. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Ids made by clients (event ids, session ids, idempotency keys). */
export const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

/** Free-form properties: a flat-ish JSON object; the size cap is checked per event. */
export const properties = z.record(z.string().max(100), z.unknown());

/** Limit for paged staff lists; SECURITY.md caps a page at {@link MAX_PAGE_SIZE} rows. */
export const pageLimit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20);

/** Body of the POST routes that need no input: `{}` (JSON, so forms cannot post it cross-site). */
export const emptyBody = z.strictObject({});

/** One line saying what is wrong with an input, from the first issue zod found. */
export function describeIssue(error: z.ZodError, fallback: string): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? fallback}`;
}
