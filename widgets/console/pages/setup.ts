import { Task } from '@lit/task';
import { css, html, type nothing, type TemplateResult } from 'lit';
import type { SetupStatus, SiteKeys } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { consoleUrl } from '../routes.ts';
import { common } from '../ui/common.messages.ts';
import { keysBlock } from '../ui/keys.ts';
import { parseOrigins, siteFields } from '../ui/origins.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';

interface SetupMessages {
  heading: string;
  intro: string;
  done: string;
  signIn: string;
  token: string;
  tokenHint: string;
  owner: string;
  name: string;
  email: string;
  password: string;
  passwordHint: string;
  site: string;
  siteName: string;
  origins: string;
  originsHint: string;
  submit: string;
  created: string;
  continue: string;
}

const messages: Catalog<SetupMessages> = {
  en: {
    heading: 'Set up the CRM',
    intro: 'Create the owner account and the first site. This page works once, with the setup token.',
    done: 'This installation is set up already.',
    signIn: 'Go to sign in',
    token: 'Setup token',
    tokenHint: 'Printed by the server when it starts (on Workers: the SETUP_TOKEN secret).',
    owner: 'Owner account',
    name: 'Your name',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 12 characters; a long passphrase is best.',
    site: 'First site',
    siteName: 'Site name',
    origins: 'Allowed origins',
    originsHint: 'One per line, like https://shop.example (or *.shop.example for its subdomains).',
    submit: 'Create owner and site',
    created: 'Your site is ready. Paste the snippet into its pages.',
    continue: 'Continue to the console',
  },
  'zh-CN': {
    heading: '设置 CRM',
    intro: '创建所有者账户和第一个站点。此页面凭设置令牌只能使用一次。',
    done: '此安装已完成设置。',
    signIn: '前往登录',
    token: '设置令牌',
    tokenHint: '服务器启动时打印（在 Workers 上为 SETUP_TOKEN 密钥）。',
    owner: '所有者账户',
    name: '您的姓名',
    email: '邮箱',
    password: '密码',
    passwordHint: '至少 12 个字符；最好使用较长的密码短语。',
    site: '第一个站点',
    siteName: '站点名称',
    origins: '允许的来源',
    originsHint: '每行一个，例如 https://shop.example（或用 *.shop.example 表示其子域名）。',
    submit: '创建所有者和站点',
    created: '站点已就绪。请将代码片段粘贴到其页面中。',
    continue: '进入控制台',
  },
  'zh-TW': {
    heading: '設定 CRM',
    intro: '建立擁有者帳戶和第一個網站。此頁面憑設定權杖只能使用一次。',
    done: '此安裝已完成設定。',
    signIn: '前往登入',
    token: '設定權杖',
    tokenHint: '伺服器啟動時列印（在 Workers 上為 SETUP_TOKEN 密鑰）。',
    owner: '擁有者帳戶',
    name: '您的姓名',
    email: '電子郵件',
    password: '密碼',
    passwordHint: '至少 12 個字元；最好使用較長的密碼片語。',
    site: '第一個網站',
    siteName: '網站名稱',
    origins: '允許的來源',
    originsHint: '每行一個，例如 https://shop.example（或用 *.shop.example 表示其子網域）。',
    submit: '建立擁有者和網站',
    created: '網站已就緒。請將程式碼片段貼到其頁面中。',
    continue: '進入控制台',
  },
};

/** First run: the owner account and the first site, then the snippet to paste. */
export class CrmConsoleSetup extends ConsolePage<SetupMessages> {
  static override styles = [
    ...ConsolePage.styles,
    css`
      .next {
        margin-block-start: var(--_crm-space);
      }
    `,
  ];
  static override properties = {
    ...ConsolePage.properties,
    _error: { state: true },
    _busy: { state: true },
    _keys: { state: true },
  };
  protected readonly messages = messages;
  declare _error: unknown;
  declare _busy: boolean;
  declare _keys: SiteKeys | undefined;

  readonly #status = new Task(this, {
    task: ([api], { signal }) => api.get<SetupStatus>('/setup', signal),
    args: () => [this.ctx.api] as const,
  });

  async #submit(event: SubmitEvent): Promise<void> {
    const field = formText(event);
    this._busy = true;
    this._error = undefined;
    try {
      this._keys = await this.ctx.api.post<SiteKeys>('/setup', {
        setupToken: field('token').trim(),
        owner: { name: field('name'), email: field('email'), password: field('password') },
        site: { name: field('site'), allowedOrigins: parseOrigins(field('origins')) },
      });
    } catch (error) {
      this._error = error;
    } finally {
      this._busy = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="card">
      <h1>${t.heading}</h1>
      ${this._keys ? this.#created(this._keys) : renderTask(this.#status, this.ctx.locale, (s) => this.#form(s))}
    </div>`;
  }

  #created(keys: SiteKeys): TemplateResult {
    const t = this.t;
    return html`<p class="success" role="status">${t.created}</p>
      ${keysBlock(keys, this.ctx.locale, common[this.ctx.locale].shownOnce)}
      <p class="next">
        <button
          type="button"
          @click=${async () => {
            // Setup signed the new owner in: the console starts with their sites.
            await this.ctx.reloadMe().catch(() => undefined);
            this.ctx.navigate(consoleUrl(), { replace: true });
          }}
        >
          ${t.continue}
        </button>
      </p>`;
  }

  #form(status: SetupStatus): TemplateResult | typeof nothing {
    const t = this.t;
    if (!status.needed) {
      return html`<p>${t.done}</p>
        <p><a href=${consoleUrl('sign-in')}>${t.signIn}</a></p>`;
    }
    return html`<p class="muted">${t.intro}</p>
      <form @submit=${(event: SubmitEvent) => void this.#submit(event)}>
        <div class="field">
          <label for="token">${t.token}</label>
          <input id="token" name="token" required autocomplete="off" aria-describedby="token-hint" />
          <p class="hint" id="token-hint">${t.tokenHint}</p>
        </div>
        <fieldset class="field">
          <legend>${t.owner}</legend>
          <div class="field">
            <label for="name">${t.name}</label>
            <input id="name" name="name" required autocomplete="name" />
          </div>
          <div class="field">
            <label for="email">${t.email}</label>
            <input id="email" name="email" type="email" required autocomplete="username" />
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
        </fieldset>
        <fieldset class="field">
          <legend>${t.site}</legend>
          ${siteFields({
            nameId: 'site',
            nameLabel: t.siteName,
            originsId: 'origins',
            originsLabel: t.origins,
            originsHint: t.originsHint,
            rows: 3,
          })}
        </fieldset>
        ${alertFor(this._error, this.ctx.locale)}
        <button type="submit" ?disabled=${this._busy}>${t.submit}</button>
      </form>`;
  }
}

definePage('crm-console-setup', CrmConsoleSetup);
