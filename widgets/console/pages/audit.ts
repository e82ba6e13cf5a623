import { html, nothing, type TemplateResult } from 'lit';
import type { AuditPage } from '../../../worker/contract/console.ts';
import type { Catalog } from '../../core/i18n.ts';
import { ConsolePage } from '../page.ts';
import { alertFor } from '../ui/states.ts';
import { common } from '../ui/common.messages.ts';
import { definePage } from './define.ts';

interface AuditMessages {
  heading: string;
  intro: string;
  time: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
  older: string;
  none: string;
  system: string;
}

const messages: Catalog<AuditMessages> = {
  en: {
    heading: 'Audit log',
    intro:
      'Who signed in, viewed a customer, changed keys, settings or staff. Kept, never editable; newest first.',
    time: 'Time',
    actor: 'Who',
    action: 'Action',
    target: 'Target',
    detail: 'Detail',
    older: 'Older entries',
    none: 'No entries yet.',
    system: 'system',
  },
  'zh-CN': {
    heading: '审计日志',
    intro: '谁登录了、查看了哪位客户、更改了密钥、设置或员工。永久保留，不可编辑；最新的在前。',
    time: '时间',
    actor: '操作人',
    action: '操作',
    target: '对象',
    detail: '详情',
    older: '更早的记录',
    none: '还没有记录。',
    system: '系统',
  },
  'zh-TW': {
    heading: '稽核日誌',
    intro: '誰登入了、檢視了哪位客戶、變更了金鑰、設定或員工。永久保留，不可編輯；最新的在前。',
    time: '時間',
    actor: '操作人',
    action: '操作',
    target: '對象',
    detail: '詳情',
    older: '更早的記錄',
    none: '尚無記錄。',
    system: '系統',
  },
};

type Entry = AuditPage['entries'][number];

/** The audit log (owner): newest first, older pages on demand. */
export class CrmConsoleAudit extends ConsolePage<AuditMessages> {
  static override properties = {
    ...ConsolePage.properties,
    _entries: { state: true },
    _cursor: { state: true },
    _error: { state: true },
    _loading: { state: true },
  };
  protected readonly messages = messages;
  declare _entries: Entry[] | undefined;
  declare _cursor: number | null;
  declare _error: unknown;
  declare _loading: boolean;

  protected override firstUpdated(): void {
    void this.#load();
  }

  async #load(before?: number): Promise<void> {
    this._loading = true;
    this._error = undefined;
    try {
      const page = await this.ctx.api.get<AuditPage>('/audit', undefined, { before, limit: 50 });
      this._entries = [...(before ? (this._entries ?? []) : []), ...page.entries];
      this._cursor = page.nextCursor;
    } catch (error) {
      this._error = error;
    } finally {
      this._loading = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const f = this.ctx.format;
    const entries = this._entries;
    return html`<h1>${t.heading}</h1>
      <p class="muted">${t.intro}</p>
      <div class="card">
        ${alertFor(this._error, this.ctx.locale)}
        ${
          entries === undefined
            ? this._loading
              ? html`<p role="status">${common[this.ctx.locale].loading}</p>`
              : nothing
            : entries.length === 0
              ? html`<p>${t.none}</p>`
              : html`<div class="scroll" tabindex="0">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">${t.time}</th>
                        <th scope="col">${t.actor}</th>
                        <th scope="col">${t.action}</th>
                        <th scope="col">${t.target}</th>
                        <th scope="col">${t.detail}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${entries.map(
                        (e) =>
                          html`<tr>
                            <td class="nowrap">${f.dateTime(e.at)}</td>
                            <td>${e.actor ?? t.system}</td>
                            <td><code>${e.action}</code></td>
                            <td>
                              ${e.targetType ? html`${e.targetType} <code>${e.targetId ?? ''}</code>` : '—'}
                            </td>
                            <td>${e.detail ? html`<code>${JSON.stringify(e.detail)}</code>` : '—'}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
        }
        ${
          this._cursor
            ? html`<button
                type="button"
                class="secondary"
                ?disabled=${this._loading}
                @click=${() => void this.#load(this._cursor ?? undefined)}
              >
                ${t.older}
              </button>`
            : nothing
        }
      </div>`;
  }
}

definePage('crm-console-audit', CrmConsoleAudit);
