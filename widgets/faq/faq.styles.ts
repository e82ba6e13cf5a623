import { css } from 'lit';

/** Styles of `<crm-faq>`; colors, type and spacing come from the design tokens. */
export const styles = css`
  :host {
    display: block;
    font-family: var(--_crm-font-family);
    color: var(--_crm-color-text);
    --_crm-highlight: var(--crm-color-highlight, #fff3b0);
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
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  h2,
  h3,
  h4,
  p,
  ul {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
    margin-block-end: calc(var(--_crm-space) / 2);
  }
  h3 {
    font-size: 1.1em;
  }
  h4 {
    font-size: 1em;
    margin-block-end: calc(var(--_crm-space) / 4);
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .muted {
    color: var(--_crm-color-muted);
    font-size: 0.875em;
  }
  .error {
    color: #b42318;
  }
  input {
    box-sizing: border-box;
    width: 100%;
    font: inherit;
    color: inherit;
    padding: calc(var(--_crm-space) / 2) calc(var(--_crm-space) * 0.75);
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-color-surface);
  }
  input:focus-visible,
  button:focus-visible,
  a:focus-visible,
  h3:focus-visible {
    outline: 2px solid var(--_crm-color-accent);
    outline-offset: 2px;
  }
  .status {
    min-height: 1.5em;
    margin-block: calc(var(--_crm-space) / 4);
  }
  .results {
    display: grid;
    gap: calc(var(--_crm-space) / 4);
  }
  .option {
    display: grid;
    gap: 2px;
    padding: calc(var(--_crm-space) / 2);
    border-radius: calc(var(--_crm-radius) / 2);
    cursor: pointer;
    border: 1px solid transparent;
  }
  .option:hover,
  .option.active {
    border-color: var(--_crm-color-accent);
    background: color-mix(in srgb, var(--_crm-color-accent) 6%, var(--_crm-color-surface));
  }
  .option .title {
    font-weight: 600;
    color: var(--_crm-color-accent);
    text-decoration: none;
  }
  .option .snippet {
    color: var(--_crm-color-muted);
    font-size: 0.875em;
  }
  mark {
    background: var(--_crm-highlight);
    color: inherit;
    border-radius: 2px;
  }
  .categories {
    margin-block-start: calc(var(--_crm-space) / 2);
  }
  .categories h3 {
    font-size: 0.875em;
    color: var(--_crm-color-muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
    margin-block-end: calc(var(--_crm-space) / 2);
  }
  .categories ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11em, 1fr));
    gap: calc(var(--_crm-space) / 2);
  }
  button {
    font: inherit;
    cursor: pointer;
    color: var(--_crm-color-accent);
    background: var(--_crm-color-surface);
    border: 1px solid var(--_crm-color-border);
    border-radius: var(--_crm-radius);
    padding: calc(var(--_crm-space) / 4) calc(var(--_crm-space) * 0.75);
  }
  button[aria-pressed='true'] {
    background: var(--_crm-color-accent);
    border-color: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
  }
  .category {
    width: 100%;
    height: 100%;
    text-align: start;
    display: grid;
    padding: calc(var(--_crm-space) * 0.75);
    color: var(--_crm-color-text);
  }
  .link {
    border: none;
    padding: 0;
    background: none;
  }
  .back {
    margin-block-end: calc(var(--_crm-space) / 2);
  }
  .category-title {
    margin-block-end: calc(var(--_crm-space) / 2);
  }
  .article h3 {
    font-size: 1.3em;
    margin-block-end: calc(var(--_crm-space) / 2);
  }
  .body :is(p, ul, ol, pre, blockquote, table) {
    margin-block: 0 calc(var(--_crm-space) * 0.75);
  }
  .body ul {
    list-style: disc;
    padding-inline-start: 1.5em;
  }
  .body ol {
    padding-inline-start: 1.5em;
  }
  .body img {
    max-width: 100%;
    height: auto;
  }
  .body pre {
    overflow-x: auto;
    padding: calc(var(--_crm-space) / 2);
    background: color-mix(in srgb, var(--_crm-color-text) 5%, var(--_crm-color-surface));
    border-radius: calc(var(--_crm-radius) / 2);
  }
  .body a,
  .related a {
    color: var(--_crm-color-accent);
  }
  .body blockquote {
    border-inline-start: 3px solid var(--_crm-color-border);
    padding-inline-start: calc(var(--_crm-space) * 0.75);
    color: var(--_crm-color-muted);
  }
  .body table {
    border-collapse: collapse;
  }
  .body :is(th, td) {
    border: 1px solid var(--_crm-color-border);
    padding: 4px 8px;
  }
  .vote,
  .escalate {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_crm-space) / 2);
    padding-block: calc(var(--_crm-space) * 0.75);
    border-block-start: 1px solid var(--_crm-color-border);
    margin-block-start: calc(var(--_crm-space) * 0.75);
  }
  .related {
    padding-block-start: calc(var(--_crm-space) / 2);
  }
  .related li {
    padding-block: 2px;
  }
`;
