import {
  MAX_EVENT_BYTES,
  MAX_SKU_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from '../../worker/contract/constants.ts';
import type { TrackedEvent } from '../../worker/contract/events.ts';
import { uuidv7 } from './ids.ts';
import { PageClock } from './page-clock.ts';
import { jsonBytes, type EventQueue } from './queue.ts';
import { onHistoryChange } from './routes.ts';
import type { Sender } from './sender.ts';
import type { Session } from './session.ts';

/** Elements that report a product view: `<div data-crm-product data-sku="…">`. */
export const PRODUCT_SELECTOR = '[data-crm-product][data-sku]';
/**
 * Routers often set `document.title` just after changing the URL, so a client-side page view
 * is recorded a moment later to catch the new title.
 */
const TITLE_SETTLE_MS = 100;

interface Page {
  url: string;
  path: string;
  title: string;
}

/** The page being viewed, with the id of its `page_view` so its `page_leave` can name it. */
interface OpenPage extends Page {
  viewId: string | undefined;
}

/** A client-side page view waiting for its title. */
interface PendingView {
  timer: ReturnType<typeof setTimeout>;
  url: string;
  path: string;
  referrer: string | undefined;
}

/** The fields of an event the caller chooses; the tracker adds id, session, seq and time. */
export type EventFields = Pick<TrackedEvent, 'type'> &
  Partial<Omit<TrackedEvent, 'id' | 'sessionId' | 'seq' | 'ts'>>;

const clip = (text: string, max: number) => text.slice(0, max);
const url = () => clip(location.href, MAX_URL_LENGTH);
const path = () => clip(location.pathname, MAX_URL_LENGTH);
/** What identifies a page: a change of hash alone is not a new page. */
const route = () => location.pathname + location.search;

/**
 * Turns the page's life into events: `page_view` on load, on client-side route changes and on
 * return from the back-forward cache; `page_leave` with the visible dwell time when leaving;
 * `product_view` for product elements; plus whatever {@link Tracker.record} is given.
 */
export class Tracker {
  readonly #session: Session;
  readonly #queue: EventQueue;
  readonly #sender: Sender;
  readonly #listeners = new AbortController();
  readonly #clock = new PageClock();
  #page: OpenPage | undefined;
  #pending: PendingView | undefined;
  #route = route();
  #skus = new Set<string>();

  constructor(session: Session, queue: EventQueue, sender: Sender) {
    this.#session = session;
    this.#queue = queue;
    this.#sender = sender;
  }

  start(): void {
    const signal = this.#listeners.signal;
    this.#view({ url: url(), path: path(), title: document.title }, document.referrer);
    addEventListener('visibilitychange', this.#visibilityChanged, { signal });
    addEventListener('pagehide', this.#hide, { signal });
    addEventListener('pageshow', this.#show, { signal });
    addEventListener('online', () => void this.#sender.flush(), { signal });
    onHistoryChange(() => {
      if (route() !== this.#route) this.navigate();
    }, signal);
  }

  stop(): void {
    this.#listeners.abort();
    if (this.#pending) clearTimeout(this.#pending.timer);
    this.#pending = undefined;
    this.#sender.stop();
  }

  /** Records an event for the current page; returns its id, or nothing when it was too large. */
  record(fields: EventFields): string | undefined {
    const now = Date.now();
    const event: TrackedEvent = {
      id: uuidv7(now),
      ...this.#session.next(now),
      ts: now,
      url: url(),
      path: path(),
      ...fields,
    };
    if (jsonBytes(event) > MAX_EVENT_BYTES) {
      console.warn('crm: event too large, not sent:', fields.type);
      return undefined;
    }
    this.#sender.queued(this.#queue.push(event));
    return event.id;
  }

  /** The visitor moved to another page without a load: leave the old one, view the new one. */
  navigate(): void {
    const referrer = this.#page?.url;
    this.leave();
    this.#route = route();
    this.#skus = new Set();
    this.#pending = {
      timer: setTimeout(() => {
        this.#openPending();
      }, TITLE_SETTLE_MS),
      url: url(),
      path: path(),
      referrer,
    };
  }

  /** Records `page_leave` with the visible time of the current page, if one is open. */
  leave(): void {
    this.#openPending();
    if (!this.#page) return;
    const { url, path, title, viewId } = this.#page;
    this.#page = undefined;
    this.record({ type: 'page_leave', url, path, title, viewId, dwellMs: this.#clock.lap() });
  }

  /** Reports a product element once per page view (the page view itself scans for them). */
  product(sku: string): void {
    if (!sku || this.#pending || this.#skus.has(sku)) return;
    this.#skus.add(sku);
    this.record({ type: 'product_view', properties: { sku: clip(sku, MAX_SKU_LENGTH) } });
  }

  #openPending(): void {
    const pending = this.#pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending = undefined;
    this.#view({ url: pending.url, path: pending.path, title: document.title }, pending.referrer);
  }

  #view(page: Page, referrer: string | undefined): void {
    const open = { ...page, title: clip(page.title, MAX_TITLE_LENGTH) };
    this.#route = route();
    this.#skus = new Set();
    const viewId = this.record({
      type: 'page_view',
      ...open,
      ...(referrer ? { referrer: clip(referrer, MAX_URL_LENGTH) } : {}),
    });
    this.#page = { ...open, viewId };
    for (const element of document.querySelectorAll(PRODUCT_SELECTOR)) {
      this.product(element.getAttribute('data-sku') ?? '');
    }
  }

  readonly #visibilityChanged = (): void => {
    if (document.visibilityState === 'visible') {
      this.#clock.resume();
    } else {
      this.#clock.pause();
      this.#sender.beacon();
    }
  };

  readonly #hide = (): void => {
    this.leave();
    this.#sender.beacon();
  };

  readonly #show = (event: PageTransitionEvent): void => {
    if (!event.persisted) return;
    // Time spent frozen in the back-forward cache is not time on the page.
    this.#clock.lap();
    this.#view({ url: url(), path: path(), title: document.title }, document.referrer);
  };
}
