import type { Store } from './storage.ts';

/** True when the browser asks not to be tracked (Do-Not-Track or Global Privacy Control). */
export function doNotTrack(): boolean {
  return (
    navigator.doNotTrack === '1' ||
    (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true
  );
}

/**
 * Whether the kit may store and send anything. Do-Not-Track always wins. With
 * `data-consent="required"` nothing happens until `crm.consent(true)`; otherwise tracking is on
 * until `crm.consent(false)`, whose opt-out is remembered.
 */
export class Consent {
  readonly #store: Store;
  readonly #required: boolean;

  constructor(store: Store, required: boolean) {
    this.#store = store;
    this.#required = required;
  }

  get allowed(): boolean {
    if (doNotTrack()) return false;
    const choice = this.#store.get('consent');
    return choice === 'granted' || (!this.#required && choice !== 'denied');
  }

  set(granted: boolean): void {
    if (granted) this.#store.set('consent', 'granted');
    // When consent is required, refusing is the default: store nothing at all.
    else if (this.#required) this.#store.remove('consent');
    else this.#store.set('consent', 'denied');
  }
}
