import { html, type TemplateResult } from 'lit';
import type { ConsoleMe } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { alertFor } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';

interface InviteMessages {
  heading: string;
  intro: string;
  missing: string;
  name: string;
  password: string;
  passwordHint: string;
  submit: string;
}

const messages: Catalog<InviteMessages> = {
  en: {
    heading: 'Join the console',
    intro: 'You were invited to the CRM console. Choose your name and a password to create your account.',
    missing: 'This link has no invitation in it. Open the whole link you were sent.',
    name: 'Your name',
    password: 'Password',
    passwordHint: 'At least 12 characters; a long passphrase is best.',
    submit: 'Create my account',
  },
  'zh-CN': {
    heading: '加入控制台',
    intro: '您受邀加入 CRM 控制台。请填写姓名并设置密码以创建账户。',
    missing: '此链接中没有邀请信息。请打开收到的完整链接。',
    name: '您的姓名',
    password: '密码',
    passwordHint: '至少 12 个字符；最好使用较长的密码短语。',
    submit: '创建我的账户',
  },
  'zh-TW': {
    heading: '加入控制台',
    intro: '您受邀加入 CRM 控制台。請填寫姓名並設定密碼以建立帳戶。',
    missing: '此連結中沒有邀請資訊。請開啟收到的完整連結。',
    name: '您的姓名',
    password: '密碼',
    passwordHint: '至少 12 個字元；最好使用較長的密碼片語。',
    submit: '建立我的帳戶',
  },
};

/**
 * Accepting an invitation: the one-time token comes in the link's fragment;
 * the new member names themself, picks a password and is signed in.
 */
export class CrmConsoleInvite extends ConsolePage<InviteMessages> {
  static override properties = { ...ConsolePage.properties, _error: { state: true }, _busy: { state: true } };
  protected readonly messages = messages;
  declare _error: unknown;
  declare _busy: boolean;

  /** The token rides in the fragment (`#<token>`), which browsers never send to servers. */
  get #token(): string {
    return decodeURIComponent(location.hash.slice(1));
  }

  async #submit(event: SubmitEvent): Promise<void> {
    const field = formText(event);
    this._busy = true;
    this._error = undefined;
    try {
      const me = await this.ctx.api.post<ConsoleMe>('/invites/accept', {
        token: this.#token,
        name: field('name'),
        password: field('password'),
      });
      this.ctx.signedIn(me);
    } catch (error) {
      this._error = error;
    } finally {
      this._busy = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.#token) {
      return html`<div class="card">
        <h1>${t.heading}</h1>
        <p class="error">${t.missing}</p>
      </div>`;
    }
    return html`<div class="card">
      <h1>${t.heading}</h1>
      <p class="muted">${t.intro}</p>
      <form @submit=${(event: SubmitEvent) => void this.#submit(event)}>
        <div class="field">
          <label for="name">${t.name}</label>
          <input id="name" name="name" required autocomplete="name" />
        </div>
        <div class="field">
          <label for="password">${t.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minlength="12"
            autocomplete="new-password"
            aria-describedby="password-hint"
          />
          <p class="hint" id="password-hint">${t.passwordHint}</p>
        </div>
        ${alertFor(this._error, this.ctx.locale)}
        <button type="submit" ?disabled=${this._busy}>${t.submit}</button>
      </form>
    </div>`;
  }
}

definePage('crm-console-invite', CrmConsoleInvite);
