import { CrmOfferBanner } from './offer-banner.ts';

declare global {
  interface HTMLElementTagNameMap {
    'crm-offer-banner': CrmOfferBanner;
  }
}

// Guarded: a second copy of the kit on the page must not throw on a second definition.
if (!customElements.get('crm-offer-banner')) customElements.define('crm-offer-banner', CrmOfferBanner);

export { CrmOfferBanner };
