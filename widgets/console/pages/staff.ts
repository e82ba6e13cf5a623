import { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { StaffMember } from '../../../worker/contract/console.ts';
import { STAFF_ROLES, type StaffRole } from '../../../worker/contract/constants.ts';
import type { Catalog } from '../../core/i18n.ts';
import { messages as shell } from '../messages.ts';
import { ConsolePage } from '../page.ts';
import '../ui/copy-button.ts';
import { alertFor, renderTask } from '../ui/states.ts';
import { formText } from '../ui/form.ts';
import { definePage } from './define.ts';

interface StaffMessages {
  heading: string;
  invite: string;
  inviteHint: string;
  email: string;
  role: string;
  send: string;
  inviteLink: string;
  inviteExpires: (date: string) => string;
  members: string;
  name: string;
  status: string;
  active: string;
  inactive: string;
  lastSignIn: string;
  actions: string;
  roleOf: (name: string) => string;
  deactivate: string;
  reactivate: string;
  updated: (name: string) => string;
  you: string;
}

const messages: Catalog<StaffMessages> = {
  en: {
    heading: 'Staff',
    invite: 'Invite a member',
    inviteHint: 'Creates a one-time link to send them; it works for 7 days.',
    email: 'Email',
    role: 'Role',
    send: 'Create invitation link',
    inviteLink: 'Invitation link',
    inviteExpires: (date) => `Works once, until ${date}.`,
    members: 'Members',
    name: 'Name',
    status: 'Status',
    active: 'Active',
    inactive: 'Deactivated',
    lastSignIn: 'Last sign-in',
    actions: 'Actions',
    roleOf: (name) => `Role of ${name}`,
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    updated: (name) => `${name} updated.`,
    you: '(you)',
  },
  'zh-CN': {
    heading: '员工',
    invite: '邀请成员',
    inviteHint: '生成一次性链接发给对方；7 天内有效。',
    email: '邮箱',
    role: '角色',
    send: '生成邀请链接',
    inviteLink: '邀请链接',
    inviteExpires: (date) => `仅可使用一次，有效期至 ${date}。`,
    members: '成员',
    name: '姓名',
    status: '状态',
    active: '在职',
    inactive: '已停用',
    lastSignIn: '最近登录',
    actions: '操作',
    roleOf: (name) => `${name} 的角色`,
    deactivate: '停用',
    reactivate: '重新启用',
    updated: (name) => `已更新 ${name}。`,
    you: '（您）',
  },
  'zh-TW': {
    heading: '員工',
    invite: '邀請成員',
    inviteHint: '產生一次性連結傳給對方；7 天內有效。',
    email: '電子郵件',
    role: '角色',
    send: '產生邀請連結',
    inviteLink: '邀請連結',
    inviteExpires: (date) => `僅可使用一次，有效期至 ${date}。`,
    members: '成員',
    name: '姓名',
    status: '狀態',
    active: '在職',
    inactive: '已停用',
    lastSignIn: '最近登入',
    actions: '操作',
    roleOf: (name) => `${name} 的角色`,
    deactivate: '停用',
    reactivate: '重新啟用',
    updated: (name) => `已更新 ${name}。`,
    you: '（您）',
  },
};

/** Staff (owner): invite by one-time link, change a member's role, deactivate or reactivate. */
export class CrmConsoleStaff extends ConsolePage<StaffMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _invite: { state: true },
    _inviteError: { state: true },
    _updateError: { state: true },
    _updated: { state: true },
  };
  protected readonly messages = messages;
  declare _invite: { inviteUrl: string; expiresAt: number } | undefined;
  declare _inviteError: unknown;
  declare _updateError: unknown;
  declare _updated: string;

  constructor() {
    super();
    this._updated = '';
  }

  readonly #staff = new Task(this, {
    task: ([api], { signal }) => api.get<{ staff: StaffMember[] }>('/staff', signal),
    args: () => [this.ctx.api] as const,
  });

  async #inviteMember(event: SubmitEvent): Promise<void> {
    const form = event.target as HTMLFormElement;
    const field = formText(event);
    this._inviteError = undefined;
    this._invite = undefined;
    try {
      this._invite = await this.ctx.api.post<{ inviteUrl: string; expiresAt: number }>('/staff/invites', {
        email: field('email'),
        role: field('role'),
      });
      form.reset();
    } catch (error) {
      this._inviteError = error;
    }
  }

  async #update(member: StaffMember, change: { role?: StaffRole; active?: boolean }): Promise<void> {
    this._updateError = undefined;
    this._updated = '';
    try {
      await this.ctx.api.patch<StaffMember>(`/staff/${encodeURIComponent(member.id)}`, change);
      this._updated = this.t.updated(member.name);
    } catch (error) {
      this._updateError = error;
    }
    await this.#staff.run();
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.heading}</h1>
      ${this.#inviteForm()}
      <section class="card" aria-labelledby="members">
        <h2 id="members">${t.members}</h2>
        ${alertFor(this._updateError, this.ctx.locale)}
        <p role="status" class="success">${this._updated}</p>
        ${renderTask(this.#staff, this.ctx.locale, ({ staff }) => this.#table(staff))}
      </section>`;
  }

  #roleOptions(selected: StaffRole): TemplateResult[] {
    const roles = shell[this.ctx.locale].roles;
    return STAFF_ROLES.map(
      (role) => html`<option value=${role} ?selected=${role === selected}>${roles[role]}</option>`,
    );
  }

  #inviteForm(): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    return html`<section class="card" aria-labelledby="invite">
      <h2 id="invite">${t.invite}</h2>
      <p class="muted">${t.inviteHint}</p>
      <form class="row" @submit=${(e: SubmitEvent) => void this.#inviteMember(e)}>
        <div class="field">
          <label for="email">${t.email}</label>
          <input id="email" name="email" type="email" required autocomplete="off" />
        </div>
        <div class="field">
          <label for="role">${t.role}</label>
          <select id="role" name="role">
            ${this.#roleOptions('service')}
          </select>
        </div>
        <div class="field"><button type="submit">${t.send}</button></div>
      </form>
      ${alertFor(this._inviteError, this.ctx.locale)}
      ${
        this._invite
          ? html`<div role="status">
              <h3>${t.inviteLink}</h3>
              <pre><code>${this._invite.inviteUrl}</code></pre>
              <crm-console-copy
                .text=${this._invite.inviteUrl}
                label=${t.inviteLink}
                locale=${this.ctx.locale}
              ></crm-console-copy>
              <p class="hint">${t.inviteExpires(f.dateTime(this._invite.expiresAt))}</p>
            </div>`
          : nothing
      }
    </section>`;
  }

  #table(staff: StaffMember[]): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const self = this.ctx.me?.member.id;
    return html`<div class="scroll" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.email}</th>
            <th scope="col">${t.role}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.lastSignIn}</th>
            <th scope="col">${t.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${staff.map(
            (m) =>
              html`<tr>
                <td>${m.name} ${m.id === self ? html`<span class="muted">${t.you}</span>` : nothing}</td>
                <td>${m.email}</td>
                <td>
                  <select
                    aria-label=${t.roleOf(m.name)}
                    @change=${(e: Event) =>
                      void this.#update(m, { role: (e.target as HTMLSelectElement).value as StaffRole })}
                  >
                    ${this.#roleOptions(m.role)}
                  </select>
                </td>
                <td>${m.active ? t.active : html`<span class="error">${t.inactive}</span>`}</td>
                <td>${m.lastSignInAt ? f.dateTime(m.lastSignInAt) : '—'}</td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    aria-label="${m.active ? t.deactivate : t.reactivate}: ${m.name}"
                    @click=${() => void this.#update(m, { active: !m.active })}
                  >
                    ${m.active ? t.deactivate : t.reactivate}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

definePage('crm-console-staff', CrmConsoleStaff);
