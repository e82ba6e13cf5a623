import { css } from 'lit';

/** Styles of `<crm-ticket-form>`; colors, type and spacing come from the design tokens. */
export const styles = css`
  :host {
    display: block;
    font-family: var(--_crm-font-family);
    color: var(--_crm-color-text);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    box-sizing: border-box;
    padding: var(--_crm-space);
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol {
    margin: 0;
  }
  ul,
  ol {
    padding: 0;
    list-style: none;
  }
  h2 {
    font-size: 1.125em;
    font-weight: 600;
  }
  h3 {
    font-size: 1em;
    font-weight: 600;
  }
  h4 {
    font-size: 0.875em;
    margin-block-start: var(--_crm-space);
  }
  .muted {
    color: var(--_crm-color-muted);
    font-size: 0.875em;
  }
  .tabs {
    display: flex;
    gap: 4px;
    margin-block: calc(var(--_crm-space) / 2) var(--_crm-space);
    border-block-end: 1px solid var(--_crm-color-border);
  }
  .tabs button {
    font: inherit;
    background: none;
    border: 0;
    border-block-end: 2px solid transparent;
    padding: 6px 10px;
    color: var(--_crm-color-muted);
    cursor: pointer;
  }
  .tabs button[aria-pressed='true'] {
    color: var(--_crm-color-text);
    border-block-end-color: var(--_crm-color-accent);
    font-weight: 600;
  }
  form,
  .result,
  .thread {
    display: grid;
    gap: calc(var(--_crm-space) * 0.75);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  fieldset {
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    margin: 0;
    padding: calc(var(--_crm-space) / 2) calc(var(--_crm-space) * 0.75);
    display: grid;
    gap: 4px;
  }
  legend,
  label {
    font-weight: 600;
    font-size: 0.9375em;
  }
  .stars label {
    font-weight: normal;
  }
  input:not([type='radio']):not([type='file']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-border);
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 6px 8px;
    width: 100%;
    box-sizing: border-box;
  }
  textarea {
    resize: vertical;
  }
  input[aria-invalid='true']:not([type='radio']):not([type='file']),
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: #cf222e;
  }
  :focus-visible {
    outline: 2px solid var(--_crm-color-accent);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .primary,
  .secondary {
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 6px 14px;
    justify-self: start;
  }
  .primary {
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-accent);
  }
  .secondary {
    background: var(--_crm-color-surface);
    color: var(--_crm-color-text);
    border: 1px solid var(--_crm-color-border);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  .link {
    background: none;
    border: 0;
    color: var(--_crm-color-accent);
    padding: 2px 4px;
  }
  .error {
    color: #cf222e;
    font-size: 0.875em;
  }
  .summary {
    border: 1px solid #cf222e;
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 8px 12px;
    color: #cf222e;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .files li {
    display: flex;
    gap: 8px;
    align-items: center;
    font-size: 0.875em;
  }
  .file-name {
    flex: 1;
  }
  progress {
    width: 6em;
  }
  /* The honeypot: out of sight and out of the tab order; people never fill it in. */
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .reference {
    font-size: 1.125em;
    font-weight: 600;
  }
  .list {
    display: grid;
    gap: 8px;
  }
  .ticket {
    display: grid;
    gap: 2px;
    width: 100%;
    text-align: start;
    background: var(--_crm-color-surface);
    color: inherit;
    border: 1px solid var(--_crm-color-border);
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 8px 12px;
  }
  .line {
    display: flex;
    justify-content: space-between;
    gap: 8px;
  }
  .subject {
    font-weight: 600;
  }
  .badge {
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
    border-radius: 999px;
    padding: 0 8px;
    font-size: 0.75em;
    align-self: center;
  }
  .back {
    justify-self: start;
    margin-block-end: 8px;
  }
  .messages {
    display: grid;
    gap: 8px;
  }
  .message {
    border: 1px solid var(--_crm-color-border);
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 8px 12px;
  }
  .message.staff {
    border-inline-start: 3px solid var(--_crm-color-accent);
  }
  .who {
    font-size: 0.8125em;
    color: var(--_crm-color-muted);
  }
  .text {
    white-space: pre-wrap;
  }
  .survey {
    margin-block: calc(var(--_crm-space) / 2) var(--_crm-space);
  }
  .stars {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
  }
`;
