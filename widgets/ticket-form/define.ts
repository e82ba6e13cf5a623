import { CrmTicketForm } from './ticket-form.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-ticket-form': CrmTicketForm;
  }
}

// Guarded: a second copy of the kit on the page must not throw on a second definition.
if (!customElements.get('crm-ticket-form')) customElements.define('crm-ticket-form', CrmTicketForm);

export { CrmTicketForm };
