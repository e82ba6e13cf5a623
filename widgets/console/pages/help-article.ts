import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import { HELP_LOCALES, type HelpLocale } from '../../../worker/contract/constants.ts';
import type {
  HelpConsoleArticleDetail,
  HelpConsoleCategory,
  HelpArticleInput,
} from '../../../worker/contract/help.ts';
import type { HelpDocNode } from '../../../worker/contract/shared/help-doc.ts';
import { docToNodes } from '../../faq/doc.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type HelpMessages } from './help.messages.ts';

/** Pause in typing before the preview is rendered again. */
const PREVIEW_DEBOUNCE_MS = 300;

const EMPTY: HelpArticleInput = { slug: '', locale: 'en', title: '', body: '', tags: [], categoryId: null };

/**
 * One help article: Markdown with a preview rendered by the server's own renderer and
 * allowlist (what visitors will see), saved as a new revision each time; publish, unpublish
 * and restore an earlier revision.
 */
export class CrmConsoleHelpArticle extends ConsolePage<HelpMessages> {
  static override styles = [
    ...ConsolePage.styles,
    css`
      .editor {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr));
        gap: var(--_crm-space);
        align-items: start;
      }
      form {
        display: grid;
        gap: 10px;
      }
      textarea {
        min-height: 18rem;
        font-family: ui-monospace, monospace;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
      }
      .preview :is(p, ul, ol, pre, blockquote) {
        margin-block: 0 0.75em;
      }
      .preview img {
        max-width: 100%;
      }
      .badge {
        font-size: 0.8rem;
        padding: 2px 8px;
        border: 1px solid var(--_crm-color-border);
        border-radius: 999px;
      }
    `,
  ];
  protected readonly messages = messages;

  #draft: HelpArticleInput = EMPTY;
  #loadedFor: number | undefined;
  #preview: HelpDocNode[] = [];
  #previewTimer: ReturnType<typeof setTimeout> | undefined;
  #error: unknown = undefined;
  #notice = '';
  #busy = false;

  get #base(): string {
    return `/sites/${encodeURIComponent(this.siteId)}/help`;
  }

  get #id(): number | undefined {
    const id = Number(this.ctx.params.id);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  readonly #article = new Task(this, {
    task: async ([api, base, id], { signal }) =>
      id === undefined ? null : api.get<HelpConsoleArticleDetail>(`${base}/articles/${id}`, signal),
    args: () => [this.ctx.api, this.#base, this.#id] as const,
    onComplete: (article) => {
      if (article && this.#loadedFor !== article.id) this.#load(article);
      else if (!article && this.#loadedFor !== 0) this.#load(null);
    },
  });

  readonly #categories = new Task(this, {
    task: ([api, base], { signal }) =>
      api.get<{ categories: HelpConsoleCategory[] }>(`${base}/categories`, signal),
    args: () => [this.ctx.api, this.#base] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#previewTimer);
  }

  #load(article: HelpConsoleArticleDetail | null): void {
    this.#loadedFor = article?.id ?? 0;
    this.#draft = article
      ? {
          slug: article.slug,
          locale: article.locale,
          title: article.title,
          body: article.body,
          tags: article.tags,
          categoryId: article.categoryId,
        }
      : EMPTY;
    void this.#renderPreview();
  }

  async #renderPreview(): Promise<void> {
    try {
      const { doc } = await this.ctx.api.post<{ doc: HelpDocNode[] }>(`${this.#base}/preview`, {
        body: this.#draft.body,
      });
      this.#preview = doc;
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
  }

  #field(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const value = target.value;
    const name = target.name as keyof HelpArticleInput;
    if (name === 'tags') {
      this.#draft = {
        ...this.#draft,
        tags: value
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      };
    } else if (name === 'categoryId') {
      this.#draft = { ...this.#draft, categoryId: value || null };
    } else if (name === 'locale') {
      this.#draft = { ...this.#draft, locale: value as HelpLocale };
    } else if (name === 'slug' || name === 'title') {
      this.#draft = { ...this.#draft, [name]: value };
    } else {
      this.#draft = { ...this.#draft, body: value };
      clearTimeout(this.#previewTimer);
      this.#previewTimer = setTimeout(() => void this.#renderPreview(), PREVIEW_DEBOUNCE_MS);
    }
  }

  async #act(action: () => Promise<HelpConsoleArticleDetail>): Promise<void> {
    this.#busy = true;
    this.#error = undefined;
    this.#notice = '';
    this.requestUpdate();
    try {
      const article = await action();
      this.#notice = this.t.saved;
      if (this.#id !== article.id) {
        this.ctx.navigate(siteUrl(this.siteId, 'help', String(article.id)), { replace: true });
      } else {
        this.#load(article);
        void this.#article.run();
      }
    } catch (error) {
      this.#error = error;
    }
    this.#busy = false;
    this.requestUpdate();
  }

  #save(event: SubmitEvent): void {
    event.preventDefault();
    const id = this.#id;
    void this.#act(() =>
      id === undefined
        ? this.ctx.api.post<HelpConsoleArticleDetail>(`${this.#base}/articles`, this.#draft)
        : this.ctx.api.patch<HelpConsoleArticleDetail>(`${this.#base}/articles/${id}`, this.#draft),
    );
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<p><a href=${siteUrl(this.siteId, 'help')}>← ${t.back}</a></p>
      <h1>${this.#id === undefined ? t.newArticle : t.editArticle}</h1>
      ${alertFor(this.#error, this.ctx.locale)}
      ${this.#notice ? html`<p role="status" class="success">${this.#notice}</p>` : html`<p role="status"></p>`}
      ${renderTask(this.#article, this.ctx.locale, (article) => this.#editor(t, article))}`;
  }

  #editor(t: HelpMessages, article: HelpConsoleArticleDetail | null): TemplateResult {
    const d = this.#draft;
    const categories = this.#categories.value?.categories ?? [];
    return html`<div class="editor">
        <form
          class="card"
          @submit=${(e: SubmitEvent) => {
            this.#save(e);
          }}
          @input=${(e: Event) => {
            this.#field(e);
          }}
          @change=${(e: Event) => {
            this.#field(e);
          }}
        >
          <label>${t.title} <input name="title" required maxlength="200" .value=${d.title} /></label>
          <label
            >${t.slug}
            <input name="slug" required maxlength="100" pattern="[a-z0-9][a-z0-9\\-]*" .value=${d.slug}
          /></label>
          <label
            >${t.language}
            <select name="locale">
              ${HELP_LOCALES.map((l) => html`<option value=${l} ?selected=${l === d.locale}>${t.locales[l]}</option>`)}
            </select></label
          >
          <label
            >${t.category}
            <select name="categoryId">
              <option value="" ?selected=${d.categoryId === null}>${t.noCategory}</option>
              ${categories.map(
                (c) =>
                  html`<option value=${c.id} ?selected=${c.id === d.categoryId}>
                    ${c.names[this.ctx.locale] ?? c.names.en ?? c.slug}
                  </option>`,
              )}
            </select></label
          >
          <label
            >${t.tags} <span class="muted">${t.tagsHint}</span>
            <input name="tags" .value=${d.tags.join(', ')}
          /></label>
          <label>${t.body} <textarea name="body" .value=${d.body}></textarea></label>
          <div class="actions">
            <button type="submit" ?disabled=${this.#busy}>${t.save}</button>
            ${
              article
                ? html`<span class="badge">${t.statuses[article.status]}</span>
                    <button
                      type="button"
                      class="secondary"
                      ?disabled=${this.#busy}
                      @click=${() =>
                        void this.#act(() =>
                          this.ctx.api.post<HelpConsoleArticleDetail>(
                            `${this.#base}/articles/${article.id}/status`,
                            {
                              status: article.status === 'published' ? 'draft' : 'published',
                            },
                          ),
                        )}
                    >
                      ${article.status === 'published' ? t.unpublish : t.publish}
                    </button>`
                : nothing
            }
          </div>
        </form>
        <section class="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">${t.preview}</h2>
          <div class="preview" lang=${d.locale}>
            <h3>${d.title}</h3>
            ${docToNodes(this.#preview, document)}
          </div>
        </section>
      </div>
      ${article ? this.#revisions(t, article) : nothing}`;
  }

  #revisions(t: HelpMessages, article: HelpConsoleArticleDetail): TemplateResult {
    return html`<section class="card" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">${t.revisions}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.updated}</th>
            <th scope="col">${t.title}</th>
            <th scope="col">${t.status}</th>
            <th scope="col"><span class="sr-only">${t.restore}</span></th>
          </tr>
        </thead>
        <tbody>
          ${article.revisions.map(
            (r, i) =>
              html`<tr>
                <td class="nowrap">
                  ${this.ctx.format.date(r.createdAt)} ${this.ctx.format.time(r.createdAt)}
                  ${r.author ? html`<span class="muted">${t.by(r.author)}</span>` : nothing}
                </td>
                <td>${r.title}</td>
                <td>${t.statuses[r.status]}</td>
                <td>
                  ${
                    i === 0
                      ? nothing
                      : html`<button
                          type="button"
                          class="secondary"
                          ?disabled=${this.#busy}
                          aria-label="${t.restore}: ${r.title}"
                          @click=${() =>
                            void this.#act(() =>
                              this.ctx.api.post<HelpConsoleArticleDetail>(
                                `${this.#base}/articles/${article.id}/revisions/${r.id}/restore`,
                              ),
                            )}
                        >
                          ${t.restore}
                        </button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

definePage('crm-console-help-article', CrmConsoleHelpArticle);
