import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { tokens } from '../../core/tokens.ts';
import { styles } from '../../offer-banner/offer-banner.styles.ts';

/** What the preview shows: the banner's texts as the visitor would get them. */
export interface PreviewOffer {
  title: string;
  body: string;
  imageUrl: string | null;
  ctaLabel: string | null;
  discountCode: string | null;
  discountPercent: number | null;
}

/**
 * The offer as `<crm-offer-banner>` draws it, with the banner's own styles, for the editor.
 * Nothing in it is live: the button and links do nothing, so staff can try it freely.
 *
 * @tag crm-console-offer-preview
 */
export class CrmConsoleOfferPreview extends LitElement {
  static override styles = [tokens, styles];
  static override properties = { offer: { attribute: false }, labels: { attribute: false } };
  declare offer: PreviewOffer | undefined;
  declare labels: { code: string; copy: string; dismiss: string; percentOff: (n: number) => string };

  protected override render(): TemplateResult | typeof nothing {
    const offer = this.offer;
    if (!offer) return nothing;
    const t = this.labels;
    const image = offer.imageUrl && /^(https?:\/\/|\/(?!\/))/i.test(offer.imageUrl) ? offer.imageUrl : null;
    return html`<div part="base" class="base">
      ${image ? html`<img part="image" src=${image} alt="" />` : nothing}
      <div class="content">
        <p id="title" part="title">
          ${offer.title}${offer.discountPercent ? html`<span part="badge">${t.percentOff(offer.discountPercent)}</span>` : nothing}
        </p>
        ${offer.body ? html`<p part="body">${offer.body}</p>` : nothing}
        <div class="actions">
          ${offer.ctaLabel ? html`<span part="cta">${offer.ctaLabel}</span>` : nothing}
          ${
            offer.discountCode
              ? html`<span part="code"
                  ><span class="status">${t.code}</span><code>${offer.discountCode}</code></span
                >`
              : nothing
          }
        </div>
      </div>
      <span part="dismiss" aria-hidden="true">✕</span>
    </div>`;
  }
}

if (!customElements.get('crm-console-offer-preview')) {
  customElements.define('crm-console-offer-preview', CrmConsoleOfferPreview);
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-console-offer-preview': CrmConsoleOfferPreview;
  }
}
