import { css } from 'lit';

/** Styles of `<crm-offer-banner>`; colors, type and spacing come from the design tokens. */
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
    display: flex;
    gap: var(--_crm-space);
    align-items: center;
    height: 100%;
    padding: var(--_crm-space);
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    line-height: 1.5;
    overflow-wrap: anywhere;
    position: relative;
  }
  [part='image'] {
    flex: none;
    width: 30%;
    max-width: 240px;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: calc(var(--_crm-radius) / 2);
  }
  .content {
    flex: 1;
    min-width: 0;
    padding-inline-end: calc(var(--_crm-space) * 2);
  }
  h2,
  p {
    margin: 0;
  }
  [part='title'] {
    font-size: 1.25em;
    font-weight: 600;
  }
  [part='badge'] {
    display: inline-block;
    margin-inline-start: calc(var(--_crm-space) / 2);
    padding: 0 calc(var(--_crm-space) / 3);
    font-size: 0.75em;
    vertical-align: middle;
    color: var(--_crm-color-surface);
    background: var(--_crm-color-accent);
    border-radius: var(--_crm-radius);
  }
  [part='body'] {
    margin-block-start: calc(var(--_crm-space) / 4);
    color: var(--_crm-color-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_crm-space) / 2);
    align-items: center;
    margin-block-start: calc(var(--_crm-space) / 2);
  }
  [part='code'] {
    display: inline-flex;
    gap: calc(var(--_crm-space) / 4);
    align-items: center;
    padding: calc(var(--_crm-space) / 8) calc(var(--_crm-space) / 4) calc(var(--_crm-space) / 8)
      calc(var(--_crm-space) / 2);
    border: 1px dashed var(--_crm-color-border);
    border-radius: var(--_crm-radius);
  }
  code {
    font-family: ui-monospace, monospace;
    font-weight: 600;
    user-select: all;
  }
  [part='cta'] {
    display: inline-block;
    padding: calc(var(--_crm-space) / 4) var(--_crm-space);
    color: var(--_crm-color-surface);
    background: var(--_crm-color-accent);
    border-radius: var(--_crm-radius);
    text-decoration: none;
    font-weight: 600;
  }
  button {
    font: inherit;
    color: var(--_crm-color-accent);
    background: transparent;
    border: 1px solid transparent;
    border-radius: var(--_crm-radius);
    padding: calc(var(--_crm-space) / 8) calc(var(--_crm-space) / 4);
    cursor: pointer;
  }
  [part='dismiss'] {
    position: absolute;
    inset-block-start: calc(var(--_crm-space) / 4);
    inset-inline-end: calc(var(--_crm-space) / 4);
    width: 2em;
    height: 2em;
    color: var(--_crm-color-muted);
    font-size: 1em;
    line-height: 1;
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_crm-color-accent);
    outline-offset: 2px;
  }
  .status {
    font-size: 0.875em;
    color: var(--_crm-color-muted);
  }
  @media (max-width: 480px) {
    .base {
      flex-direction: column;
      align-items: stretch;
    }
    [part='image'] {
      width: 100%;
      max-width: none;
    }
  }
`;
