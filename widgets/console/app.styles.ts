import { css } from 'lit';

/** The console's frame: a top bar, the navigation beside the page (above it on a tablet). */
export const appStyles = css`
  :host {
    min-height: 100vh;
    background: var(--_crm-color-canvas);
  }
  .skip {
    position: absolute;
    inset-inline-start: 8px;
    top: -100px;
    z-index: 10;
    padding: 8px 12px;
    background: var(--_crm-color-surface);
    border: 2px solid var(--_crm-color-accent);
    border-radius: var(--_crm-radius);
  }
  .skip:focus {
    top: 8px;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_crm-space) / 2) var(--_crm-space);
    padding: calc(var(--_crm-space) / 2) var(--_crm-space);
    background: var(--_crm-color-surface);
    border-block-end: 1px solid var(--_crm-color-border);
  }
  .brand {
    font-weight: 700;
    font-size: 1.125rem;
  }
  .spacer {
    flex: 1;
  }
  label.inline {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin: 0;
  }
  .who {
    font-size: 0.875rem;
    color: var(--_crm-color-muted);
  }
  .layout {
    display: grid;
    grid-template-columns: 200px minmax(0, 1fr);
  }
  .layout.public {
    grid-template-columns: minmax(0, 1fr);
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: var(--_crm-space) calc(var(--_crm-space) / 2);
  }
  nav a {
    display: block;
    padding: 6px 10px;
    border-radius: calc(var(--_crm-radius) / 2);
    text-decoration: none;
    color: var(--_crm-color-text);
  }
  nav a:hover {
    background: var(--_crm-color-surface);
  }
  nav a[aria-current='page'] {
    background: var(--_crm-color-surface);
    color: var(--_crm-color-accent);
    font-weight: 600;
    box-shadow: inset 3px 0 0 var(--_crm-color-accent);
  }
  main {
    padding: var(--_crm-space);
    min-width: 0;
  }
  main:focus {
    outline: none;
  }
  .public main {
    max-width: 640px;
    width: 100%;
    margin: 0 auto;
    padding-block-start: calc(var(--_crm-space) * 2);
  }
  @media (max-width: 960px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    nav ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      padding-block-end: 0;
    }
    nav a[aria-current='page'] {
      box-shadow: inset 0 -3px 0 var(--_crm-color-accent);
    }
  }
`;

/** The console's page around the element: no margin, the canvas color. */
export const pageStyles = css`
  html {
    color-scheme: light;
  }
  html,
  body {
    margin: 0;
    background: var(--crm-color-canvas, #f6f8fa);
  }
`;
