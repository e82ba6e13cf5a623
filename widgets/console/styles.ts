import { css } from 'lit';

/**
 * What the console's shell and pages share: the tokens it adds to the kit's (danger, canvas,
 * success), type, forms, buttons, tables and a visible focus ring. Colors come from tokens only.
 */
export const consoleStyles = css`
  :host {
    --_crm-color-danger: var(--crm-color-danger, #cf222e);
    --_crm-color-success: var(--crm-color-success, #1a7f37);
    --_crm-color-canvas: var(--crm-color-canvas, #f6f8fa);
    --_crm-focus: 2px solid var(--_crm-color-accent);
    display: block;
    font-family: var(--_crm-font-family);
    color: var(--_crm-color-text);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0 0 var(--_crm-space);
  }
  h2 {
    font-size: 1.125rem;
    margin: 0 0 calc(var(--_crm-space) / 2);
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 calc(var(--_crm-space) / 4);
  }
  p {
    margin: 0 0 calc(var(--_crm-space) / 2);
  }
  a {
    color: var(--_crm-color-accent);
  }
  :focus-visible {
    outline: var(--_crm-focus);
    outline-offset: 2px;
  }
  .muted {
    color: var(--_crm-color-muted);
  }
  .card {
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space);
    margin-block-end: var(--_crm-space);
    min-width: 0;
  }
  .grid {
    display: grid;
    gap: var(--_crm-space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_crm-space) / 2);
    align-items: end;
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    font-size: 0.875rem;
    margin-block-end: 4px;
  }
  .field {
    margin-block-end: calc(var(--_crm-space) * 0.75);
  }
  .hint {
    font-size: 0.8125rem;
    color: var(--_crm-color-muted);
    margin: 4px 0 0;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-muted);
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 6px 8px;
    max-width: 100%;
  }
  input:not([type='checkbox']),
  textarea {
    width: 100%;
  }
  .row input,
  .row select {
    width: auto;
  }
  [aria-invalid='true'] {
    border-color: var(--_crm-color-danger);
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    display: inline-block;
    padding: 6px 14px;
    border-radius: calc(var(--_crm-radius) / 2);
    border: 1px solid var(--_crm-color-accent);
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
    cursor: pointer;
    text-decoration: none;
  }
  button.secondary,
  .button.secondary {
    background: var(--_crm-color-surface);
    color: var(--_crm-color-accent);
  }
  button.danger {
    background: var(--_crm-color-danger);
    border-color: var(--_crm-color-danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button[aria-pressed='true'] {
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
  }
  .error {
    color: var(--_crm-color-danger);
    border-inline-start: 4px solid var(--_crm-color-danger);
    padding-inline-start: 8px;
  }
  .success {
    color: var(--_crm-color-success);
  }
  .badge.danger {
    color: var(--_crm-color-danger);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-block-end: 1px solid var(--_crm-color-border);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    white-space: nowrap;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .nowrap {
    white-space: nowrap;
  }
  .scroll {
    overflow-x: auto;
  }
  code,
  pre {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.8125rem;
  }
  pre {
    background: var(--_crm-color-canvas);
    border: 1px solid var(--_crm-color-border);
    border-radius: calc(var(--_crm-radius) / 2);
    padding: 8px;
    overflow-x: auto;
    white-space: pre-wrap;
    word-break: break-all;
    margin: 0 0 8px;
  }
  .secret {
    border: 2px solid var(--_crm-color-danger);
    border-radius: var(--_crm-radius);
    padding: calc(var(--_crm-space) / 2);
    margin-block: calc(var(--_crm-space) / 2);
  }
  .badge {
    display: inline-block;
    padding: 0 8px;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px var(--_crm-space);
    margin: 0;
  }
  dt {
    color: var(--_crm-color-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  dialog {
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space);
    max-width: 480px;
    color: inherit;
    background: var(--_crm-color-surface);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
`;
