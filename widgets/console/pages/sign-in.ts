import { html, type TemplateResult } from 'lit';
import type { ConsoleMe } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { alertFor } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';

interface SignInMessages {
  heading: string;
  intro: string;
  email: string;
  password: string;
  submit: string;
  signingIn: string;
}

const messages: Catalog<SignInMessages> = {
  en: {
    heading: 'Sign in',
    intro: 'Staff sign in with the email and password of their console account.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
  },
  'zh-CN': {
    heading: '登录',
    intro: '员工使用控制台账户的邮箱和密码登录。',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    signingIn: '正在登录…',
  },
  'zh-TW': {
    heading: '登入',
    intro: '員工使用控制台帳戶的電子郵件和密碼登入。',
    email: '電子郵件',
    password: '密碼',
    submit: '登入',
    signingIn: '正在登入…',
  },
};

/** Sign-in: email and password; the server sets the session cookie. */
export class CrmConsoleSignIn extends ConsolePage<SignInMessages> {
  static override properties = { ...ConsolePage.properties, _error: { state: true }, _busy: { state: true } };
  protected readonly messages = messages;
  declare _error: unknown;
  declare _busy: boolean;

  async #submit(event: SubmitEvent): Promise<void> {
    const field = formText(event);
    this._busy = true;
    this._error = undefined;
    try {
      const me = await this.ctx.api.post<ConsoleMe>('/sign-in', {
        email: field('email'),
        password: field('password'),
      });
      this.ctx.signedIn(me);
    } catch (error) {
      this._error = error;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
    } finally {
      this._busy = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="card">
      <h1>${t.heading}</h1>
      <p class="muted">${t.intro}</p>
      <form @submit=${(event: SubmitEvent) => void this.#submit(event)}>
        <div class="field">
          <label for="email">${t.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required autofocus />
        </div>
        <div class="field">
          <label for="password">${t.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby="sign-in-error"
          />
        </div>
        <div id="sign-in-error">${alertFor(this._error, this.ctx.locale)}</div>
        <button type="submit" ?disabled=${this._busy}>${this._busy ? t.signingIn : t.submit}</button>
      </form>
    </div>`;
  }
}

definePage('crm-console-sign-in', CrmConsoleSignIn);
