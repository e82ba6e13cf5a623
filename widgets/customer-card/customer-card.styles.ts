import { css } from 'lit';

/** Styles of `<crm-customer-card>`; colors, type and spacing come from the design tokens. */
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
    /* Paths, names and references may be one long word: break it rather than overflow. */
    overflow-wrap: anywhere;
  }
  h2,
  h3,
  p,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  h2 {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_crm-color-muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  h3 {
    font-size: 1em;
    font-weight: 600;
    margin-block-end: calc(var(--_crm-space) / 4);
  }
  [part='name'] {
    font-size: 1.25em;
    font-weight: 600;
  }
  .muted,
  [part='stats'] {
    color: var(--_crm-color-muted);
    font-size: 0.875em;
  }
  [part='stats'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_crm-space) / 2);
    margin-block: calc(var(--_crm-space) / 2);
  }
  section section {
    margin-block-start: var(--_crm-space);
  }
  section section li + li {
    margin-block-start: calc(var(--_crm-space) / 4);
  }
  .line {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_crm-space) / 2);
  }
  /* A total or a dwell time stays whole; the text beside it wraps instead. */
  .line > span + span {
    flex: none;
    white-space: nowrap;
  }
  .total {
    font-variant-numeric: tabular-nums;
  }
  button {
    margin-block-start: calc(var(--_crm-space) / 2);
    padding: calc(var(--_crm-space) / 4) calc(var(--_crm-space) / 2);
    font: inherit;
    color: var(--_crm-color-surface);
    background: var(--_crm-color-accent);
    border: 0;
    border-radius: var(--_crm-radius);
    cursor: pointer;
  }
  a {
    color: var(--_crm-color-accent);
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_crm-color-accent);
    outline-offset: 2px;
  }
  .production {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_crm-color-accent);
  }
`;
