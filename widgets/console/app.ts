import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { ConsoleMe, SetupStatus } from '../../worker/contract/console.ts';
import { CONSOLE_PATH } from '../../worker/contract/constants.ts';
import type { Locale } from '../core/i18n.ts';
import { tokens } from '../core/tokens.ts';
import { allows, type Access } from './access.ts';
import { API_BASE, ConsoleApi, ConsoleApiError } from './api.ts';
import { appStyles } from './app.styles.ts';
import type { ConsoleContext } from './context.ts';
import { Format } from './format.ts';
import { LANGUAGES, storedLocale, storeLocale } from './locale.ts';
import { messages, type ShellMessages } from './messages.ts';
import type { ConsolePage } from './page.ts';
import { consoleUrl, match, siteUrl, type PageName } from './routes.ts';
import { consoleStyles } from './styles.ts';

/** What the main area shows besides a page. */
type Screen = 'booting' | 'loading' | 'page' | 'not-found' | 'not-allowed' | 'nothing' | 'failed';

/** The site pages in the navigation, in order, with who sees them. */
const SITE_NAV: readonly { name: PageName; section: string[]; access: Access }[] = [
  { name: 'home', section: [], access: 'reports' },
  { name: 'customers', section: ['customers'], access: 'customers' },
  { name: 'activity', section: ['activity'], access: 'customers' },
  { name: 'tickets', section: ['tickets'], access: 'tickets' },
  { name: 'serviceSites', section: ['service-sites'], access: 'tickets' },
  { name: 'serviceReports', section: ['service-reports'], access: 'serviceReports' },
  { name: 'help', section: ['help'], access: 'help' },
  { name: 'custom-orders', section: ['custom-orders'], access: 'configurator' },
  { name: 'products', section: ['products'], access: 'configurator' },
  { name: 'scoring', section: ['scoring'], access: 'reports' },
  { name: 'offers', section: ['offers'], access: 'offers' },
  { name: 'settings', section: ['settings'], access: 'settings' },
];

/** Pages reached from a list, and the navigation entry they belong under. */
const NAV_PARENT: Partial<Record<PageName, PageName>> = {
  customer: 'customers',
  ticket: 'tickets',
  'help-article': 'help',
  'custom-order': 'custom-orders',
  offer: 'offers',
};

/**
 * The staff console: signs staff in, routes real URLs under `/console` to lazily loaded
 * pages (history API; back and forward work; links are ordinary `<a href>`), and frames them
 * with a header, the navigation their role allows and a skip link. The language (English,
 * 简体中文, 繁體中文) is switchable and remembered in this browser.
 *
 * @tag crm-console
 *
 * @csspart header - The top bar: product name, site, language, account.
 * @csspart nav - The navigation landmark.
 * @csspart main - The main landmark holding the page.
 *
 * @cssprop --crm-font-family, --crm-color-text, --crm-color-muted, --crm-color-accent,
 *   --crm-color-surface, --crm-color-border, --crm-radius, --crm-space - The kit's tokens.
 * @cssprop --crm-color-danger, --crm-color-success, --crm-color-canvas - The console's own.
 */
export class CrmConsole extends LitElement {
  static override styles = [tokens, consoleStyles, appStyles];

  readonly #api = new ConsoleApi(() => {
    this.#signedOut();
  });
  #locale: Locale = storedLocale();
  #format = new Format(this.#locale);
  #me: ConsoleMe | null = null;
  #screen: Screen = 'booting';
  #page: ConsolePage<unknown> | null = null;
  #pageName: PageName | null = null;
  #params: Record<string, string> = {};
  #announcement = '';
  /** Navigations are numbered so that a slow chunk never overwrites a later page. */
  #navigation = 0;

  get #t(): ShellMessages {
    return messages[this.#locale];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#applyLocale();
    addEventListener('popstate', this.#onPopState);
    this.addEventListener('click', this.#onClick);
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.#onPopState);
    this.removeEventListener('click', this.#onClick);
  }

  /** Goes to a console URL; the back button returns. */
  navigate(url: string, { replace = false, focus = true } = {}): void {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    void this.#show(focus);
  }

  async #boot(): Promise<void> {
    try {
      this.#me = await this.#api.get<ConsoleMe>('/me');
    } catch (error) {
      if (!(error instanceof ConsoleApiError && error.status === 401)) {
        this.#screen = 'failed';
        this.requestUpdate();
        return;
      }
      const name = match(new URL(location.href))?.route.name;
      if (name !== 'setup' && name !== 'invite') {
        const setup = await this.#api.get<SetupStatus>('/setup').catch(() => ({ needed: false }));
        if (setup.needed) history.replaceState(null, '', consoleUrl('setup'));
      }
    }
    await this.#show(false);
  }

  readonly #onPopState = (): void => {
    void this.#show(true);
  };

  /** Follows same-origin links to console pages without reloading, from any shadow root. */
  readonly #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href);
    const inConsole = url.pathname === CONSOLE_PATH || url.pathname.startsWith(`${CONSOLE_PATH}/`);
    if (url.origin !== location.origin || !inConsole || url.pathname.startsWith(API_BASE)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  };

  /** The page a signed-in member starts on: the first their role may open. */
  #startUrl(): string | null {
    const me = this.#me;
    if (!me) return consoleUrl('sign-in');
    const site = me.sites[0];
    const first = site ? SITE_NAV.find((item) => allows(me.member.role, item.access)) : undefined;
    if (site && first) return siteUrl(site.id, ...first.section);
    if (allows(me.member.role, 'staff')) return consoleUrl('staff');
    return null;
  }

  /** Shows what the current URL names. */
  async #show(focus: boolean): Promise<void> {
    const navigation = ++this.#navigation;
    const url = new URL(location.href);
    const found = match(url);
    const me = this.#me;
    const isRoot = url.pathname === CONSOLE_PATH || url.pathname === `${CONSOLE_PATH}/`;
    if (isRoot || (found?.route.name === 'sign-in' && me)) {
      const start = this.#startUrl();
      if (start) {
        history.replaceState(null, '', found?.query.get('next') ?? start);
        if (navigation === this.#navigation) await this.#show(focus);
        return;
      }
      this.#setScreen('nothing');
      return;
    }
    if (!found) {
      this.#setScreen('not-found');
      return;
    }
    const { route, params, query } = found;
    if (route.access && !me) {
      const next = url.pathname + url.search;
      history.replaceState(null, '', `${consoleUrl('sign-in')}?next=${encodeURIComponent(next)}`);
      await this.#show(focus);
      return;
    }
    if (route.access && me && !allows(me.member.role, route.access)) {
      this.#setScreen('not-allowed');
      return;
    }
    this.#screen = this.#page ? this.#screen : 'loading';
    this.requestUpdate();
    try {
      await route.load();
    } catch {
      if (navigation === this.#navigation) this.#setScreen('failed');
      return;
    }
    if (navigation !== this.#navigation) return;
    const page: ConsolePage<unknown> =
      this.#pageName === route.name && this.#page ? this.#page : this.#createPage(route.tag);
    this.#page = page;
    this.#pageName = route.name;
    this.#params = params;
    page.ctx = this.#context(params, query);
    this.#screen = 'page';
    this.requestUpdate();
    await this.updateComplete;
    await page.updateComplete;
    this.#afterShow(focus);
  }

  #createPage(tag: string): ConsolePage<unknown> {
    // Every route's tag names a page class, which its chunk (loaded above) has defined.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    return document.createElement(tag) as ConsolePage<unknown>;
  }

  #setScreen(screen: Screen): void {
    this.#screen = screen;
    this.#page = null;
    this.#pageName = null;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.#afterShow(true);
    });
  }

  /** Titles the document after the page's heading, announces it, moves focus to it. */
  #afterShow(focus: boolean): void {
    const heading =
      this.#page?.shadowRoot?.querySelector('h1')?.textContent ??
      this.renderRoot.querySelector('main h1')?.textContent ??
      '';
    document.title = heading ? `${heading.trim()} · ${this.#t.product}` : this.#t.product;
    this.#announcement = heading.trim();
    this.requestUpdate();
    if (focus) {
      scrollTo(0, 0);
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    }
  }

  #context(params: Record<string, string>, query: URLSearchParams): ConsoleContext {
    return {
      api: this.#api,
      locale: this.#locale,
      format: this.#format,
      me: this.#me,
      params,
      query,
      navigate: (url, options) => {
        this.navigate(url, options);
      },
      reloadMe: async () => {
        this.#me = await this.#api.get<ConsoleMe>('/me');
        if (this.#page) this.#page.ctx = { ...this.#page.ctx, me: this.#me };
        this.requestUpdate();
      },
      signedIn: (me) => {
        this.#me = me;
        this.navigate(new URL(location.href).searchParams.get('next') ?? this.#startUrl() ?? CONSOLE_PATH, {
          replace: true,
        });
      },
    };
  }

  /** The session ended (signed out, expired): back to sign-in, returning here after. */
  #signedOut(): void {
    if (!this.#me) return;
    this.#me = null;
    const here = location.pathname + location.search;
    this.navigate(`${consoleUrl('sign-in')}?next=${encodeURIComponent(here)}`, { replace: true });
  }

  async #signOut(everywhere: boolean): Promise<void> {
    try {
      await this.#api.post(everywhere ? '/sign-out/everywhere' : '/sign-out');
    } catch {
      // Signed out already, or the server is unreachable: the page forgets the member either way.
    }
    this.#me = null;
    this.navigate(consoleUrl('sign-in'), { replace: true });
  }

  #applyLocale(): void {
    this.lang = this.#locale;
    document.documentElement.lang = this.#locale;
  }

  readonly #onLanguage = (event: Event): void => {
    this.#locale = (event.target as HTMLSelectElement).value as Locale;
    this.#format = new Format(this.#locale);
    storeLocale(this.#locale);
    this.#applyLocale();
    if (this.#page) this.#page.ctx = { ...this.#page.ctx, locale: this.#locale, format: this.#format };
    this.requestUpdate();
    void this.updateComplete.then(async () => {
      await this.#page?.updateComplete;
      this.#afterShow(false);
    });
  };

  readonly #onSite = (event: Event): void => {
    const siteId = (event.target as HTMLSelectElement).value;
    const section = SITE_NAV.find((item) => item.name === this.#pageName)?.section ?? [];
    this.navigate(siteUrl(siteId, ...section));
  };

  readonly #skip = (event: Event): void => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };

  protected override render(): TemplateResult {
    const t = this.#t;
    const me = this.#me;
    return html`<a class="skip" href="#main" @click=${this.#skip}>${t.skip}</a>
      <header part="header" class="header">
        <span class="brand">${t.product}</span>
        ${me && me.sites.length > 0 && this.#params.siteId ? this.#sitePicker(me, t) : nothing}
        <span class="spacer"></span>
        <label class="inline"
          >${t.language}
          <select @change=${this.#onLanguage}>
            ${LANGUAGES.map(
              ({ locale, label }) =>
                html`<option value=${locale} lang=${locale} ?selected=${locale === this.#locale}>
                  ${label}
                </option>`,
            )}
          </select></label
        >
        ${me ? this.#account(me, t) : nothing}
      </header>
      <div class=${me ? 'layout' : 'layout public'}>
        ${me ? this.#nav(me, t) : nothing}
        <main id="main" part="main" tabindex="-1">${this.#main(t)}</main>
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.#announcement}</div>`;
  }

  #sitePicker(me: ConsoleMe, t: ShellMessages): TemplateResult {
    return html`<label class="inline"
      >${t.site}
      <select @change=${this.#onSite}>
        ${me.sites.map(
          (site) =>
            html`<option value=${site.id} ?selected=${site.id === this.#params.siteId}>${site.name}</option>`,
        )}
      </select></label
    >`;
  }

  #account(me: ConsoleMe, t: ShellMessages): TemplateResult {
    return html`<span class="who">${me.member.name} · ${t.roles[me.member.role]}</span>
      <button
        type="button"
        class="secondary"
        @click=${() => {
          void this.#signOut(false);
        }}
      >
        ${t.signOut}
      </button>
      <button
        type="button"
        class="secondary"
        @click=${() => {
          void this.#signOut(true);
        }}
      >
        ${t.signOutEverywhere}
      </button>`;
  }

  #nav(me: ConsoleMe, t: ShellMessages): TemplateResult {
    const role = me.member.role;
    const siteId = this.#params.siteId ?? me.sites[0]?.id;
    const items: { name: PageName; href: string; label: string }[] = [];
    if (siteId) {
      for (const item of SITE_NAV) {
        if (allows(role, item.access))
          items.push({
            name: item.name,
            href: siteUrl(siteId, ...item.section),
            label: t[item.name as 'home'],
          });
      }
    }
    if (allows(role, 'staff')) {
      items.push({ name: 'staff', href: consoleUrl('staff'), label: t.staff });
      items.push({ name: 'audit', href: consoleUrl('audit'), label: t.audit });
    }
    const page = this.#pageName;
    const current = page ? (NAV_PARENT[page] ?? page) : page;
    return html`<nav part="nav" aria-label=${t.nav}>
      <ul>
        ${items.map(
          (item) =>
            html`<li>
              <a href=${item.href} aria-current=${item.name === current ? 'page' : nothing}>${item.label}</a>
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #main(t: ShellMessages): TemplateResult | ConsolePage<unknown> {
    switch (this.#screen) {
      case 'page':
        return this.#page ?? html``;
      case 'booting':
      case 'loading':
        return html`<p role="status">${t.loading}</p>`;
      case 'not-found':
        return html`<h1>${t.notFound}</h1>`;
      case 'not-allowed':
        return html`<h1>${t.notAllowed}</h1>`;
      case 'nothing':
        return html`<h1>${this.#me?.sites.length ? t.nothingYet : t.noSite}</h1>`;
      case 'failed':
        return html`<h1>${t.loadFailed}</h1>
          <button
            type="button"
            @click=${() => {
              location.reload();
            }}
          >
            ${t.retry}
          </button>`;
    }
  }
}
