import { MAX_DWELL_MS } from '../../worker/contract/constants.ts';
/** Longest dwell the API accepts (24 h). */

/** Measures how long the current page has been visible, pausing while it is hidden. */
export class PageClock {
  #visibleMs = 0;
  #since: number | undefined;

  constructor() {
    this.#since = document.visibilityState === 'visible' ? performance.now() : undefined;
  }

  pause(): void {
    if (this.#since !== undefined) this.#visibleMs += performance.now() - this.#since;
    this.#since = undefined;
  }

  resume(): void {
    this.#since ??= performance.now();
  }

  /** Visible time so far, in whole ms; the clock then starts over for the next page. */
  lap(): number {
    this.pause();
    const dwellMs = Math.min(MAX_DWELL_MS, Math.round(this.#visibleMs));
    this.#visibleMs = 0;
    if (document.visibilityState === 'visible') this.resume();
    return dwellMs;
  }
}
