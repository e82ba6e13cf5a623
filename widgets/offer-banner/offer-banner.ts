import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { DecidedOffer } from '../../worker/contract/offers.ts';
import { KitController } from '../core/kit-controller.ts';
import type { KitError } from '../core/kit.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { tokens } from '../core/tokens.ts';
import { decideOffer, reportOfferEvent, type BannerEvent } from './api.ts';
import { isDismissed, rememberDismissal } from './dismissed.ts';
import { messages, type BannerMessages } from './messages.ts';
import { styles } from './offer-banner.styles.ts';

declare module '../core/events.ts' {
  interface CrmEventMap {
    /** Widget event: the visitor followed the offer's call to action. */
    'crm-offer-click': { offerId: string };
    /** Widget event: the visitor dismissed the offer. */
    'crm-offer-dismiss': { offerId: string };
  }
}

/** Share of the banner that must be on screen before it counts as seen. */
const VISIBLE_RATIO = 0.5;

/** Links an offer may carry: http(s) or a path on the site, never `javascript:`. */
const safeUrl = (url: string | null): string | null =>
  url && /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : null;

/**
 * The visitor's best offer for a placement, chosen by the CRM: title, text, image, a call to
 * action and a discount code with a copy button. Visitors with no eligible offer, and those
 * held back in the offer's control group, see the slotted default content (or nothing);
 * nothing renders until the decision is in, so a site that reserves the banner's space (a
 * `min-height` on the element) sees no layout shift. The impression is reported only once at
 * least half the banner was on screen; clicks and dismissals are reported too, and a dismissed
 * offer stays away in this browser and for this person.
 *
 * All offer texts are rendered as text.
 *
 * @tag crm-offer-banner
 *
 * @attr placement - Where on the site the banner sits (`home-hero`, `cart-side`…); offers name
 *   the placement they are for. Required.
 * @attr lang - Locale (`en`, `zh-CN`, `zh-TW`), else the closest `[lang]` ancestor, else the browser's.
 *
 * @event crm-load - The decision is in (an offer or the default shows). Detail: `{}`.
 * @event crm-error - No decision could be had; the default content shows. Detail: `{ code }`.
 * @event crm-offer-click - The call to action was followed. Detail: `{ offerId }`.
 * @event crm-offer-dismiss - The offer was dismissed. Detail: `{ offerId }`.
 *
 * @slot - The site's default content, shown when there is no offer to show.
 *
 * @csspart base - The offer (a region named by its title).
 * @csspart image - The offer's image.
 * @csspart title - Its title.
 * @csspart badge - The discount (percent off).
 * @csspart body - Its text.
 * @csspart code - The discount code and its copy button.
 * @csspart copy - The copy button.
 * @csspart cta - The call-to-action link.
 * @csspart dismiss - The dismiss button.
 *
 * @cssprop --crm-font-family - Font.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Secondary text color.
 * @cssprop --crm-color-accent - Call to action, badge, focus ring.
 * @cssprop --crm-color-surface - Background.
 * @cssprop --crm-color-border - Border color.
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing unit.
 */
export class CrmOfferBanner extends LitElement {
  static override styles = [tokens, styles];

  static override properties = {
    placement: { reflect: true },
    dismissed: { state: true },
    copyStatus: { state: true },
  };

  /** Where on the site the banner sits. */
  declare placement: string;
  /** The offer shown was dismissed on this page. */
  declare dismissed: boolean;
  declare copyStatus: 'idle' | 'copied' | 'failed';

  readonly #locale = new LocaleController(this);
  readonly #kit = new KitController(this);
  #observer: IntersectionObserver | undefined;
  /** The exposure whose impression was reported on this page. */
  #seen: string | undefined;

  readonly #decision = new Task(this, {
    task: async ([kit, placement, locale], { signal }) => {
      if (!kit || !placement) return initialState;
      const offer = await decideOffer(kit, placement, locale, signal);
      return offer && !isDismissed(offer.offerId) ? offer : null;
    },
    args: () => [this.#kit.kit, this.placement, this.#locale.value, this.#kit.visitor] as const,
    onComplete: () => {
      this.dismissed = false;
      this.#kit.emit('crm-load', {});
    },
    onError: (error) => {
      this.#kit.emit('crm-error', { code: (error as Partial<KitError> | undefined)?.code ?? 'unknown' });
    },
  });

  constructor() {
    super();
    this.placement = '';
    this.dismissed = false;
    this.copyStatus = 'idle';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#watchVisibility();
  }

  protected override render(): TemplateResult | typeof nothing {
    const { status, value } = this.#decision;
    if (status === TaskStatus.INITIAL || status === TaskStatus.PENDING) return nothing;
    const offer = status === TaskStatus.COMPLETE && !this.dismissed ? value : null;
    if (!offer) return html`<slot></slot>`;
    return this.#offer(offer, messages[this.#locale.value]);
  }

  #offer(offer: DecidedOffer, t: BannerMessages): TemplateResult {
    const image = safeUrl(offer.imageUrl);
    const cta = safeUrl(offer.ctaUrl);
    return html`<section part="base" class="base" role="region" aria-labelledby="title">
      ${image ? html`<img part="image" src=${image} alt="" />` : nothing}
      <div class="content">
        <h2 id="title" part="title">
          ${offer.title}${
            offer.discountPercent
              ? html`<span part="badge">${t.percentOff(offer.discountPercent)}</span>`
              : nothing
          }
        </h2>
        ${offer.body ? html`<p part="body">${offer.body}</p>` : nothing}
        <div class="actions">
          ${cta && offer.ctaLabel ? html`<a part="cta" href=${cta} @click=${this.#onClick}>${offer.ctaLabel}</a>` : nothing}
          ${offer.discountCode ? this.#code(offer.discountCode, t) : nothing}
        </div>
      </div>
      <button
        part="dismiss"
        type="button"
        aria-label=${t.dismiss}
        title=${t.dismiss}
        @click=${this.#onDismiss}
      >
        ✕
      </button>
    </section>`;
  }

  #code(code: string, t: BannerMessages): TemplateResult {
    return html`<span part="code">
        <span class="status">${t.code}</span>
        <code>${code}</code>
        <button part="copy" type="button" @click=${() => void this.#copy(code)}>${t.copy}</button>
      </span>
      <span class="status" role="status"
        >${this.copyStatus === 'copied' ? t.copied : this.copyStatus === 'failed' ? t.copyFailed : ''}</span
      >`;
  }

  async #copy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.copyStatus = 'copied';
    } catch {
      this.copyStatus = 'failed';
    }
  }

  #shown(): DecidedOffer | null {
    return this.#decision.status === TaskStatus.COMPLETE && !this.dismissed
      ? (this.#decision.value ?? null)
      : null;
  }

  #report(offer: DecidedOffer, type: BannerEvent): void {
    const kit = this.#kit.kit;
    // A lost report loses one count; the visitor's page must not hear about it.
    if (kit) reportOfferEvent(kit, offer.exposureId, type).catch(() => undefined);
  }

  readonly #onClick = (): void => {
    const offer = this.#shown();
    if (!offer) return;
    this.#report(offer, 'click');
    this.#kit.emit('crm-offer-click', { offerId: offer.offerId });
  };

  readonly #onDismiss = (): void => {
    const offer = this.#shown();
    if (!offer) return;
    this.#report(offer, 'dismiss');
    rememberDismissal(offer.offerId);
    this.dismissed = true;
    this.#kit.emit('crm-offer-dismiss', { offerId: offer.offerId });
  };

  /** Observes the rendered offer until it has been seen once on this page. */
  #watchVisibility(): void {
    const offer = this.#shown();
    const base = this.renderRoot.querySelector('[part="base"]');
    if (!offer || !base || this.#seen === offer.exposureId) {
      if (!offer) this.#observer?.disconnect();
      return;
    }
    this.#observer?.disconnect();
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO))
          return;
        this.#observer?.disconnect();
        if (this.#seen === offer.exposureId || document.visibilityState !== 'visible') return;
        this.#seen = offer.exposureId;
        this.#report(offer, 'impression');
      },
      { threshold: VISIBLE_RATIO },
    );
    this.#observer.observe(base);
  }
}
