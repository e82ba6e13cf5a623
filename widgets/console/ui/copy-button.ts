import { LitElement, css, html, type TemplateResult } from 'lit';
import type { Locale } from '../../core/i18n.ts';
import { tokens } from '../../core/tokens.ts';
import { consoleStyles } from '../styles.ts';
import { common } from './common.messages.ts';

/**
 * A button copying `text` to the clipboard and saying so (politely announced).
 *
 * @tag crm-console-copy
 * @attr label - What is copied, for the button's accessible name ("Copy snippet").
 * @csspart button - The button.
 */
export class CrmConsoleCopy extends LitElement {
  static override styles = [
    tokens,
    consoleStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 8px;
      }
    `,
  ];
  static override properties = {
    text: { attribute: false },
    label: {},
    locale: {},
    _state: { state: true },
  };

  declare text: string;
  declare label: string;
  declare locale: Locale;
  declare _state: 'idle' | 'copied' | 'failed';

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.locale = 'en';
    this._state = 'idle';
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this._state = 'copied';
    } catch {
      this._state = 'failed';
    }
  }

  protected override render(): TemplateResult {
    const t = common[this.locale];
    const status = this._state === 'copied' ? t.copied : this._state === 'failed' ? t.copyFailed : '';
    return html`<button
        part="button"
        type="button"
        class="secondary"
        aria-label=${this.label ? `${t.copy}: ${this.label}` : t.copy}
        @click=${() => void this.#copy()}
      >
        ${t.copy}
      </button>
      <span role="status" class=${this._state === 'failed' ? 'error' : 'success'}>${status}</span>`;
  }
}

if (!customElements.get('crm-console-copy')) customElements.define('crm-console-copy', CrmConsoleCopy);

declare global {
  interface HTMLElementTagNameMap {
    'crm-console-copy': CrmConsoleCopy;
  }
}
