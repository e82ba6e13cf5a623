import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CrmEventMap } from './events.ts';
import { findKit, type CrmKit } from './kit.ts';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives a widget the running kit and re-renders the host when it changes: when `crm.js`
 * starts after the element (`crm-ready`), and when the visitor may have become someone else
 * (identified, logged out, consent changed), which {@link KitController.visitor} counts so a
 * task can take it as an argument and fetch again. `onActivity` runs when this browser's
 * events were stored, for widgets that show the visitor's activity. Widget events go through
 * {@link KitController.emit}, from the element.
 */
export class KitController implements ReactiveController {
  /** The running kit, or `undefined` until `crm.js` has started. */
  kit: CrmKit | undefined;
  /** Changes whenever the visitor may have become someone else. */
  visitor = 0;
  readonly #host: Host;
  readonly #onActivity: (() => void) | undefined;
  #listeners: AbortController | undefined;

  constructor(host: Host, onActivity?: () => void) {
    this.#host = host;
    this.#onActivity = onActivity;
    host.addController(this);
  }

  /** Fires a widget event from the host: bubbling and composed, so the page hears it anywhere. */
  emit<K extends keyof CrmEventMap>(type: K, detail: CrmEventMap[K]): void {
    this.#host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  hostConnected(): void {
    this.#listeners = new AbortController();
    const listen = (type: keyof CrmEventMap, listener: () => void) => {
      document.addEventListener(type, listener, { signal: this.#listeners?.signal });
    };
    listen('crm-ready', this.#update);
    listen('crm-identity-change', this.#newVisitor);
    listen('crm-consent-change', this.#newVisitor);
    if (this.#onActivity) listen('crm-events-stored', this.#onActivity);
    this.#update();
  }

  hostDisconnected(): void {
    this.#listeners?.abort();
  }

  readonly #newVisitor = (): void => {
    this.visitor++;
    this.#update();
  };

  readonly #update = (): void => {
    this.kit = findKit();
    this.#host.requestUpdate();
  };
}
