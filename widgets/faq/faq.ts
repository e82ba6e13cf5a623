import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { HelpArticleSummary, HelpCategoryView, HelpSegment } from '../../worker/contract/help.ts';
import { KitController } from '../core/kit-controller.ts';
import type { KitError } from '../core/kit.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { tokens } from '../core/tokens.ts';
import {
  fetchArticle,
  fetchArticles,
  fetchCategories,
  logEscalation,
  logSearch,
  logView,
  searchHelp,
  voteHelpful,
  type FaqArticle,
} from './api.ts';
import { docToNodes } from './doc.ts';
import { styles } from './faq.styles.ts';
import { messages, type FaqMessages } from './messages.ts';

/** Where the widget is; kept in `history.state` so the browser's back button walks it. */
type View =
  | { kind: 'home' }
  | { kind: 'category'; id: string; name: string }
  | { kind: 'article'; slug: string }
  | { kind: 'ticket' };

/** Key of the widget's entry in `history.state`. */
const STATE_KEY = 'crmFaq';
/** Hash of an article's deep link: `#help/<slug>`. */
const HASH = /^#help\/([a-z0-9][a-z0-9-]*)$/;
/** Typing pause before a search request. */
const DEBOUNCE_MS = 200;
/** A query is logged as settled after this pause (or when a result is opened). */
const SETTLE_MS = 1500;
/** How long to wait for the ticket form's chunk to define it. */
const TICKET_FORM_WAIT_MS = 3000;
const TICKET_FORM = 'crm-ticket-form';

const isView = (value: unknown): value is View =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

/**
 * A self-service help center: search as you type in the visitor's language (Chinese in either
 * script), browse by topic, read an article, say whether it helped, and, when nothing did,
 * ask for help with what was searched and read already filled in.
 *
 * Results are a keyboard-navigable list (arrow keys, Enter to open, Escape to clear); counts
 * are announced. Opening an article pushes a browser history entry (`#help/<slug>`), so the
 * back button returns to the results. Articles are rendered from an allowlisted tree with
 * `createElement` only: no HTML parsing, no Trusted Types policy needed.
 *
 * "Still need help?" shows `<crm-ticket-form subject body>` (prefilled) when that element is
 * available on the page, else follows `help-url` with `subject` and `body` query parameters.
 *
 * @tag crm-faq
 *
 * @attr lang - Language of the texts and of the articles (`en`, `zh-CN`, `zh-TW`; `zh-Hant`,
 *   `zh-HK` → `zh-TW`). Defaults to the closest `[lang]` ancestor, then the browser's language.
 * @attr help-url - Contact page followed by "Still need help?" when the ticket form is absent.
 *
 * @event crm-faq-escalate - "Still need help?" was pressed. Detail: `{ query, articleIds }`.
 * @event crm-error - Something could not be loaded. Detail: `{ code }`.
 *
 * @slot ticket - Where the ticket form is shown (the widget puts it there itself).
 *
 * @csspart base - The help center (a labelled region).
 * @csspart search - The search field.
 * @csspart results - The result list; `option` parts are its entries.
 * @csspart option - One result or listed article.
 * @csspart categories - The topic buttons.
 * @csspart article - An open article; `body` is its text.
 * @csspart body - The article's rendered text.
 * @csspart back - The back button.
 * @csspart vote - The helpful yes/no buttons.
 * @csspart related - Related articles.
 * @csspart escalate - The "Still need help?" button.
 *
 * @cssprop --crm-font-family - Font.
 * @cssprop --crm-color-text - Text color.
 * @cssprop --crm-color-muted - Secondary text color.
 * @cssprop --crm-color-accent - Links, buttons and focus.
 * @cssprop --crm-color-surface - Background.
 * @cssprop --crm-color-border - Border color.
 * @cssprop --crm-color-highlight - Background of matched words (default a light yellow).
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing unit.
 */
export class CrmFaq extends LitElement {
  static override styles = [tokens, styles];
  static override properties = { helpUrl: { attribute: 'help-url' } };

  declare helpUrl: string | undefined;

  readonly #locale = new LocaleController(this);
  readonly #kit = new KitController(this);

  #view: View = { kind: 'home' };
  #query = '';
  #debounced = '';
  #active = -1;
  #debounceTimer: ReturnType<typeof setTimeout> | undefined;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #logged = new Set<string>();
  /** Articles opened in this widget, for the ticket. */
  readonly #seen = new Map<number, string>();
  #vote:
    { articleId: number; helpful: boolean | null; failed: boolean; counts?: [number, number] } | undefined;
  #escalation: 'idle' | 'unavailable' = 'idle';

  readonly #categories = new Task(this, {
    task: async ([kit, lang], { signal }) => (kit ? fetchCategories(kit, lang, signal) : initialState),
    args: () => [this.#kit.kit, this.#locale.value] as const,
    onError: (error) => {
      this.#emitError(error);
    },
  });

  readonly #search = new Task(this, {
    task: async ([kit, q, lang, category], { signal }) =>
      kit && q.trim() ? searchHelp(kit, q, lang, category, signal) : initialState,
    args: () =>
      [
        this.#kit.kit,
        this.#debounced,
        this.#locale.value,
        this.#view.kind === 'category' ? this.#view.id : undefined,
      ] as const,
    onComplete: () => {
      this.#active = -1;
    },
    onError: (error) => {
      this.#emitError(error);
    },
  });

  readonly #list = new Task(this, {
    task: async ([kit, category, lang], { signal }) =>
      kit && category ? fetchArticles(kit, lang, category, signal) : initialState,
    args: () =>
      [
        this.#kit.kit,
        this.#view.kind === 'category' ? this.#view.id : undefined,
        this.#locale.value,
      ] as const,
  });

  readonly #article = new Task(this, {
    task: async ([kit, slug, lang], { signal }) =>
      kit && slug ? fetchArticle(kit, slug, lang, signal) : initialState,
    args: () =>
      [
        this.#kit.kit,
        this.#view.kind === 'article' ? this.#view.slug : undefined,
        this.#locale.value,
      ] as const,
    onComplete: (article) => {
      this.#opened(article);
    },
    onError: (error) => {
      this.#emitError(error);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.#onPopState);
    const slug = HASH.exec(location.hash)?.[1];
    if (slug) this.#view = { kind: 'article', slug };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#debounceTimer);
    clearTimeout(this.#settleTimer);
  }

  readonly #onPopState = (event: PopStateEvent): void => {
    const state = (event.state as Record<string, unknown> | null)?.[STATE_KEY];
    // A link or a typed address to `#help/<slug>` has no state of ours: open what it names.
    const slug = HASH.exec(location.hash)?.[1];
    this.#show(isView(state) ? state : slug ? { kind: 'article', slug } : { kind: 'home' });
  };

  #emitError(error: unknown): void {
    this.#kit.emit('crm-error', { code: (error as Partial<KitError> | undefined)?.code ?? 'unknown' });
  }

  /** Shows a view without touching history (the back button, and the first render). */
  #show(view: View): void {
    this.#view = view;
    this.#vote = undefined;
    this.#escalation = 'idle';
    if (view.kind !== 'ticket') this.querySelector(`${TICKET_FORM}[slot="ticket"]`)?.remove();
    this.requestUpdate();
  }

  /** Goes to a view as a new history entry. */
  #go(view: View): void {
    this.#logQuery();
    // Where we are now becomes a history entry of its own the first time we leave it.
    const current = (history.state as Record<string, unknown> | null)?.[STATE_KEY];
    if (!isView(current)) history.replaceState({ ...(history.state as object), [STATE_KEY]: this.#view }, '');
    const url = view.kind === 'article' ? `#help/${view.slug}` : location.pathname + location.search;
    history.pushState({ [STATE_KEY]: view }, '', url);
    this.#show(view);
  }

  #onInput(event: Event): void {
    this.#query = (event.target as HTMLInputElement).value;
    clearTimeout(this.#debounceTimer);
    clearTimeout(this.#settleTimer);
    this.#debounceTimer = setTimeout(() => {
      this.#debounced = this.#query;
      this.requestUpdate();
    }, DEBOUNCE_MS);
    this.#settleTimer = setTimeout(() => {
      this.#logQuery();
    }, SETTLE_MS);
    this.requestUpdate();
  }

  /** Logs the current query once, as a search the visitor settled on. */
  #logQuery(): void {
    clearTimeout(this.#settleTimer);
    const q = this.#query.trim();
    const kit = this.#kit.kit;
    if (!q || !kit || this.#logged.has(q.toLowerCase())) return;
    this.#logged.add(q.toLowerCase());
    logSearch(kit, q, this.#locale.value).catch(() => undefined);
  }

  #onKeyDown(event: KeyboardEvent, results: HelpArticleSummary[]): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#active = (this.#active + step + results.length) % results.length;
      this.requestUpdate();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = results[this.#active];
      if (chosen) this.#go({ kind: 'article', slug: chosen.slug });
      else this.#logQuery();
    } else if (event.key === 'Escape') {
      if (!this.#query) return;
      event.preventDefault();
      this.#query = '';
      this.#debounced = '';
      this.#active = -1;
      this.requestUpdate();
    }
  }

  #opened(article: FaqArticle): void {
    this.#seen.set(article.id, article.title);
    this.#vote = { articleId: article.id, helpful: article.myVote, failed: false };
    const kit = this.#kit.kit;
    if (kit) logView(kit, article.id).catch(() => undefined);
    // The task reports completion before the host renders the article: render, then focus.
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('#article-title')?.focus();
    });
  }

  /** Votes go one after another, so the server keeps the visitor's last answer, not the last to arrive. */
  #voting: Promise<void> = Promise.resolve();

  #castVote(article: FaqArticle, helpful: boolean): Promise<void> {
    const kit = this.#kit.kit;
    if (!kit) return Promise.resolve();
    this.#vote = { articleId: article.id, helpful, failed: false };
    this.requestUpdate();
    this.#voting = this.#voting.then(async () => {
      try {
        const answer = await voteHelpful(kit, article.id, helpful);
        // A later click has already changed the shown answer: its own request will report.
        if (this.#vote?.articleId !== article.id || this.#vote.helpful !== helpful) return;
        this.#vote = {
          articleId: article.id,
          helpful,
          failed: false,
          counts: [answer.helpfulYes, answer.helpfulNo],
        };
      } catch {
        this.#vote = { articleId: article.id, helpful: null, failed: true };
      }
      this.requestUpdate();
    });
    return this.#voting;
  }

  async #escalate(): Promise<void> {
    const t = messages[this.#locale.value];
    const query = this.#query.trim() || this.#debounced.trim();
    const articleIds = [...this.#seen.keys()];
    const article = this.#article.value;
    const title = this.#view.kind === 'article' ? article?.title : undefined;
    this.#kit.emit('crm-faq-escalate', { query, articleIds });
    const kit = this.#kit.kit;
    if (kit) logEscalation(kit, query, articleIds).catch(() => undefined);
    const subject = t.ticketSubject(query, title);
    const body = t.ticketBody(query, [...this.#seen.values()]);
    const form = document.createElement(TICKET_FORM);
    form.setAttribute('subject', subject);
    form.setAttribute('body', body);
    form.slot = 'ticket';
    if (customElements.get(TICKET_FORM) || !this.#safeHelpUrl()) {
      // Shown in the light DOM, where the kit's loader sees the tag and loads its chunk.
      this.querySelector(`${TICKET_FORM}[slot="ticket"]`)?.remove();
      this.appendChild(form);
      this.#go({ kind: 'ticket' });
      const defined = await Promise.race([
        customElements.whenDefined(TICKET_FORM).then(() => true),
        new Promise<boolean>((resolve) => {
          setTimeout(() => {
            resolve(false);
          }, TICKET_FORM_WAIT_MS);
        }),
      ]);
      if (!defined) {
        form.remove();
        this.#escalation = 'unavailable';
        this.requestUpdate();
      }
      return;
    }
    const url = new URL(this.#safeHelpUrl() ?? '', location.href);
    url.searchParams.set('subject', subject);
    url.searchParams.set('body', body);
    location.assign(url.href);
  }

  /** The configured contact page, if it is an http(s) address. */
  #safeHelpUrl(): string | undefined {
    if (!this.helpUrl) return undefined;
    try {
      const url = new URL(this.helpUrl, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  protected override render(): TemplateResult {
    const t = messages[this.#locale.value];
    const view = this.#view;
    return html`<section part="base" class="base" role="region" aria-labelledby="heading">
      <h2 id="heading" class=${view.kind === 'home' ? '' : 'visually-hidden'}>${t.heading}</h2>
      ${
        view.kind === 'article'
          ? this.#articleView(t)
          : view.kind === 'ticket'
            ? this.#ticketView(t)
            : this.#searchView(t, view)
      }
    </section>`;
  }

  #backButton(t: FaqMessages): TemplateResult {
    return html`<button
      part="back"
      type="button"
      class="link back"
      @click=${() => {
        history.back();
      }}
    >
      ← ${t.back}
    </button>`;
  }

  #searchView(t: FaqMessages, view: Extract<View, { kind: 'home' | 'category' }>): TemplateResult {
    const searching = this.#debounced.trim() !== '';
    const results =
      searching && this.#search.status === TaskStatus.COMPLETE ? (this.#search.value?.results ?? []) : [];
    const expanded = searching && results.length > 0;
    return html`${
        view.kind === 'category'
          ? html`${this.#backButton(t)}
              <h3 class="category-title">${view.name}</h3>`
          : nothing
      }
      <div class="search" role="search">
        <label for="q" class="visually-hidden">${t.searchLabel}</label>
        <input
          id="q"
          part="search"
          type="search"
          autocomplete="off"
          spellcheck="false"
          role="combobox"
          aria-autocomplete="list"
          aria-controls="results"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-activedescendant=${this.#active >= 0 && expanded ? `result-${this.#active}` : ''}
          placeholder=${t.searchPlaceholder}
          .value=${this.#query}
          @input=${this.#onInput}
          @keydown=${(event: KeyboardEvent) => {
            this.#onKeyDown(event, results);
          }}
        />
      </div>
      <p role="status" class="muted status" aria-live="polite">${this.#statusText(t, searching, results)}</p>
      ${
        searching
          ? this.#resultList(results, t, 'results')
          : view.kind === 'category'
            ? this.#categoryList(t)
            : this.#categoryButtons(t)
      }
      ${this.#escalateBlock(t)}`;
  }

  #statusText(t: FaqMessages, searching: boolean, results: HelpArticleSummary[]): string {
    if (!searching) return '';
    if (this.#search.status === TaskStatus.PENDING) return t.searching;
    if (this.#search.status === TaskStatus.ERROR) return t.error;
    if (this.#search.status !== TaskStatus.COMPLETE) return '';
    const corrected = this.#search.value?.corrected;
    if (results.length === 0) return t.noResults(this.#debounced.trim());
    return corrected ? `${t.results(results.length)} ${t.didYouMean(corrected)}` : t.results(results.length);
  }

  #resultList(results: HelpArticleSummary[], t: FaqMessages, id: string): TemplateResult {
    const listbox = id === 'results';
    return html`<ul
      id=${id}
      part="results"
      class="results"
      role=${listbox ? 'listbox' : 'list'}
      aria-label=${t.searchLabel}
    >
      ${results.map(
        (result, i) =>
          html`<li
            id=${listbox ? `result-${i}` : nothing}
            part="option"
            class=${listbox && i === this.#active ? 'option active' : 'option'}
            role=${listbox ? 'option' : 'listitem'}
            aria-selected=${listbox ? (i === this.#active ? 'true' : 'false') : nothing}
            @click=${() => {
              this.#go({ kind: 'article', slug: result.slug });
            }}
          >
            ${
              listbox
                ? html`<span class="title">${segments(result.title)}</span>`
                : html`<a
                    class="title"
                    href=${`#help/${result.slug}`}
                    @click=${(event: Event) => {
                      event.preventDefault();
                    }}
                    >${segments(result.title)}</a
                  >`
            }
            <span class="snippet">${segments(result.snippet)}</span>
          </li>`,
      )}
    </ul>`;
  }

  #categoryButtons(t: FaqMessages): TemplateResult {
    const categories: HelpCategoryView[] = this.#categories.value ?? [];
    if (this.#categories.status === TaskStatus.ERROR)
      return this.#error(t, () => void this.#categories.run());
    return html`<nav part="categories" class="categories" aria-label=${t.categories}>
      <h3>${t.categories}</h3>
      <ul>
        ${categories
          .filter((c) => c.articles > 0)
          .map(
            (c) =>
              html`<li>
                <button
                  type="button"
                  class="category"
                  @click=${() => {
                    this.#go({ kind: 'category', id: c.id, name: c.name });
                  }}
                >
                  <span>${c.name}</span> <span class="muted">${t.articles(c.articles)}</span>
                </button>
              </li>`,
          )}
      </ul>
    </nav>`;
  }

  #categoryList(t: FaqMessages): TemplateResult {
    if (this.#list.status === TaskStatus.ERROR) return this.#error(t, () => void this.#list.run());
    if (this.#list.status !== TaskStatus.COMPLETE) return html`<p class="muted">${t.loading}</p>`;
    return this.#resultList(this.#list.value ?? [], t, 'list');
  }

  #articleView(t: FaqMessages): TemplateResult {
    const { status, value: article } = this.#article;
    if (status === TaskStatus.ERROR)
      return html`${this.#backButton(t)}${this.#error(t, () => void this.#article.run())}`;
    if (status !== TaskStatus.COMPLETE || !article) {
      return html`${this.#backButton(t)}
        <p role="status" class="muted">${t.loading}</p>`;
    }
    const vote = this.#vote?.articleId === article.id ? this.#vote : undefined;
    return html`${this.#backButton(t)}
      <article part="article" class="article" lang=${article.locale}>
        ${article.category ? html`<p class="muted crumb">${article.category.name}</p>` : nothing}
        <h3 id="article-title" tabindex="-1">${article.title}</h3>
        <div part="body" class="body">${docToNodes(article.doc, document)}</div>
      </article>
      <div part="vote" class="vote" role="group" aria-labelledby="vote-question">
        <span id="vote-question">${t.helpfulQuestion}</span>
        <button
          type="button"
          aria-pressed=${vote?.helpful === true ? 'true' : 'false'}
          @click=${() => void this.#castVote(article, true)}
        >
          ${t.yes}
        </button>
        <button
          type="button"
          aria-pressed=${vote?.helpful === false ? 'true' : 'false'}
          @click=${() => void this.#castVote(article, false)}
        >
          ${t.no}
        </button>
        <span role="status" class=${vote?.failed ? 'error' : 'muted'}>
          ${vote?.failed ? t.voteFailed : vote?.counts ? t.thanks : ''}
        </span>
      </div>
      ${
        article.related.length > 0
          ? html`<nav part="related" class="related" aria-labelledby="related-heading">
              <h4 id="related-heading">${t.related}</h4>
              <ul>
                ${article.related.map(
                  (r) =>
                    html`<li>
                      <a
                        href=${`#help/${r.slug}`}
                        @click=${(event: Event) => {
                          event.preventDefault();
                          this.#go({ kind: 'article', slug: r.slug });
                        }}
                        >${r.title}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
          : nothing
      }
      ${this.#escalateBlock(t)}`;
  }

  #escalateBlock(t: FaqMessages): TemplateResult {
    return html`<div class="escalate">
      <span>${t.stillNeedHelp}</span>
      <button part="escalate" type="button" @click=${() => void this.#escalate()}>${t.contactUs}</button>
    </div>`;
  }

  #ticketView(t: FaqMessages): TemplateResult {
    return html`${this.#backButton(t)}
      <slot name="ticket"></slot>
      ${this.#escalation === 'unavailable' ? html`<p role="alert">${t.escalationUnavailable}</p>` : nothing}`;
  }

  #error(t: FaqMessages, retry: () => void): TemplateResult {
    return html`<div role="alert" class="error">
      <p>${t.error}</p>
      <button type="button" @click=${retry}>${t.retry}</button>
    </div>`;
  }
}

/** Marked words as `<mark>`, the rest as text. */
function segments(parts: HelpSegment[]): TemplateResult[] {
  return parts.map((part) => (part.mark ? html`<mark>${part.text}</mark>` : html`${part.text}`));
}

declare module '../core/events.ts' {
  interface CrmEventMap {
    /** Widget event of `<crm-faq>`: "Still need help?" with what the visitor searched and read. */
    'crm-faq-escalate': { query: string; articleIds: number[] };
  }
}
