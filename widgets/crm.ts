/**
 * The script-tag entry (`dist/crm.js`):
 *
 * ```html
 * <script type="module" src="https://…/crm.js" data-site-key="pk_…"
 *   data-endpoint="https://…" data-consent="required"></script>
 * ```
 *
 * Starts the tracker, exposes {@link CrmApi} as `window.crm`, and loads each widget's chunk
 * when its element first appears. Loading the script twice is harmless: the second copy sees
 * the running kit and does nothing. Lit lives in the widget chunks only, never here.
 */
import { readConfig } from './core/config.ts';
import type { CrmApi } from './core/crm-api.ts';
import { watchElements } from './core/dom-watch.ts';
import { emit } from './core/events.ts';
import type { CrmKit, KitKey } from './core/kit.ts';
import { CrmRuntime } from './core/runtime.ts';
import { PRODUCT_SELECTOR } from './core/tracker.ts';
import { widgetLoader } from './core/widget-loader.ts';
import { widgets } from './registry.ts';

declare global {
  interface Window {
    /**
     * The CRM kit. Declared as always present because pages use it after `crm.js` has run;
     * code that may run earlier (an inline script) should wait for `crm-ready`.
     */
    crm: CrmApi;
  }
}

const kitKey = Symbol.for('crm.kit' satisfies KitKey);
const slots = globalThis as unknown as Record<symbol, CrmKit | undefined>;
const config = slots[kitKey] ? undefined : readConfig(import.meta.url);

if (config) {
  const runtime = new CrmRuntime(config);
  slots[kitKey] = runtime;
  // Only the public methods, bound, so `const { track } = crm` works too.
  window.crm = Object.freeze<CrmApi>({
    identify: runtime.identify.bind(runtime),
    track: runtime.track.bind(runtime),
    purchase: runtime.purchase.bind(runtime),
    page: runtime.page.bind(runtime),
    logout: runtime.logout.bind(runtime),
    consent: runtime.consent.bind(runtime),
    flush: runtime.flush.bind(runtime),
  });
  runtime.start();
  const load = widgetLoader(widgets);
  watchElements([PRODUCT_SELECTOR, ...Object.keys(widgets)].join(','), (element) => {
    if (element.matches(PRODUCT_SELECTOR)) runtime.product(element.getAttribute('data-sku') ?? '');
    else load(element.localName);
  });
  emit('crm-ready', {});
}
