import { TaskStatus, type Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../core/i18n.ts';
import { ConsoleApiError } from '../api.ts';
import { common } from './common.messages.ts';

/** A failure as a sentence in the active language: known codes translated, others the server's words. */
export function errorText(error: unknown, locale: Locale): string {
  const t = common[locale];
  if (error instanceof ConsoleApiError) {
    const code = error.status === 429 ? 'rate_limited' : error.code;
    return t.errors[code] ?? t.failed(error.message);
  }
  return t.errors.network ?? '';
}

/** An error announced to screen readers as it appears. */
export const alertFor = (error: unknown, locale: Locale): TemplateResult | typeof nothing =>
  error === undefined || error === null
    ? nothing
    : html`<p class="error" role="alert">${errorText(error, locale)}</p>`;

/** A task's pending and error states, the page's own rendering once complete (kept while it reloads). */
export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  locale: Locale,
  complete: (value: T) => TemplateResult | typeof nothing,
): TemplateResult | typeof nothing {
  const t = common[locale];
  if (task.status === TaskStatus.ERROR) {
    return html`<div role="alert">
      <p class="error">${errorText(task.error, locale)}</p>
      <button type="button" @click=${() => void task.run()}>${t.retry}</button>
    </div>`;
  }
  const value = task.value;
  if (value === undefined) return html`<p role="status">${t.loading}</p>`;
  return complete(value);
}
