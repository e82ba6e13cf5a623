import { CrmOrderBuilder } from './order-builder.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-order-builder': CrmOrderBuilder;
  }
}

// Guarded: a second copy of the kit on the page must not throw on a second definition.
if (!customElements.get('crm-order-builder')) customElements.define('crm-order-builder', CrmOrderBuilder);

export { CrmOrderBuilder };
