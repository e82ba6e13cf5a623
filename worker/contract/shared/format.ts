/**
 * Formats dates, money and durations for one locale: the customer card and the staff console
 * show the same values the same way. Pure code over `Intl`, so it runs in the browser bundle
 * and on the server alike.
 */
export class Formatter {
  readonly #locale: string;
  readonly #date: Intl.DateTimeFormat;

  /** `locale` is any BCP 47 tag (`en`, `zh-CN`, …). */
  constructor(locale: string) {
    this.#locale = locale;
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  }

  number(value: number): string {
    return new Intl.NumberFormat(this.#locale).format(value);
  }

  date(epochMs: number): string {
    return this.#date.format(epochMs);
  }

  /** An amount in minor units; an unknown currency code falls back to the number and code. */
  money(cents: number, currency: string): string {
    try {
      return new Intl.NumberFormat(this.#locale, { style: 'currency', currency }).format(cents / 100);
    } catch {
      return `${(cents / 100).toFixed(2)} ${currency}`;
    }
  }

  /** A dwell time, rounded to seconds under a minute and to minutes above. */
  duration(ms: number): string {
    const seconds = Math.round(ms / 1000);
    const [value, unit] = seconds < 60 ? [seconds, 'second'] : [Math.round(seconds / 60), 'minute'];
    return new Intl.NumberFormat(this.#locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  }
}
