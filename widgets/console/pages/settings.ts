import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SiteKeys, SiteSettings } from '../../../worker/contract/console.ts';
import { allows } from '../access.ts';
import { ConsolePage } from '../page.ts';
import { siteUrl } from '../routes.ts';
import { common } from '../ui/common.messages.ts';
import { keysBlock, secretBlock, snippetBlock } from '../ui/keys.ts';
import { parseOrigins, siteFields } from '../ui/origins.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';
import { messages, type SettingsMessages } from './settings.messages.ts';

type Rotation = 'secret-key' | 'identity-secret';

/**
 * Site settings: name and allowed origins, the install check, the snippet, and (owner) the
 * keys: rotating the secret key or the identity secret after a confirmation, the new secret
 * shown once; adding another site.
 */
export class CrmConsoleSettings extends ConsolePage<SettingsMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _saveError: { state: true },
    _saved: { state: true },
    _rotation: { state: true },
    _rotated: { state: true },
    _rotateError: { state: true },
    _grace: { state: true },
    _created: { state: true },
    _createError: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .actions {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
        margin-block-start: var(--_crm-space);
      }
      .grace {
        max-width: 8em;
      }
    `,
  ];
  protected readonly messages = messages;
  declare _saveError: unknown;
  declare _saved: boolean;
  declare _rotation: Rotation | undefined;
  declare _rotated: SiteKeys | undefined;
  declare _rotateError: unknown;
  declare _grace: number;
  declare _created: SiteKeys | undefined;
  declare _createError: unknown;

  constructor() {
    super();
    this._grace = 24;
  }

  readonly #settings = new Task(this, {
    task: ([api, siteId], { signal }) =>
      api.get<SiteSettings>(`/sites/${encodeURIComponent(siteId)}`, signal),
    args: () => [this.ctx.api, this.siteId] as const,
  });

  get #path(): string {
    return `/sites/${encodeURIComponent(this.siteId)}`;
  }

  async #save(event: SubmitEvent): Promise<void> {
    const field = formText(event);
    this._saved = false;
    this._saveError = undefined;
    try {
      const settings = await this.ctx.api.patch<SiteSettings>(this.#path, {
        name: field('name'),
        allowedOrigins: parseOrigins(field('origins')),
      });
      this._saved = settings.id === this.siteId;
      void this.#settings.run();
      await this.ctx.reloadMe();
    } catch (error) {
      this._saveError = error;
    }
  }

  #ask(rotation: Rotation): void {
    this._rotation = rotation;
    this._rotateError = undefined;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector('dialog')?.showModal();
    });
  }

  async #rotate(): Promise<void> {
    const rotation = this._rotation;
    this.renderRoot.querySelector('dialog')?.close();
    this._rotation = undefined;
    if (!rotation) return;
    try {
      this._rotated = await this.ctx.api.post<SiteKeys>(
        `${this.#path}/${rotation}`,
        rotation === 'secret-key' ? { confirm: true } : { graceHours: this._grace },
      );
      void this.#settings.run();
    } catch (error) {
      this._rotateError = error;
    }
  }

  async #create(event: SubmitEvent): Promise<void> {
    const form = event.target as HTMLFormElement;
    const field = formText(event);
    this._createError = undefined;
    try {
      this._created = await this.ctx.api.post<SiteKeys>('/sites', {
        name: field('new-name'),
        allowedOrigins: parseOrigins(field('new-origins')),
      });
      form.reset();
      await this.ctx.reloadMe();
    } catch (error) {
      this._createError = error;
    }
  }

  protected override render(): TemplateResult {
    return html`<h1>${this.t.heading}</h1>
      ${renderTask(this.#settings, this.ctx.locale, (settings) => this.#page(settings))}`;
  }

  #page(s: SiteSettings): TemplateResult {
    const isOwner = this.ctx.me ? allows(this.ctx.me.member.role, 'keys') : false;
    return html`<div class="grid">
        ${this.#general(s)}
        <section class="card" aria-labelledby="snippet-heading">
          ${snippetBlock(s.snippet, this.ctx.locale)}
        </section>
      </div>
      ${this.#install(s)} ${this.#keys(s, isOwner)} ${isOwner ? this.#newSite() : nothing} ${this.#dialog()}`;
  }

  #general(s: SiteSettings): TemplateResult {
    const t = this.t;
    return html`<section class="card" aria-labelledby="general">
      <h2 id="general">${t.general}</h2>
      <form @submit=${(e: SubmitEvent) => void this.#save(e)}>
        <div class="field">
          <label for="name">${t.name}</label>
          <input id="name" name="name" required .value=${s.name} />
        </div>
        <div class="field">
          <label for="origins">${t.origins}</label>
          <textarea
            id="origins"
            name="origins"
            rows="4"
            required
            aria-describedby="origins-hint"
            .value=${s.allowedOrigins.join('\n')}
          ></textarea>
          <p class="hint" id="origins-hint">${t.originsHint}</p>
        </div>
        ${alertFor(this._saveError, this.ctx.locale)}
        <div class="row">
          <button type="submit">${common[this.ctx.locale].save}</button>
          <span role="status" class="success">${this._saved ? common[this.ctx.locale].saved : ''}</span>
        </div>
      </form>
    </section>`;
  }

  #install(s: SiteSettings): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="install">
      <h2 id="install">${t.install}</h2>
      <p class="muted">${t.installHint}</p>
      ${
        s.install.length === 0
          ? html`<p>${t.installNone}</p>`
          : html`<div class="scroll" tabindex="0">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.origin}</th>
                    <th scope="col">${t.allowed}</th>
                    <th scope="col">${t.firstEvent}</th>
                    <th scope="col">${t.lastEvent}</th>
                    <th scope="col" class="num">${t.events}</th>
                  </tr>
                </thead>
                <tbody>
                  ${s.install.map(
                    (row) =>
                      html`<tr>
                        <td><code>${row.origin}</code></td>
                        <td class=${row.allowed ? 'success' : 'error'}>
                          ${row.allowed ? t.allowed : t.notAllowed}
                        </td>
                        <td>${f.dateTime(row.firstEventAt)}</td>
                        <td>${f.dateTime(row.lastEventAt)}</td>
                        <td class="num">${f.number(row.events)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  #keys(s: SiteSettings, isOwner: boolean): TemplateResult {
    const t = this.t;
    const c = common[this.ctx.locale];
    const rotated = this._rotated;
    return html`<section class="card" aria-labelledby="keys">
      <h2 id="keys">${t.keys}</h2>
      <dl>
        <dt>${t.publishableKey}</dt>
        <dd><code>${s.publishableKey}</code></dd>
      </dl>
      ${alertFor(this._rotateError, this.ctx.locale)}
      ${
        rotated?.secretKey || rotated?.identitySecret
          ? html`<div role="status">
              ${rotated.secretKey ? secretBlock('secretKey', rotated.secretKey, this.ctx.locale, c.shownOnce) : nothing}
              ${
                rotated.identitySecret
                  ? secretBlock('identitySecret', rotated.identitySecret, this.ctx.locale, c.shownOnce)
                  : nothing
              }
              <button
                type="button"
                class="secondary"
                @click=${() => {
                  this._rotated = undefined;
                }}
              >
                ${c.done}
              </button>
            </div>`
          : nothing
      }
      ${
        isOwner
          ? html`<div class="grid">
              <div>
                <h3>${t.secretKey}</h3>
                <p class="hint">${t.secretKeyHint}</p>
                <button
                  type="button"
                  class="danger"
                  @click=${() => {
                    this.#ask('secret-key');
                  }}
                >
                  ${t.rotateSecret}
                </button>
              </div>
              <div>
                <h3>${t.identitySecret}</h3>
                <p class="hint">${t.identityHint}</p>
                ${
                  s.previousIdentitySecretUntil
                    ? html`<p>${t.previousUntil(this.ctx.format.dateTime(s.previousIdentitySecretUntil))}</p>`
                    : nothing
                }
                <div class="row">
                  <div class="field">
                    <label for="grace">${t.graceHours}</label>
                    <input
                      id="grace"
                      class="grace"
                      type="number"
                      min="0"
                      max="168"
                      step="1"
                      .value=${String(this._grace)}
                      aria-describedby="grace-hint"
                      @input=${(e: Event) => {
                        const value = Number((e.target as HTMLInputElement).value);
                        this._grace = Math.min(
                          168,
                          Math.max(0, Math.round(Number.isFinite(value) ? value : 0)),
                        );
                      }}
                    />
                    <p class="hint" id="grace-hint">${t.graceHint}</p>
                  </div>
                </div>
                <button
                  type="button"
                  class="danger"
                  @click=${() => {
                    this.#ask('identity-secret');
                  }}
                >
                  ${t.rotateIdentity}
                </button>
              </div>
            </div>`
          : html`<p class="muted">${t.ownerOnly}</p>`
      }
    </section>`;
  }

  #dialog(): TemplateResult {
    const t = this.t;
    const c = common[this.ctx.locale];
    const text =
      this._rotation === 'identity-secret' ? t.rotateIdentityConfirm(this._grace) : t.rotateSecretConfirm;
    return html`<dialog
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      @close=${() => {
        this._rotation = undefined;
      }}
    >
      <h2 id="confirm-title">${t.confirmTitle}</h2>
      <p id="confirm-text">${text}</p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          autofocus
          @click=${() => this.renderRoot.querySelector('dialog')?.close()}
        >
          ${c.cancel}
        </button>
        <button type="button" class="danger" @click=${() => void this.#rotate()}>${t.rotate}</button>
      </div>
    </dialog>`;
  }

  #newSite(): TemplateResult {
    const t = this.t;
    const created = this._created;
    return html`<section class="card" aria-labelledby="new-site">
      <h2 id="new-site">${t.newSite}</h2>
      <p class="muted">${t.newSiteHint}</p>
      ${
        created
          ? html`<div role="status">
              <p class="success">${t.created(created.site.name)}</p>
              ${keysBlock(created, this.ctx.locale, common[this.ctx.locale].shownOnce)}
              <p><a href=${siteUrl(created.site.id, 'settings')}>${t.openSite}</a></p>
            </div>`
          : nothing
      }
      <form @submit=${(e: SubmitEvent) => void this.#create(e)}>
        ${siteFields({
          nameId: 'new-name',
          nameLabel: t.name,
          originsId: 'new-origins',
          originsLabel: t.origins,
          originsHint: t.originsHint,
          rows: 2,
        })}
        ${alertFor(this._createError, this.ctx.locale)}
        <button type="submit">${t.create}</button>
      </form>
    </section>`;
  }
}

definePage('crm-console-settings', CrmConsoleSettings);
