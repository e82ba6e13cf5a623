/**
 * The staff console's entry, `dist/console/console.js`: defines `<crm-console>`, which the
 * worker's `/console` page holds. Pages load as their own chunks when first opened.
 */
import { CrmConsole } from './app.ts';
import { pageStyles } from './app.styles.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-console': CrmConsole;
  }
}

if (!customElements.get('crm-console')) {
  // The page itself has no stylesheet (its CSP allows no inline styles): a constructed sheet.
  if (pageStyles.styleSheet)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles.styleSheet];
  customElements.define('crm-console', CrmConsole);
}
