/**
 * Every event the kit and its widgets dispatch, by name, with its `detail`. Events bubble, are
 * composed and carry an object detail, so listeners on `window`, `document` or any ancestor
 * can type them. Kit events fire on `document`; widget events fire from the widget element.
 * A widget adds its own events from its folder, by augmenting this interface
 * (`declare module '../core/events.ts' { interface CrmEventMap { … } }`).
 */
export interface CrmEventMap {
  /** `window.crm` is ready to use (the script is a module, so it runs after inline scripts). */
  'crm-ready': Record<string, never>;
  /** The visitor was identified (`crm.identify`) or logged out (`crm.logout`). */
  'crm-identity-change': { identified: boolean };
  /** The visitor granted or withdrew consent (`crm.consent`). */
  'crm-consent-change': { granted: boolean };
  /** The API stored events this browser recorded; `accepted` counts the new ones. */
  'crm-events-stored': { accepted: number };
  /** Widget event: the widget loaded its data and shows it. */
  'crm-load': Record<string, never>;
  /** Widget event: the widget could not load its data; `code` is a `KitError` code. */
  'crm-error': { code: string };
}

/** A typed `CustomEvent` of the kit. */
export type CrmEvent<K extends keyof CrmEventMap> = CustomEvent<CrmEventMap[K]>;

type CrmEventListeners = { [K in keyof CrmEventMap]: CrmEvent<K> };

declare global {
  /* Declaration merging makes `addEventListener('crm-…')` typed on every target. */
  /* eslint-disable @typescript-eslint/no-empty-object-type */
  interface WindowEventMap extends CrmEventListeners {}
  interface DocumentEventMap extends CrmEventListeners {}
  interface HTMLElementEventMap extends CrmEventListeners {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}

/**
 * Dispatches a kit event on `document`; it bubbles to `window` too. Widgets fire theirs
 * through their `KitController`, from the element: sharing this function with a widget chunk
 * would split it into a chunk every page loads.
 */
export function emit<K extends keyof CrmEventMap>(type: K, detail: CrmEventMap[K]): void {
  document.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
