import { ERROR_CODES, MAX_EVENT_NAME_LENGTH, NAMED_EVENT_TYPES } from '../../worker/contract/constants.ts';
import type { IdentifyResponse } from '../../worker/contract/identify.ts';
import { ApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type { CrmConfig } from './config.ts';
import { Consent } from './consent.ts';
import type { CrmApi, PurchaseDetails } from './crm-api.ts';
import { emit } from './events.ts';
import { Identity, sameCustomer } from './identity.ts';
import type { CrmKit, KitRequestOptions } from './kit.ts';
import { EventQueue } from './queue.ts';
import { Sender } from './sender.ts';
import { Session } from './session.ts';
import { Store } from './storage.ts';
import { Tracker } from './tracker.ts';
import { VisitorToken } from './visitor-token.ts';

type NamedEventType = (typeof NAMED_EVENT_TYPES)[number];
const isNamedType = (name: string): name is NamedEventType =>
  (NAMED_EVENT_TYPES as readonly string[]).includes(name);

/**
 * The kit at run time: ties consent, tokens, queue and tracker together behind `window.crm`
 * ({@link CrmApi}) and the widgets' {@link CrmKit}.
 */
export class CrmRuntime implements CrmApi, CrmKit {
  readonly #api: ApiClient;
  readonly #consent: Consent;
  readonly #token: VisitorToken;
  readonly #identity: Identity;
  readonly #queue: EventQueue;
  readonly #session: Session;
  readonly #sender: Sender;
  #tracker: Tracker | undefined;
  /** An identity token given before consent, used once consent arrives. */
  #waitingIdentity: string | undefined;
  /** The identify call in progress, or the last one (settled, never rejecting). */
  #identifying: Promise<unknown> | undefined;

  constructor(config: CrmConfig) {
    const local = new Store(config.siteKey, () => localStorage);
    this.#api = new ApiClient(config.endpoint, config.siteKey);
    this.#consent = new Consent(local, config.consentRequired);
    this.#identity = new Identity(new Store(config.siteKey, () => sessionStorage));
    this.#token = new VisitorToken(this.#api, local, () => {
      this.#identity.clear();
    });
    this.#queue = new EventQueue(local);
    this.#session = new Session(local);
    this.#sender = new Sender(this.#queue, this.#api, this.#token);
  }

  /** Starts tracking if allowed; also sends what earlier pages left in the queue. */
  start(): void {
    if (!this.#consent.allowed || this.#tracker) return;
    this.#tracker = new Tracker(this.#session, this.#queue, this.#sender);
    this.#tracker.start();
  }

  /** Called for each product element that appears on the page. */
  product(sku: string): void {
    this.#tracker?.product(sku);
  }

  track(name: string, properties?: Record<string, unknown>): void {
    const type = isNamedType(name) ? name : 'custom';
    this.#tracker?.record({
      type,
      ...(type === 'custom' ? { name: name.slice(0, MAX_EVENT_NAME_LENGTH) } : {}),
      ...(properties ? { properties } : {}),
    });
  }

  purchase(details: PurchaseDetails): void {
    this.#tracker?.record({ type: 'purchase', properties: { ...details } });
  }

  page(): void {
    this.#tracker?.navigate();
  }

  flush(): Promise<void> {
    return this.#consent.allowed ? this.#sender.flush() : Promise.resolve();
  }

  async identify(identityToken: string): Promise<IdentifyResponse | null> {
    if (!this.#consent.allowed) {
      this.#waitingIdentity = identityToken;
      return null;
    }
    // Sites call this on every page, often with a token signed afresh for the same customer:
    // that changes nothing on the server, so it only replaces the stored token.
    const previous = this.#identity.get();
    if (previous && sameCustomer(previous, identityToken)) {
      this.#identity.set(identityToken);
      return { status: 'unchanged' };
    }
    const identifying = this.#identify(identityToken, previous);
    // Widget requests wait for it: who the visitor is decides what they may read.
    this.#identifying = identifying.catch(() => undefined);
    return identifying;
  }

  async #identify(identityToken: string, previous: string | undefined): Promise<IdentifyResponse> {
    // Anonymous events should reach the visitor before it becomes (or merges into) a customer.
    await this.flush();
    let answer: IdentifyResponse;
    try {
      answer = await this.#api.identify(await this.#token.get(), identityToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'already_identified') throw error;
      // This browser's visitor belongs to another customer: start a new visitor for this one.
      await this.#forgetVisitor();
      answer = await this.#api.identify(await this.#token.get(), identityToken);
    }
    this.#identity.set(identityToken);
    // A fresh token for a customer already identified here changes nothing widgets show.
    if (answer.status !== 'unchanged' || !previous) emit('crm-identity-change', { identified: true });
    return answer;
  }

  async logout(): Promise<void> {
    await this.flush();
    // Whatever could not be sent belongs to the customer leaving; the next person on this
    // browser must not inherit it.
    this.#queue.clear();
    await this.#forgetVisitor();
    this.#identity.clear();
    emit('crm-identity-change', { identified: false });
  }

  consent(granted: boolean): void {
    // A visitor known from before gets the choice on their profile; best effort, as it is only a record.
    const known = this.#token.current();
    if (known) this.#api.consent(known, granted).catch(() => undefined);
    this.#consent.set(granted);
    if (this.#consent.allowed) {
      this.start();
      if (!known) {
        this.#token
          .get()
          .then((token) => this.#api.consent(token, true))
          .catch(() => undefined);
      }
      const waiting = this.#waitingIdentity;
      this.#waitingIdentity = undefined;
      if (waiting)
        this.identify(waiting).catch((error: unknown) => {
          console.error('crm: identify failed', error);
        });
    } else {
      this.#tracker?.stop();
      this.#tracker = undefined;
      this.#waitingIdentity = undefined;
      this.#queue.clear();
      this.#session.reset();
      this.#token.reset();
      this.#identity.clear();
    }
    emit('crm-consent-change', { granted });
  }

  async request<T>(method: 'GET' | 'POST', path: string, options: KitRequestOptions = {}): Promise<T> {
    const { staffToken, visitor = 'required', ...callOptions } = options;
    if (staffToken) return this.#api.call<T>(method, path, { ...callOptions, visitorToken: staffToken });
    if (!this.#consent.allowed) {
      if (visitor === 'optional') return this.#api.call<T>(method, path, callOptions);
      throw new ApiError(0, 'not_tracked', 'Tracking is off for this visitor');
    }
    await this.#identifying;
    const call = async () =>
      this.#api.call<T>(method, path, {
        ...callOptions,
        visitorToken: await this.#visitorToken(),
        identityToken: this.#identity.get(),
      });
    try {
      return await call();
    } catch (error) {
      // A visitor token the API no longer knows (revoked elsewhere, or its visitor erased):
      // start over. A refused identity token is the site's to renew, not a reason to.
      if (!(error instanceof ApiError) || error.code !== ERROR_CODES.invalidVisitorToken) throw error;
      this.#token.reset();
      return call();
    }
  }

  /**
   * The visitor token for a widget's request. A returning visitor's request goes at once, not
   * after the queued events (widgets refresh on `crm-events-stored`); a visitor new to this
   * browser has nothing on the server but those events, so they are sent first, or the widget
   * would show an empty profile.
   */
  async #visitorToken(): Promise<string> {
    const known = this.#token.current() !== undefined;
    const token = await this.#token.get();
    if (!known) await this.#sender.flush();
    return token;
  }

  /** Revokes the visitor token (best effort) and starts a new session for the next visitor. */
  async #forgetVisitor(): Promise<void> {
    const token = this.#token.current();
    this.#token.reset();
    this.#session.reset();
    if (token) await this.#api.logout(token).catch(() => undefined);
  }
}
