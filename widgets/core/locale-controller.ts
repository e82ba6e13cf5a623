import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, type Locale } from './i18n.ts';

/**
 * Gives a widget its locale: its own `lang`, else the closest `[lang]` ancestor (up to
 * `<html lang>`), else the browser's language. Follows later changes of any `lang` attribute
 * and of the browser's language, and re-renders the host when the locale changes.
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #observer: MutationObserver | undefined;
  #locale: Locale = 'en';

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** The active locale. */
  get value(): Locale {
    return this.#locale;
  }

  hostConnected(): void {
    this.#update();
    this.#observer = new MutationObserver(() => {
      this.#update();
    });
    this.#observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
    addEventListener('languagechange', this.#update);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    removeEventListener('languagechange', this.#update);
  }

  readonly #update = (): void => {
    const tag = this.#host.closest('[lang]')?.getAttribute('lang') || navigator.language;
    const locale = resolveLocale(tag);
    if (locale === this.#locale) return;
    this.#locale = locale;
    this.#host.requestUpdate();
  };
}
