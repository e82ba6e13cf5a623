import { html, nothing, type TemplateResult } from 'lit';
import type { SiteKeys } from '../../../worker/contract/console.ts';
import type { Locale } from '../../core/i18n.ts';
import type { Catalog } from '../../core/i18n.ts';
import './copy-button.ts';

interface KeysMessages {
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
  snippet: string;
  snippetHint: string;
  secretHint: string;
  identityHint: string;
}

const messages: Catalog<KeysMessages> = {
  en: {
    publishableKey: 'Publishable key',
    secretKey: 'Secret key',
    identitySecret: 'Identity secret',
    snippet: 'Snippet',
    snippetHint: 'Paste this into every page of the site, before the closing </body> tag.',
    secretHint: 'For your servers only (orders, customer lookups): never put it in a page.',
    identityHint: 'Your server signs customers’ identity tokens with it (HS256).',
  },
  'zh-CN': {
    publishableKey: '公开密钥',
    secretKey: '私密密钥',
    identitySecret: '身份密钥',
    snippet: '代码片段',
    snippetHint: '将其粘贴到网站每个页面的 </body> 结束标签之前。',
    secretHint: '仅供您的服务器使用（订单、客户查询）：切勿放在页面中。',
    identityHint: '您的服务器用它签署客户的身份令牌（HS256）。',
  },
  'zh-TW': {
    publishableKey: '公開金鑰',
    secretKey: '私密金鑰',
    identitySecret: '身分密鑰',
    snippet: '程式碼片段',
    snippetHint: '將其貼到網站每個頁面的 </body> 結束標籤之前。',
    secretHint: '僅供您的伺服器使用（訂單、客戶查詢）：切勿放在頁面中。',
    identityHint: '您的伺服器用它簽署客戶的身分權杖（HS256）。',
  },
};

/** A snippet to paste, with its copy button. */
export function snippetBlock(snippet: string, locale: Locale): TemplateResult {
  const t = messages[locale];
  return html`<h3 id="snippet-heading">${t.snippet}</h3>
    <p class="hint">${t.snippetHint}</p>
    <pre aria-labelledby="snippet-heading"><code>${snippet}</code></pre>
    <crm-console-copy .text=${snippet} label=${t.snippet} locale=${locale}></crm-console-copy>`;
}

/** A secret shown once: the value, what it is for, a copy button. */
export function secretBlock(
  kind: 'secretKey' | 'identitySecret',
  value: string,
  locale: Locale,
  shownOnce: string,
): TemplateResult {
  const t = messages[locale];
  return html`<div class="secret" role="group" aria-label=${t[kind]}>
    <h3>${t[kind]}</h3>
    <p class="hint">${kind === 'secretKey' ? t.secretHint : t.identityHint}</p>
    <pre><code>${value}</code></pre>
    <crm-console-copy .text=${value} label=${t[kind]} locale=${locale}></crm-console-copy>
    <p class="error">${shownOnce}</p>
  </div>`;
}

/** New credentials as the API returns them once: keys, secrets, snippet. */
export function keysBlock(keys: SiteKeys, locale: Locale, shownOnce: string): TemplateResult {
  const t = messages[locale];
  return html`<dl>
      <dt>${t.publishableKey}</dt>
      <dd><code>${keys.publishableKey}</code></dd>
    </dl>
    ${keys.secretKey ? secretBlock('secretKey', keys.secretKey, locale, shownOnce) : nothing}
    ${keys.identitySecret ? secretBlock('identitySecret', keys.identitySecret, locale, shownOnce) : nothing}
    ${snippetBlock(keys.snippet, locale)}`;
}
