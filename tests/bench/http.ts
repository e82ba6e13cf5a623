/**
 * The bench's one request path: every call names the status it expects, and any other
 * answer stops the bench (a benchmark whose requests fail measures nothing). Tokens are
 * made the way the host site's server (identity) and this server (visitor) make them.
 */
import { handMadeJwt } from '../fixtures/tokens.ts';
import { BENCH_SITE } from './population.ts';

/**
 * Longest wait for one answer. Requests are never cut short to keep a phase within its time
 * (their time is the measurement); this only stops a bench whose server stopped answering.
 */
const REQUEST_TIMEOUT_MS = 300_000;

const route = (path: string) => path.split('?')[0] ?? path;

/** A request that did not get the answer it expected. */
export class BenchFailure extends Error {}

export interface RequestOptions {
  body?: unknown;
  /** Bearer token: a visitor token, or the secret key for server routes. */
  bearer?: string;
  identity?: string;
  headers?: Record<string, string>;
  expect: number;
}

/** An answer with the status expected: its parsed body (the caller knows its type) and its time. */
export interface Answer {
  body: unknown;
  ms: number;
}

export class Api {
  readonly origin: string;

  constructor(origin: string) {
    this.origin = origin;
  }

  /** A widget route: publishable key in the query, the allowed `Origin`, as a browser sends it. */
  widget(method: 'GET' | 'POST', path: string, options: RequestOptions) {
    const url = `${path}${path.includes('?') ? '&' : '?'}key=${BENCH_SITE.publishableKey}`;
    return this.request(method, url, {
      ...options,
      headers: { Origin: BENCH_SITE.origin, ...options.headers },
    });
  }

  /** A server route with the secret key, as the shop's backend calls it. */
  server(method: 'GET' | 'POST', path: string, options: Omit<RequestOptions, 'bearer'>) {
    return this.request(method, path, { ...options, bearer: BENCH_SITE.secretKey });
  }

  async request(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
    if (options.identity) headers['X-Crm-Identity'] = options.identity;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.origin}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
      throw new BenchFailure(`${method} ${route(path)} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
    }
    const ms = performance.now() - started;
    if (res.status !== options.expect) {
      throw new BenchFailure(`${method} ${route(path)} answered ${res.status}: ${text.slice(0, 300)}`);
    }
    return { body: text ? (JSON.parse(text) as unknown) : null, ms };
  }
}

const HEADER = { alg: 'HS256', typ: 'JWT' };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** The token this server issued to a visitor that exists in the database (a returning browser). */
export const visitorTokenFor = (visitorId: string, tokenId: string) =>
  handMadeJwt(
    HEADER,
    { typ: 'vt', sid: BENCH_SITE.id, sub: visitorId, jti: tokenId, exp: inAnHour() },
    BENCH_SITE.visitorTokenSecret,
  );

/** An identity token the shop's server signs for its logged-in customer. */
export const identityTokenFor = (externalId: string) =>
  handMadeJwt(
    HEADER,
    { sub: externalId, iat: Math.floor(Date.now() / 1000), exp: inAnHour() },
    BENCH_SITE.identitySecret,
  );
