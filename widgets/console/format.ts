import type { Locale } from '../core/i18n.ts';

/** Numbers, money, dates and durations for one locale. */
export class Format {
  readonly locale: Locale;
  readonly #number: Intl.NumberFormat;
  readonly #amount: Intl.NumberFormat;
  readonly #date: Intl.DateTimeFormat;
  readonly #dateTime: Intl.DateTimeFormat;
  readonly #time: Intl.DateTimeFormat;

  constructor(locale: Locale) {
    this.locale = locale;
    this.#number = new Intl.NumberFormat(locale);
    this.#amount = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    this.#dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.#time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  }

  number(value: number): string {
    return this.#number.format(value);
  }

  /** Minor units in a known currency; without one, the amount alone. */
  money(cents: number, currency?: string): string {
    if (!currency) return this.#amount.format(cents / 100);
    try {
      return new Intl.NumberFormat(this.locale, { style: 'currency', currency }).format(cents / 100);
    } catch {
      return `${this.#amount.format(cents / 100)} ${currency}`;
    }
  }

  date(epochMs: number): string {
    return this.#date.format(epochMs);
  }

  dateTime(epochMs: number): string {
    return this.#dateTime.format(epochMs);
  }

  time(epochMs: number): string {
    return this.#time.format(epochMs);
  }

  /** A `YYYY-MM-DD` day as the locale writes a short date. */
  day(day: string): string {
    const [y, m, d] = day.split('-').map(Number);
    return new Intl.DateTimeFormat(this.locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
      Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
    );
  }

  /** A dwell time: seconds under a minute, then minutes and seconds, then hours and minutes. */
  duration(ms: number): string {
    const total = Math.round(ms / 1000);
    const unit = (value: number, name: string) =>
      new Intl.NumberFormat(this.locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
    if (total < 60) return unit(total, 'second');
    if (total < 3600) {
      const seconds = total % 60;
      return seconds
        ? `${unit(Math.floor(total / 60), 'minute')} ${unit(seconds, 'second')}`
        : unit(total / 60, 'minute');
    }
    return `${unit(Math.floor(total / 3600), 'hour')} ${unit(Math.floor((total % 3600) / 60), 'minute')}`;
  }
}
