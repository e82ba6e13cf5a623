import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type {
  MyOrderOption,
  MyTicket,
  MyTicketSummary,
  TicketCreated,
} from '../../worker/contract/tickets.ts';
import { Formatter } from '../../worker/contract/shared/format.ts';
import { KitController } from '../core/kit-controller.ts';
import type { KitError } from '../core/kit.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { tokens } from '../core/tokens.ts';
import {
  answerSurvey,
  createTicket,
  fetchSurvey,
  fetchContext,
  fetchTicket,
  listTickets,
  rate,
  reply,
  uploadFile,
  type PrivateLink,
} from './api.ts';
import { messages, type TicketFormMessages } from './messages.ts';
import { styles } from './ticket-form.styles.ts';
import { checkFile, validate, LIMITS, type FieldErrors, type FormValues } from './validation.ts';

declare module '../core/events.ts' {
  interface CrmEventMap {
    /** `<crm-ticket-form>` opened a ticket. */
    'crm-ticket-created': { id: string; reference: string };
  }
}

/** A file picked for upload, with its progress once sending. */
interface PickedFile {
  file: File;
  progress: number;
  failed: boolean;
}

type View = 'new' | 'mine';

/** Where a ticket's private link keeps its id and token: `#crm-ticket=<id>.<token>`. */
const LINK_PREFIX = '#crm-ticket=';
/** Where a satisfaction survey's link keeps its token: `#crm-survey=<token>`. */
const SURVEY_PREFIX = '#crm-survey=';

/**
 * The service desk on a page: customers open a request (topic, subject, description, one of
 * their orders, photos or a receipt, where they are) and follow it in "My requests" (the
 * thread, replies, a rating once resolved; new staff replies are marked). Anonymous visitors
 * give an email and get a reference and a private link (`#crm-ticket=…`) that opens the
 * request from any browser. A page opened with `#crm-survey=<token>` (the post-purchase
 * satisfaction link a site emails) shows that survey above the form. All text from people is
 * rendered as text.
 *
 * @tag crm-ticket-form
 *
 * @attr categories - Comma-separated topics to choose from, e.g. `Repair,Returns,Delivery`.
 * @attr order - The id of one of the customer's orders to preselect.
 * @attr subject - Prefills the subject (e.g. from a help article's "still need help?").
 * @attr body - Prefills the description.
 * @attr view - `new` (default) or `mine`: which tab shows first.
 * @attr lang - Locale (`en`, `zh-CN`, `zh-TW`); defaults to the closest `[lang]`, then the browser.
 *
 * @event crm-ticket-created - A ticket was opened. Detail: `{ id, reference }`.
 * @event crm-error - Data could not be loaded. Detail: `{ code }`.
 *
 * @csspart base - The whole widget.
 * @csspart tabs - The "New request" / "My requests" switch.
 * @csspart form - The new-request form.
 * @csspart field - Each label + control.
 * @csspart error - Error messages (summary and per field).
 * @csspart submit - The submit button and other primary buttons.
 * @csspart result - The confirmation with the reference and the service site.
 * @csspart list - The list of my requests.
 * @csspart thread - One request's messages.
 * @csspart message - One message.
 * @csspart unread - The "new reply" mark.
 * @csspart rating - The rating prompt.
 *
 * @cssprop --crm-font-family, --crm-color-text, --crm-color-muted, --crm-color-accent,
 *   --crm-color-surface, --crm-color-border, --crm-radius, --crm-space - The design tokens.
 */
export class CrmTicketForm extends LitElement {
  static override styles = [tokens, styles];
  static override properties = {
    categories: { type: String },
    order: { type: String },
    subject: { type: String },
    body: { type: String },
    view: { type: String, reflect: true },
    _values: { state: true },
    _errors: { state: true },
    _files: { state: true },
    _fileErrors: { state: true },
    _busy: { state: true },
    _refused: { state: true },
    _created: { state: true },
    _locationNote: { state: true },
    _openId: { state: true },
    _ticket: { state: true },
    _actionError: { state: true },
    _surveyToken: { state: true },
    _surveyDone: { state: true },
  };

  declare categories: string;
  declare order: string;
  declare subject: string;
  declare body: string;
  declare view: View;
  declare _values: FormValues;
  declare _errors: FieldErrors;
  declare _files: PickedFile[];
  declare _fileErrors: string[];
  declare _busy: boolean;
  declare _refused: string;
  declare _created: TicketCreated | undefined;
  declare _locationNote: string;
  declare _openId: string | undefined;
  declare _ticket: MyTicket | undefined;
  declare _actionError: string;
  declare _surveyToken: string | undefined;
  declare _surveyDone: boolean;

  readonly #locale = new LocaleController(this);
  readonly #kit = new KitController(this);
  /** One key per submission, kept across retries of it so a resent request is not a second ticket. */
  #idempotencyKey = crypto.randomUUID();
  #link: PrivateLink | undefined;

  readonly #context = new Task(this, {
    task: async ([kit], { signal }) => (kit ? fetchContext(kit, signal) : undefined),
    args: () => [this.#kit.kit, this.#kit.visitor] as const,
    onError: (error) => {
      this.#emitError(error);
    },
  });

  readonly #list = new Task(this, {
    task: async ([kit, view], { signal }) => (kit && view === 'mine' ? listTickets(kit, signal) : undefined),
    args: () => [this.#kit.kit, this.view, this.#kit.visitor] as const,
    onError: (error) => {
      this.#emitError(error);
    },
  });

  readonly #survey = new Task(this, {
    task: async ([kit, token], { signal }) => (kit && token ? fetchSurvey(kit, token, signal) : undefined),
    args: () => [this.#kit.kit, this._surveyToken] as const,
  });

  readonly #thread = new Task(this, {
    task: async ([kit, id], { signal }) => {
      if (!kit || !id) return undefined;
      const ticket = await fetchTicket(kit, id, signal, this.#link?.id === id ? this.#link : undefined);
      this._ticket = ticket;
      return ticket;
    },
    args: () => [this.#kit.kit, this._openId] as const,
  });

  constructor() {
    super();
    this.categories = '';
    this.order = '';
    this.subject = '';
    this.body = '';
    this.view = 'new';
    this._values = {
      category: '',
      subject: '',
      body: '',
      orderId: '',
      email: '',
      name: '',
      postcode: '',
      website: '',
    };
    this._errors = {};
    this._files = [];
    this._fileErrors = [];
    this._busy = false;
    this._refused = '';
    this._created = undefined;
    this._locationNote = '';
    this._openId = undefined;
    this._ticket = undefined;
    this._actionError = '';
    this._surveyToken = undefined;
    this._surveyDone = false;
  }

  /** Fills the form, e.g. from a help article: `{ subject, body, category }`. Empty values are ignored. */
  prefill(values: { subject?: string; body?: string; category?: string }): void {
    this._values = {
      ...this._values,
      ...(values.subject ? { subject: values.subject } : {}),
      ...(values.body ? { body: values.body } : {}),
      ...(values.category ? { category: values.category } : {}),
    };
    this.view = 'new';
    this._created = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const hash = globalThis.location.hash;
    if (hash.startsWith(SURVEY_PREFIX))
      this._surveyToken = decodeURIComponent(hash.slice(SURVEY_PREFIX.length));
    if (hash.startsWith(LINK_PREFIX)) {
      const [id = '', token = ''] = decodeURIComponent(hash.slice(LINK_PREFIX.length)).split('.');
      if (id && token) {
        this.#link = { id, token };
        this.view = 'mine';
        this._openId = id;
      }
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('subject') && this.subject) this._values = { ...this._values, subject: this.subject };
    if (changed.has('body') && this.body) this._values = { ...this._values, body: this.body };
    if (changed.has('order') && this.order) this._values = { ...this._values, orderId: this.order };
  }

  get #categoryList(): string[] {
    return this.categories
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  }

  #emitError(error: unknown): void {
    this.#kit.emit('crm-error', { code: (error as Partial<KitError> | undefined)?.code ?? 'unknown' });
  }

  protected override render(): TemplateResult {
    const t = messages[this.#locale.value];
    return html`<section part="base" class="base" aria-labelledby="heading">
      <h2 id="heading">${t.heading}</h2>
      ${this._surveyToken ? this.#surveyView(t) : nothing}
      <div part="tabs" class="tabs" role="group" aria-label=${t.tabs}>
        ${(['new', 'mine'] as const).map(
          (view) =>
            html`<button
              type="button"
              aria-pressed=${this.view === view ? 'true' : 'false'}
              @click=${() => {
                this.view = view;
                this._openId = undefined;
              }}
            >
              ${view === 'new' ? t.newTicket : t.myTickets}
            </button>`,
        )}
      </div>
      ${this.view === 'new' ? (this._created ? this.#result(t, this._created) : this.#form(t)) : this.#mine(t)}
    </section>`;
  }

  // ---- New request ----

  #set(field: keyof FormValues) {
    return (event: Event) => {
      const target = event.target as HTMLInputElement;
      this._values = { ...this._values, [field]: target.value };
      if (this._errors[field]) this._errors = { ...this._errors, [field]: undefined };
    };
  }

  #field(id: keyof FormValues, label: string, control: TemplateResult, hint?: string): TemplateResult {
    const error = this._errors[id];
    return html`<div part="field" class="field">
      <label for=${id}>${label}</label>
      ${control} ${hint ? html`<p id=${`${id}-hint`} class="muted">${hint}</p>` : nothing}
      ${error ? html`<p id=${`${id}-error`} part="error" class="error">${error}</p>` : nothing}
    </div>`;
  }

  #describedBy(id: keyof FormValues, hint = false): string {
    return [hint ? `${id}-hint` : '', this._errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ');
  }

  #form(t: TicketFormMessages): TemplateResult {
    const context = this.#context.value;
    const anonymous = context ? !context.identified : false;
    const notTracked =
      this.#context.status === TaskStatus.ERROR &&
      (this.#context.error as Partial<KitError> | undefined)?.code === 'not_tracked';
    if (notTracked) return html`<p part="error" class="error" role="alert">${t.notTracked}</p>`;
    const errorCount = Object.values(this._errors).filter(Boolean).length + this._fileErrors.length;
    const v = this._values;
    return html`<form part="form" novalidate @submit=${this.#submit}>
      ${
        errorCount > 0 || this._refused
          ? html`<div part="error" class="summary" role="alert" tabindex="-1" id="summary">
              ${errorCount > 0 ? html`<p>${t.errorsHeading(errorCount)}</p>` : nothing}
              ${this._refused ? html`<p>${this._refused}</p>` : nothing}
            </div>`
          : nothing
      }
      ${this.#field(
        'category',
        t.category,
        html`<select
          id="category"
          .value=${v.category}
          aria-invalid=${this._errors.category ? 'true' : 'false'}
          aria-describedby=${this.#describedBy('category')}
          required
          @change=${this.#set('category')}
        >
          <option value="">${t.chooseCategory}</option>
          ${this.#categoryList.map((c) => html`<option value=${c} ?selected=${c === v.category}>${c}</option>`)}
        </select>`,
      )}
      ${this.#field(
        'subject',
        t.subject,
        html`<input
          id="subject"
          .value=${v.subject}
          maxlength=${LIMITS.subject}
          required
          autocomplete="off"
          aria-invalid=${this._errors.subject ? 'true' : 'false'}
          aria-describedby=${this.#describedBy('subject')}
          @input=${this.#set('subject')}
        />`,
      )}
      ${this.#field(
        'body',
        t.description,
        html`<textarea
          id="body"
          rows="5"
          .value=${v.body}
          maxlength=${LIMITS.body}
          required
          aria-invalid=${this._errors.body ? 'true' : 'false'}
          aria-describedby=${this.#describedBy('body')}
          @input=${this.#set('body')}
        ></textarea>`,
      )}
      ${context?.identified && context.orders.length > 0 ? this.#orderField(t, context.orders) : nothing}
      ${anonymous ? this.#contactFields(t) : nothing} ${this.#filesField(t)} ${this.#locationField(t)}
      <div class="hp" aria-hidden="true">
        <label for="website">${t.honeypot}</label>
        <input
          id="website"
          tabindex="-1"
          autocomplete="off"
          .value=${v.website}
          @input=${this.#set('website')}
        />
      </div>
      <button
        part="submit"
        class="primary"
        type="submit"
        ?disabled=${this._busy}
        aria-busy=${this._busy ? 'true' : 'false'}
      >
        ${this._busy ? t.submitting : t.submit}
      </button>
      <p class="sr-only" role="status">
        ${this._files
          .filter((f) => this._busy && f.progress > 0)
          .map((f) => t.uploading(f.file.name, Math.round(f.progress * 100)))
          .join(', ')}
      </p>
    </form>`;
  }

  #orderField(t: TicketFormMessages, orders: MyOrderOption[]): TemplateResult {
    const format = new Formatter(this.#locale.value);
    return this.#field(
      'orderId',
      t.order,
      html`<select id="orderId" .value=${this._values.orderId} @change=${this.#set('orderId')}>
        <option value="">${t.noOrder}</option>
        ${orders.map(
          (o) =>
            html`<option value=${o.id} ?selected=${o.id === this._values.orderId}>
              ${t.orderOption(o.reference, format.date(o.placedAt), o.items.slice(0, 3).join(', '))}
            </option>`,
        )}
      </select>`,
    );
  }

  #contactFields(t: TicketFormMessages): TemplateResult {
    return html`${this.#field(
      'email',
      t.email,
      html`<input
        id="email"
        type="email"
        autocomplete="email"
        required
        .value=${this._values.email}
        aria-invalid=${this._errors.email ? 'true' : 'false'}
        aria-describedby=${this.#describedBy('email', true)}
        @input=${this.#set('email')}
      />`,
      t.contactHint,
    )}
    ${this.#field(
      'name',
      t.name,
      html`<input id="name" autocomplete="name" .value=${this._values.name} @input=${this.#set('name')} />`,
    )}`;
  }

  #filesField(t: TicketFormMessages): TemplateResult {
    return html`<div part="field" class="field">
      <label for="files">${t.attachments}</label>
      <input
        id="files"
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
        aria-describedby="files-hint ${this._fileErrors.length ? 'files-error' : ''}"
        @change=${this.#pickFiles}
      />
      <p id="files-hint" class="muted">${t.attachmentsHint}</p>
      ${
        this._fileErrors.length
          ? html`<ul id="files-error" part="error" class="error">
              ${this._fileErrors.map((e) => html`<li>${e}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this._files.length
          ? html`<ul class="files">
              ${this._files.map(
                (f, i) =>
                  html`<li>
                    <span class="file-name">${f.file.name}</span>
                    <progress max="1" .value=${f.progress} aria-label=${f.file.name}></progress>
                    ${f.failed ? html`<span part="error" class="error">${t.uploadFailed(f.file.name)}</span>` : nothing}
                    <button
                      type="button"
                      class="link"
                      ?disabled=${this._busy}
                      aria-label=${t.removeFile(f.file.name)}
                      @click=${() => {
                        this._files = this._files.filter((_, j) => j !== i);
                      }}
                    >
                      ×
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #locationField(t: TicketFormMessages): TemplateResult {
    return html`<fieldset part="field" class="field location">
      <legend>${t.location}</legend>
      <p class="muted" id="location-hint">${t.locationHint}</p>
      <div class="row">
        <button
          type="button"
          class="secondary"
          aria-describedby="location-hint"
          @click=${this.#shareLocation}
        >
          ${t.shareLocation}
        </button>
        <span role="status" class="muted">${this._locationNote}</span>
      </div>
      <label for="postcode">${t.postcode}</label>
      <input
        id="postcode"
        autocomplete="postal-code"
        maxlength="20"
        .value=${this._values.postcode}
        @input=${this.#set('postcode')}
      />
    </fieldset>`;
  }

  #location: { lat: number; lng: number } | undefined;

  readonly #shareLocation = (): void => {
    const t = messages[this.#locale.value];
    if (!('geolocation' in navigator)) {
      this._locationNote = t.locationRefused;
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.#location = { lat: position.coords.latitude, lng: position.coords.longitude };
        this._locationNote = t.locationShared;
      },
      () => {
        this._locationNote = t.locationRefused;
      },
      { maximumAge: 600_000, timeout: 10_000 },
    );
  };

  readonly #pickFiles = (event: Event): void => {
    const t = messages[this.#locale.value];
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    const errors = picked.map((file) => checkFile(file, t)).filter((e): e is string => e !== null);
    const good = picked.filter((file) => checkFile(file, t) === null);
    const all = [...this._files, ...good.map((file) => ({ file, progress: 0, failed: false }))];
    if (all.length > LIMITS.files) errors.push(t.tooManyFiles(LIMITS.files));
    this._files = all.slice(0, LIMITS.files);
    this._fileErrors = errors;
    input.value = '';
  };

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const t = messages[this.#locale.value];
    const kit = this.#kit.kit;
    const anonymous = this.#context.value ? !this.#context.value.identified : false;
    this._errors = validate(this._values, anonymous, t);
    this._refused = '';
    if (Object.values(this._errors).some(Boolean) || !kit) {
      await this.updateComplete;
      this.#focusFirstError();
      return;
    }
    this._busy = true;
    try {
      const v = this._values;
      const created = await createTicket(
        kit,
        {
          category: v.category,
          subject: v.subject.trim(),
          body: v.body.trim(),
          ...(v.orderId ? { orderId: v.orderId } : {}),
          ...(anonymous ? { email: v.email.trim(), ...(v.name.trim() ? { name: v.name.trim() } : {}) } : {}),
          ...(this.#location ? { location: this.#location } : {}),
          ...(v.postcode.trim() ? { postcode: v.postcode.trim() } : {}),
          ...(v.website ? { website: v.website } : {}),
        },
        this.#idempotencyKey,
      );
      const link = created.accessToken ? { id: created.ticket.id, token: created.accessToken } : undefined;
      await this.#uploadAll(created.ticket.id, link);
      this.#kit.emit('crm-ticket-created', { id: created.ticket.id, reference: created.ticket.reference });
      this._created = created;
      this.#link = link;
      this.#idempotencyKey = crypto.randomUUID();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus();
    } catch (error) {
      const code = (error as Partial<KitError> | undefined)?.code ?? '';
      this._refused = t.refused[code] ?? t.genericError;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#summary')?.focus();
    } finally {
      this._busy = false;
    }
  };

  async #uploadAll(ticketId: string, link: PrivateLink | undefined): Promise<void> {
    const kit = this.#kit.kit;
    if (!kit) return;
    for (const [index, picked] of this._files.entries()) {
      const update = (patch: Partial<PickedFile>) => {
        this._files = this._files.map((f, i) => (i === index ? { ...f, ...patch } : f));
      };
      try {
        await uploadFile(
          kit,
          ticketId,
          picked.file,
          (progress) => {
            update({ progress });
          },
          link,
        );
      } catch {
        update({ failed: true });
      }
    }
  }

  #focusFirstError(): void {
    const first = (['category', 'subject', 'body', 'email'] as const).find((id) => this._errors[id]);
    this.renderRoot.querySelector<HTMLElement>(first ? `#${first}` : '#summary')?.focus();
  }

  #result(t: TicketFormMessages, created: TicketCreated): TemplateResult {
    const { ticket } = created;
    const site = ticket.serviceSite;
    const km =
      ticket.distanceM === null ? null : (ticket.distanceM / 1000).toFixed(ticket.distanceM < 10_000 ? 1 : 0);
    const link = created.accessToken
      ? `${globalThis.location.origin}${globalThis.location.pathname}${LINK_PREFIX}${ticket.id}.${created.accessToken}`
      : '';
    const failed = this._files.filter((f) => f.failed);
    return html`<div part="result" class="result" role="status">
      <h3 id="result-heading" tabindex="-1">${t.createdHeading}</h3>
      <p class="reference">${t.reference(ticket.reference)}</p>
      <p>${site ? (km ? t.routedTo(site.name, km) : t.routedToNoDistance(site.name)) : t.notRouted}</p>
      ${site?.address ? html`<p class="muted">${site.address}${site.openingHours ? ` · ${site.openingHours}` : ''}</p>` : nothing}
      ${failed.map((f) => html`<p part="error" class="error">${t.uploadFailed(f.file.name)}</p>`)}
      ${
        link
          ? html`<div class="private">
              <label for="private-link">${t.privateLink}</label>
              <input id="private-link" readonly .value=${link} aria-describedby="private-hint" />
              <p id="private-hint" class="muted">${t.privateLinkHint}</p>
            </div>`
          : nothing
      }
      <div class="row">
        <button
          type="button"
          part="submit"
          class="primary"
          @click=${() => {
            this.#open(ticket.id);
          }}
        >
          ${t.viewTicket}
        </button>
        <button type="button" class="secondary" @click=${this.#reset}>${t.openAnother}</button>
      </div>
    </div>`;
  }

  readonly #reset = (): void => {
    this._created = undefined;
    this._values = { ...this._values, subject: '', body: '', orderId: '', website: '' };
    this._files = [];
    this._fileErrors = [];
  };

  #open(id: string): void {
    this.view = 'mine';
    this._openId = id;
    this._ticket = undefined;
    this._actionError = '';
  }

  // ---- Satisfaction follow-up ----

  #surveyView(t: TicketFormMessages): TemplateResult {
    const survey = this.#survey.value;
    if (this._surveyDone || survey?.answered)
      return html`<p part="rating" class="result" role="status">${t.surveyDone}</p>`;
    if (!survey) {
      return this.#survey.status === TaskStatus.ERROR
        ? html`<p part="error" class="error" role="alert">${t.loadError}</p>`
        : html`<p role="status">${t.loading}</p>`;
    }
    return html`<form part="rating" class="rating survey" @submit=${this.#sendSurvey}>
      <fieldset>
        <legend>${t.surveyHeading(survey.orderReference)}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (n) =>
              html`<label
                ><input type="radio" name="survey-stars" value=${n} required /> ${t.stars(n)}</label
              >`,
          )}
        </div>
      </fieldset>
      <label for="suggestion">${t.suggestion}</label>
      <textarea id="suggestion" rows="3" maxlength="2000"></textarea>
      ${this._actionError ? html`<p part="error" class="error" role="alert">${this._actionError}</p>` : nothing}
      <button part="submit" class="primary" type="submit" ?disabled=${this._busy}>${t.rate}</button>
    </form>`;
  }

  readonly #sendSurvey = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const kit = this.#kit.kit;
    const token = this._surveyToken;
    const form = event.target as HTMLFormElement;
    const stars = Number(new FormData(form).get('survey-stars'));
    const suggestion = this.renderRoot.querySelector<HTMLTextAreaElement>('#suggestion')?.value.trim() ?? '';
    if (!kit || !token || !(stars >= 1)) {
      form.querySelector<HTMLInputElement>('input[name="survey-stars"]')?.focus();
      return;
    }
    await this.#act(async () => {
      await answerSurvey(kit, token, stars, suggestion);
      this._surveyDone = true;
    });
  };

  // ---- My requests ----

  #mine(t: TicketFormMessages): TemplateResult {
    if (this._openId) return this.#threadView(t);
    const { status, value } = this.#list;
    if (status === TaskStatus.ERROR) return this.#loadError(t, () => void this.#list.run());
    if (!value) return html`<p role="status">${t.loading}</p>`;
    if (value.length === 0) return html`<p class="muted">${t.noTickets}</p>`;
    const format = new Formatter(this.#locale.value);
    return html`<ul part="list" class="list">
      ${value.map((ticket) => this.#listItem(t, ticket, format))}
    </ul>`;
  }

  #listItem(t: TicketFormMessages, ticket: MyTicketSummary, format: Formatter): TemplateResult {
    return html`<li>
      <button
        type="button"
        class="ticket"
        @click=${() => {
          this.#open(ticket.id);
        }}
      >
        <span class="line">
          <span class="subject">${ticket.subject}</span>
          ${ticket.unread ? html`<span part="unread" class="badge">${t.newReply}</span>` : nothing}
        </span>
        <span class="muted"
          >${ticket.reference} · ${t.status[ticket.status]} · ${t.opened(format.date(ticket.createdAt))}</span
        >
      </button>
    </li>`;
  }

  #loadError(t: TicketFormMessages, retry: () => void): TemplateResult {
    const code = (this.#list.error as Partial<KitError> | undefined)?.code;
    return html`<div part="error" role="alert">
      <p>${code === 'not_tracked' ? t.notTracked : t.loadError}</p>
      <button type="button" class="secondary" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  #threadView(t: TicketFormMessages): TemplateResult {
    const ticket = this._ticket;
    const back = html`<button
      type="button"
      class="link back"
      @click=${() => {
        this._openId = undefined;
        void this.#list.run();
      }}
    >
      ← ${t.back}
    </button>`;
    if (!ticket) {
      return this.#thread.status === TaskStatus.ERROR
        ? html`${back}${this.#loadError(t, () => void this.#thread.run())}`
        : html`${back}
            <p role="status">${t.loading}</p>`;
    }
    const format = new Formatter(this.#locale.value);
    return html`${back}
      <article part="thread" class="thread" aria-labelledby="thread-heading">
        <h3 id="thread-heading">${ticket.subject}</h3>
        <p class="muted">
          ${ticket.reference} ·
          ${t.status[ticket.status]}${ticket.serviceSite ? ` · ${ticket.serviceSite.name}` : ''}
        </p>
        <ol class="messages">
          <li part="message" class="message customer">
            <p class="who">${t.you} · <time>${format.date(ticket.createdAt)}</time></p>
            <p class="text">${ticket.body}</p>
          </li>
          ${ticket.messages.map(
            (m) =>
              html`<li part="message" class="message ${m.kind}">
                <p class="who">
                  ${m.kind === 'customer' ? t.you : (m.author ?? t.staff)} ·
                  <time>${format.date(m.createdAt)}</time>
                </p>
                <p class="text">${m.body}</p>
              </li>`,
          )}
        </ol>
        ${
          ticket.attachments.length
            ? html`<h4>${t.files}</h4>
                <ul class="files">
                  ${ticket.attachments.map((a) => html`<li><a href=${a.url} target="_blank" rel="noopener noreferrer">${a.fileName}</a></li>`)}
                </ul>`
            : nothing
        }
        ${this._actionError ? html`<p part="error" class="error" role="alert">${this._actionError}</p>` : nothing}
        ${ticket.rating ? html`<p class="muted">${t.yourRating(ticket.rating.stars)}</p>` : nothing}
        ${ticket.canRate ? this.#ratingForm(t, ticket) : nothing}
        ${ticket.canReply ? this.#replyForm(t, ticket) : html`<p class="muted">${t.replyClosed}</p>`}
      </article>`;
  }

  #replyForm(t: TicketFormMessages, ticket: MyTicket): TemplateResult {
    return html`<form class="reply" @submit=${(e: SubmitEvent) => this.#sendReply(e, ticket)}>
      <label for="reply">${t.replyLabel}</label>
      <textarea id="reply" rows="3" maxlength=${LIMITS.body} required></textarea>
      <button part="submit" class="primary" type="submit" ?disabled=${this._busy}>${t.send}</button>
    </form>`;
  }

  async #sendReply(event: SubmitEvent, ticket: MyTicket): Promise<void> {
    event.preventDefault();
    const kit = this.#kit.kit;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply');
    const text = area?.value.trim() ?? '';
    if (!kit || !area || !text) {
      area?.focus();
      return;
    }
    await this.#act(async () => {
      this._ticket = await reply(kit, ticket.id, text, this.#linkFor(ticket.id));
      area.value = '';
    });
  }

  #ratingForm(t: TicketFormMessages, ticket: MyTicket): TemplateResult {
    return html`<form part="rating" class="rating" @submit=${(e: SubmitEvent) => this.#sendRating(e, ticket)}>
      <fieldset>
        <legend>${t.rateHeading}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<label><input type="radio" name="stars" value=${n} required /> ${t.stars(n)}</label>`,
          )}
        </div>
      </fieldset>
      <label for="rating-comment">${t.comment}</label>
      <textarea id="rating-comment" rows="2" maxlength="2000"></textarea>
      <button part="submit" class="primary" type="submit" ?disabled=${this._busy}>${t.rate}</button>
    </form>`;
  }

  async #sendRating(event: SubmitEvent, ticket: MyTicket): Promise<void> {
    event.preventDefault();
    const kit = this.#kit.kit;
    const form = event.target as HTMLFormElement;
    const stars = Number(new FormData(form).get('stars'));
    const comment = this.renderRoot.querySelector<HTMLTextAreaElement>('#rating-comment')?.value.trim() ?? '';
    if (!kit || !(stars >= 1)) {
      form.querySelector<HTMLInputElement>('input[name="stars"]')?.focus();
      return;
    }
    await this.#act(async () => {
      this._ticket = await rate(kit, ticket.id, stars, comment, this.#linkFor(ticket.id));
    });
  }

  #linkFor(id: string): PrivateLink | undefined {
    return this.#link?.id === id ? this.#link : undefined;
  }

  async #act(action: () => Promise<void>): Promise<void> {
    const t = messages[this.#locale.value];
    this._busy = true;
    this._actionError = '';
    try {
      await action();
    } catch (error) {
      const code = (error as Partial<KitError> | undefined)?.code ?? '';
      this._actionError = t.refused[code] ?? t.genericError;
    } finally {
      this._busy = false;
    }
  }
}
