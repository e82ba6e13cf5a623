import { html, type TemplateResult } from 'lit';

/** Splits a textarea of origins, one per line (commas and spaces tolerated, trailing slashes dropped). */
export const parseOrigins = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);

/** Labels and ids of {@link siteFields}; the ids are also the form field names. */
export interface SiteFieldsOptions {
  nameId: string;
  nameLabel: string;
  originsId: string;
  originsLabel: string;
  originsHint: string;
  rows: number;
}

/** A site's name and allowed origins, as first-run setup and "add a site" both ask for them. */
export function siteFields(o: SiteFieldsOptions): TemplateResult {
  return html`<div class="field">
      <label for=${o.nameId}>${o.nameLabel}</label>
      <input id=${o.nameId} name=${o.nameId} required />
    </div>
    <div class="field">
      <label for=${o.originsId}>${o.originsLabel}</label>
      <textarea
        id=${o.originsId}
        name=${o.originsId}
        rows=${o.rows}
        required
        aria-describedby=${`${o.originsId}-hint`}
      ></textarea>
      <p class="hint" id=${`${o.originsId}-hint`}>${o.originsHint}</p>
    </div>`;
}
