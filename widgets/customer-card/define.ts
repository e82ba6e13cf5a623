import { CrmCustomerCard } from './customer-card.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-card': CrmCustomerCard;
  }
}

// Guarded: a second copy of the kit on the page must not throw on a second definition.
if (!customElements.get('crm-customer-card')) customElements.define('crm-customer-card', CrmCustomerCard);

export { CrmCustomerCard };
