import { describe, expect, it } from 'vitest';
import { clientId } from '../../worker/contract/common.ts';
import { uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID carrying the time in ms', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
    const id = uuidv7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('sorts by time and fits the contract id pattern', () => {
    const ids = [0, 1, 2, 1000, 2 ** 40].map((offset) => uuidv7(Date.UTC(2026, 0, 1) + offset));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(clientId.safeParse(id).success).toBe(true);
  });

  it('differs between ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1)));
    expect(ids.size).toBe(1000);
  });
});
