/**
 * What a tracker sends, page after page, for one visitor: `page_view`, a `product_view` with a
 * real sku on product pages (sometimes an `add_to_cart`), and a `page_leave` naming the view it
 * closes with its dwell time, all with UUIDv7 ids and the session's running `seq`.
 */
import { randomInt } from 'node:crypto';
import type { TrackedEvent } from '../../worker/contract/events.ts';
import { randomId, uuidv7 } from './ids.ts';
import { PRODUCT_COUNT, SHOP_URL, skuOf } from './population.ts';

const OTHER_PAGES = [
  { path: '/', title: 'Bench Shop' },
  { path: '/cart', title: 'Your cart | Bench Shop' },
  { path: '/search?q=lamp', title: 'Search | Bench Shop' },
  { path: '/about', title: 'About us | Bench Shop' },
];

interface OpenView {
  id: string;
  url: string;
  path: string;
  title: string;
}

/** One visitor's browser: its token, its session and the page it has open. */
export class Browser {
  readonly token: string;
  readonly #sessionId = randomId();
  #seq = 0;
  #view: OpenView | undefined;
  #queued: TrackedEvent[] = [];

  constructor(token: string) {
    this.token = token;
  }

  /** The next `count` events, in the order the tracker would queue them. */
  take(count: number): TrackedEvent[] {
    while (this.#queued.length < count) this.#nextPage();
    return this.#queued.splice(0, count);
  }

  #record(fields: Omit<TrackedEvent, 'id' | 'sessionId' | 'seq' | 'ts'>): string {
    const ts = Date.now();
    const id = uuidv7(ts);
    this.#queued.push({ id, sessionId: this.#sessionId, seq: this.#seq++, ts, ...fields });
    return id;
  }

  #nextPage(): void {
    const previous = this.#view;
    if (previous) {
      const { url, path, title } = previous;
      const dwellMs = 2_000 + randomInt(120_000);
      this.#record({ type: 'page_leave', url, path, title, viewId: previous.id, dwellMs });
    }
    // Six pages in ten are product pages, as on a shop's browsing paths.
    const product = randomInt(10) < 6 ? randomInt(PRODUCT_COUNT) : undefined;
    const page =
      product === undefined
        ? (OTHER_PAGES[randomInt(OTHER_PAGES.length)] ?? { path: '/', title: 'Bench Shop' })
        : { path: `/products/${skuOf(product).toLowerCase()}`, title: `Product ${product} | Bench Shop` };
    const url = `${SHOP_URL}${page.path}`;
    const id = this.#record({
      type: 'page_view',
      url,
      path: page.path,
      title: page.title,
      ...(previous ? { referrer: previous.url } : {}),
    });
    this.#view = { id, url, path: page.path, title: page.title };
    if (product === undefined) return;
    const sku = skuOf(product);
    this.#record({ type: 'product_view', url, path: page.path, properties: { sku } });
    if (randomInt(100) < 15)
      this.#record({ type: 'add_to_cart', url, path: page.path, properties: { sku, quantity: 1 } });
  }
}
