import type { Context, MiddlewareHandler } from 'hono';
import { tooManyRequests } from './errors.ts';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** The connection's address: the socket on Node, `cf-connecting-ip` on Workers. */
  addressOf: (c: Context) => string;
  /** Requests allowed per address per minute. */
  perMinute: number;
  /**
   * Failed authentications (answers 401) allowed per address per minute; past it, every
   * request from that address is refused until the bucket refills, so keys and tokens
   * cannot be guessed at the request rate.
   */
  failuresPerMinute?: number;
  now?: () => number;
  /** Most addresses kept; the least recently seen are dropped first so memory stays bounded. */
  maxKeys?: number;
}

/** A token bucket per key, refilled continuously, in least-recently-used order. */
class Buckets {
  readonly capacity: number;
  readonly maxKeys: number;
  readonly #perMs: number;
  readonly #map = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(capacity: number, maxKeys: number) {
    this.capacity = capacity;
    this.maxKeys = maxKeys;
    this.#perMs = capacity / 60_000;
  }

  /** Tokens left for `key` at time `t`, refilled and moved to the most-recent end. */
  #current(key: string, t: number) {
    const bucket = this.#map.get(key) ?? { tokens: this.capacity, updatedAt: t };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (t - bucket.updatedAt) * this.#perMs);
    bucket.updatedAt = t;
    this.#map.delete(key);
    this.#map.set(key, bucket);
    if (this.#map.size > this.maxKeys) {
      const oldest = this.#map.keys().next().value;
      if (oldest !== undefined) this.#map.delete(oldest);
    }
    return bucket;
  }

  /** Seconds until `key` has a whole token again; 0 when it has one now. */
  waitSeconds(key: string, t: number): number {
    const bucket = this.#current(key, t);
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / this.#perMs / 1000);
  }

  take(key: string, t: number): void {
    this.#current(key, t).tokens -= 1;
  }
}

/**
 * Rate limit kept in memory (per process on Node, per isolate on Workers; a limit shared
 * across isolates needs a Durable Object or the platform's rate limiter). It is keyed on the
 * client's address alone: a key that included the credential would give an attacker a fresh
 * bucket with every made-up key. Failed authentications are counted apart, so guessing
 * stops long before the plain request limit would bite.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { addressOf, perMinute, failuresPerMinute = 30, now = Date.now, maxKeys = 50_000 } = options;
  const requests = new Buckets(perMinute, maxKeys);
  const failures = new Buckets(failuresPerMinute, maxKeys);
  return async function rateLimitHandler(c, next) {
    const address = addressOf(c);
    const t = now();
    const wait = Math.max(failures.waitSeconds(address, t), requests.waitSeconds(address, t));
    if (wait > 0) throw tooManyRequests(wait);
    requests.take(address, t);
    await next();
    if (c.res.status === 401) failures.take(address, now());
  };
}
