import { Task } from '@lit/task';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ImportResult, ServiceSiteView } from '../../../worker/contract/tickets.ts';
import { allows } from '../access.ts';
import { ConsolePage } from '../page.ts';
import { formText } from '../ui/form.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { definePage } from './define.ts';
import { messages, type TicketsMessages } from './tickets.messages.ts';

/**
 * Service sites: where tickets are routed (the nearest active one handling the category).
 * Owners and admins add, edit and remove them, import them from CSV, and import the
 * postcode/city table customers' typed locations are looked up in; service staff read them.
 */
export class CrmConsoleServiceSites extends ConsolePage<TicketsMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _editing: { state: true },
    _error: { state: true },
    _imported: { state: true },
  };
  static override styles = [
    ...ConsolePage.styles,
    css`
      .check {
        display: flex;
        gap: 8px;
        align-items: center;
        font-weight: normal;
      }
      .check input {
        width: auto;
      }
      .form-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        gap: 0 var(--_crm-space);
      }
      .actions {
        display: flex;
        gap: 8px;
      }
      td .actions button {
        padding: 2px 10px;
      }
    `,
  ];
  protected readonly messages = messages;
  /** The site being edited: `new`, an id, or none. */
  declare _editing: string | undefined;
  declare _error: unknown;
  declare _imported: ImportResult | undefined;

  readonly #sites = new Task(this, {
    task: ([api, siteId], { signal }) =>
      api.get<{ serviceSites: ServiceSiteView[] }>(
        `/sites/${encodeURIComponent(siteId)}/service-sites`,
        signal,
      ),
    args: () => [this.ctx.api, this.siteId] as const,
  });

  constructor() {
    super();
    this._editing = undefined;
    this._error = undefined;
    this._imported = undefined;
  }

  get #canManage(): boolean {
    const role = this.ctx.me?.member.role;
    return role !== undefined && allows(role, 'serviceManage');
  }

  get #base(): string {
    return `/sites/${encodeURIComponent(this.siteId)}`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.serviceSites}</h1>
      ${alertFor(this._error, this.ctx.locale)}
      ${this.#canManage && this._editing === 'new' ? this.#form(undefined, t) : nothing}
      ${
        this.#canManage && this._editing !== 'new'
          ? html`<p>
              <button
                type="button"
                @click=${() => {
                  this._editing = 'new';
                }}
              >
                ${t.add}
              </button>
            </p>`
          : nothing
      }
      <div class="card">
        ${renderTask(this.#sites, this.ctx.locale, ({ serviceSites }) => this.#table(serviceSites, t))}
      </div>
      ${this.#canManage ? this.#imports(t) : nothing}`;
  }

  #table(sites: ServiceSiteView[], t: TicketsMessages): TemplateResult {
    if (sites.length === 0) return html`<p role="status">${t.noSites}</p>`;
    return html`<div class="scroll" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.address}</th>
            <th scope="col">${t.categories}</th>
            <th scope="col">${t.openingHours}</th>
            <th scope="col" class="num">${t.lat}, ${t.lng}</th>
            ${this.#canManage ? html`<th scope="col"><span class="sr-only">${t.edit}</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${sites.map((s) =>
            this._editing === s.id
              ? html`<tr>
                  <td colspan="6">${this.#form(s, t)}</td>
                </tr>`
              : html`<tr>
                  <td>
                    ${s.name} ${s.isDefault ? html`<span class="badge">${t.defaultBadge}</span>` : nothing}
                    ${s.active ? nothing : html`<span class="badge danger">${t.inactive}</span>`}
                  </td>
                  <td>${s.address}</td>
                  <td>${s.categories.join(', ')}</td>
                  <td>${s.openingHours}</td>
                  <td class="num nowrap">${s.lat.toFixed(4)}, ${s.lng.toFixed(4)}</td>
                  ${
                    this.#canManage
                      ? html`<td>
                          <div class="actions">
                            <button
                              type="button"
                              class="secondary"
                              aria-label="${t.edit}: ${s.name}"
                              @click=${() => {
                                this._editing = s.id;
                              }}
                            >
                              ${t.edit}
                            </button>
                            <button
                              type="button"
                              class="secondary"
                              aria-label="${t.remove}: ${s.name}"
                              @click=${() => void this.#remove(s)}
                            >
                              ${t.remove}
                            </button>
                          </div>
                        </td>`
                      : nothing
                  }
                </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #form(site: ServiceSiteView | undefined, t: TicketsMessages): TemplateResult {
    const id = site?.id ?? 'new';
    const field = (name: string, label: string, value: string, type = 'text', hint?: string) =>
      html`<div class="field">
        <label for="${id}-${name}">${label}</label>
        <input
          id="${id}-${name}"
          name=${name}
          type=${type}
          step=${type === 'number' ? 'any' : nothing}
          .value=${value}
          ?required=${name !== 'address' && name !== 'openingHours'}
          aria-describedby=${hint ? `${id}-${name}-hint` : nothing}
        />
        ${hint ? html`<p class="hint" id="${id}-${name}-hint">${hint}</p>` : nothing}
      </div>`;
    return html`<form
      class=${site ? '' : 'card'}
      aria-label=${site ? `${t.edit}: ${site.name}` : t.add}
      @submit=${(e: SubmitEvent) => void this.#save(e, site)}
    >
      <div class="form-grid">
        ${field('name', t.name, site?.name ?? '')} ${field('address', t.address, site?.address ?? '')}
        ${field('lat', t.lat, site ? String(site.lat) : '', 'number')}
        ${field('lng', t.lng, site ? String(site.lng) : '', 'number')}
        ${field('categories', t.categories, site?.categories.join(', ') ?? '', 'text', t.categoriesHint)}
        ${field('openingHours', t.openingHours, site?.openingHours ?? '')}
      </div>
      <div class="field">
        <label class="check"
          ><input type="checkbox" name="active" value="yes" ?checked=${site?.active ?? true} />
          ${t.active}</label
        >
        <label class="check"
          ><input type="checkbox" name="isDefault" value="yes" ?checked=${site?.isDefault ?? false} />
          ${t.isDefault}</label
        >
      </div>
      <div class="actions">
        <button type="submit">${t.save}</button>
        <button
          type="button"
          class="secondary"
          @click=${() => {
            this._editing = undefined;
          }}
        >
          ${t.cancel}
        </button>
      </div>
    </form>`;
  }

  async #save(event: SubmitEvent, site: ServiceSiteView | undefined): Promise<void> {
    const field = formText(event);
    const body = {
      name: field('name'),
      address: field('address'),
      lat: Number(field('lat')),
      lng: Number(field('lng')),
      categories: field('categories')
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      openingHours: field('openingHours'),
      active: field('active') === 'yes',
      isDefault: field('isDefault') === 'yes',
    };
    await this.#act(async () => {
      if (site)
        await this.ctx.api.request('PUT', `${this.#base}/service-sites/${encodeURIComponent(site.id)}`, {
          body,
        });
      else await this.ctx.api.post(`${this.#base}/service-sites`, body);
      this._editing = undefined;
    });
  }

  async #remove(site: ServiceSiteView): Promise<void> {
    await this.#act(() => this.ctx.api.delete(`${this.#base}/service-sites/${encodeURIComponent(site.id)}`));
  }

  #imports(t: TicketsMessages): TemplateResult {
    const form = (kind: 'service-sites' | 'postcodes', label: string, hint: string) =>
      html`<form class="card" aria-label=${label} @submit=${(e: SubmitEvent) => void this.#import(e, kind)}>
        <div class="field">
          <label for="${kind}-csv">${label}</label>
          <textarea id="${kind}-csv" name="csv" rows="5" required aria-describedby="${kind}-hint"></textarea>
          <p class="hint" id="${kind}-hint">${hint}</p>
        </div>
        <button type="submit">${t.importButton}</button>
      </form>`;
    const result = this._imported;
    return html`<div class="grid">
        ${form('service-sites', t.importSites, t.importHint)}
        ${form('postcodes', t.importPostcodes, t.postcodesHint)}
      </div>
      ${
        result
          ? html`<div class="card" role="status">
              <p>${t.imported(result.imported, result.errors.length)}</p>
              ${
                result.errors.length
                  ? html`<ul>
                      ${result.errors.slice(0, 20).map((e) => html`<li class="error">${t.lineError(e.line, e.message)}</li>`)}
                    </ul>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  async #import(event: SubmitEvent, kind: 'service-sites' | 'postcodes'): Promise<void> {
    const csv = formText(event)('csv');
    const form = event.target as HTMLFormElement;
    await this.#act(async () => {
      this._imported = await this.ctx.api.post<ImportResult>(`${this.#base}/${kind}/import`, { csv });
      form.reset();
    });
  }

  async #act(action: () => Promise<unknown>): Promise<void> {
    this._error = undefined;
    try {
      await action();
      await this.#sites.run();
    } catch (error) {
      this._error = error;
    }
  }
}

definePage('crm-console-service-sites', CrmConsoleServiceSites);
