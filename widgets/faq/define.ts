import { CrmFaq } from './faq.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-faq': CrmFaq;
  }
}

// Guarded: a second copy of the kit on the page must not throw on a second definition.
if (!customElements.get('crm-faq')) customElements.define('crm-faq', CrmFaq);

export { CrmFaq };
