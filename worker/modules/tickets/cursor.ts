import { badRequest } from '../../http/errors.ts';
import { base64url, fromBase64url } from '../../lib/crypto.ts';

/** Where a queue page ends: priority rank, creation time and id of its last row. */
export interface QueueCursor {
  rank: number;
  createdAt: number;
  id: string;
}

/** The opaque cursor of the next queue page. */
export function encodeQueueCursor(c: QueueCursor): string {
  return base64url(new TextEncoder().encode(`${c.rank}|${c.createdAt}|${c.id}`));
}

/** Reads a queue cursor; a malformed one is a 400. */
export function decodeQueueCursor(text: string): QueueCursor {
  const bytes = fromBase64url(text);
  const [rank, createdAt, id] = bytes ? new TextDecoder().decode(bytes).split('|') : [];
  const c = { rank: Number(rank), createdAt: Number(createdAt), id: id ?? '' };
  if (!Number.isInteger(c.rank) || !Number.isInteger(c.createdAt) || !c.id) {
    throw badRequest('invalid_cursor', 'The cursor is not one this server made');
  }
  return c;
}
