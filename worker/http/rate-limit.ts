import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './error-handler.ts';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs: number;
  /** What the limit is counted per, e.g. credential + connection address. */
  keyOf: (c: Context) => string;
  now?: () => number;
  /** Most buckets kept; the oldest are dropped first so memory stays bounded. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token-bucket rate limit kept in memory: per process on Node, per isolate on Workers
 * (a shared limit across isolates needs a Durable Object or the platform's rate limiter).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { limit, windowMs, keyOf, now = Date.now, maxKeys = 50_000 } = options;
  const perMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();
  return async function rateLimitHandler(c, next) {
    const key = keyOf(c);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: limit, updatedAt: t };
    bucket.tokens = Math.min(limit, bucket.tokens + (t - bucket.updatedAt) * perMs);
    bucket.updatedAt = t;
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxKeys) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (bucket.tokens < 1) {
      c.header('Retry-After', String(Math.ceil((1 - bucket.tokens) / perMs / 1000)));
      return errorResponse(c, 429, 'rate_limited', 'Too many requests; retry later');
    }
    bucket.tokens -= 1;
    await next();
  };
}
