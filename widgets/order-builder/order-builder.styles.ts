import { css } from 'lit';

/** Styles of `<crm-order-builder>`; colors, type and spacing come from the design tokens. */
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
    overflow-wrap: break-word;
    /* The layout follows the builder's own width, not the window's: it may sit in a narrow column. */
    container-type: inline-size;
  }
  h2,
  h3,
  h4,
  p,
  ul,
  dl,
  dd,
  figure {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
    margin-bottom: calc(var(--_crm-space) * 0.75);
  }
  h3 {
    font-size: 1em;
    margin-bottom: calc(var(--_crm-space) * 0.5);
  }
  h4 {
    font-size: 0.95em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .muted {
    color: var(--_crm-color-muted);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: var(--_crm-space);
    align-items: start;
  }
  @container (max-width: 640px) {
    .layout {
      grid-template-columns: 1fr;
    }
  }
  .group {
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    padding: calc(var(--_crm-space) * 0.5) calc(var(--_crm-space) * 0.75);
    margin: 0 0 calc(var(--_crm-space) * 0.75);
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .hint {
    font-weight: 400;
    font-size: 0.875em;
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 4px 8px;
    padding: 4px 0;
  }
  .choice label {
    display: flex;
    align-items: center;
    gap: 8px;
    cursor: pointer;
  }
  .choice label .name {
    flex: 1;
  }
  .choice[data-blocked] label {
    color: var(--_crm-color-muted);
    cursor: not-allowed;
  }
  .choice[data-picked] .name {
    font-weight: 600;
  }
  .reason {
    grid-column: 2 / -1;
    font-size: 0.875em;
    color: var(--_crm-color-muted);
    font-style: italic;
  }
  .swatch {
    width: 18px;
    height: 18px;
    flex: none;
    stroke: var(--_crm-color-border);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--_crm-color-accent);
  }
  input[type='number'] {
    width: 4.5em;
    font: inherit;
    padding: 2px 6px;
    border: 1px solid var(--_crm-color-border);
    border-radius: calc(var(--_crm-radius) / 2);
    background: var(--_crm-color-surface);
    color: var(--_crm-color-text);
  }
  .quantity {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 600;
  }
  .step {
    font-weight: 600;
    margin-bottom: calc(var(--_crm-space) * 0.5);
  }
  .side {
    display: grid;
    gap: var(--_crm-space);
  }
  .preview svg {
    display: block;
    width: 100%;
    max-height: 360px;
  }
  .price .line {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    font-size: 0.925em;
  }
  .price dd {
    font-variant-numeric: tabular-nums;
  }
  .total {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 8px;
    align-items: baseline;
    border-top: 1px solid var(--_crm-color-border);
    margin-top: 8px;
    padding-top: 8px;
  }
  .total strong {
    font-size: 1.25em;
  }
  .summary {
    margin-top: var(--_crm-space);
    border-top: 1px solid var(--_crm-color-border);
    padding-top: var(--_crm-space);
  }
  .problems {
    margin-top: calc(var(--_crm-space) * 0.75);
    padding: calc(var(--_crm-space) * 0.5) calc(var(--_crm-space) * 0.75);
    border-left: 3px solid var(--_crm-color-accent);
  }
  .problems ul {
    list-style: disc;
    padding-left: 1.25em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: calc(var(--_crm-space) * 0.75);
  }
  button {
    font: inherit;
    padding: 6px 14px;
    border: 1px solid var(--_crm-color-accent);
    border-radius: var(--_crm-radius);
    background: var(--_crm-color-surface);
    color: var(--_crm-color-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_crm-color-accent);
    outline-offset: 2px;
  }
  .note,
  .share {
    margin: 8px 0;
  }
  .share output {
    display: block;
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
  }
  .result {
    margin-top: 8px;
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-left: 6px;
    padding: 0 8px;
    border-radius: 999px;
    border: 1px solid var(--_crm-color-accent);
    color: var(--_crm-color-accent);
    font-size: 0.85em;
  }
  .alert p {
    margin-top: 8px;
    font-weight: 600;
  }
`;
