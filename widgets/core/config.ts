/** Settings read from the script tag. */
export interface CrmConfig {
  /** Publishable key (`data-site-key`, `pk_…`). */
  siteKey: string;
  /** API origin (`data-endpoint`); defaults to the origin `crm.js` was loaded from. */
  endpoint: string;
  /** `data-consent="required"`: store and send nothing until `crm.consent(true)`. */
  consentRequired: boolean;
}

/**
 * Reads the settings of the script tag that loaded `moduleUrl`. Module scripts have no
 * `document.currentScript`, so the tag is found by its resolved `src`.
 */
export function readConfig(moduleUrl: string): CrmConfig | undefined {
  const tags = [...document.querySelectorAll<HTMLScriptElement>('script[data-site-key]')];
  const tag =
    tags.find((script) => script.src === moduleUrl) ?? tags.find((script) => script.src.includes('crm'));
  const siteKey = tag?.dataset.siteKey;
  if (!siteKey?.startsWith('pk_')) {
    // A secret key here would be public to every visitor: refuse rather than use it.
    console.error('crm: data-site-key must be a publishable key (pk_…)');
    return undefined;
  }
  return {
    siteKey,
    endpoint: tag?.dataset.endpoint || new URL(moduleUrl).origin,
    consentRequired: tag?.dataset.consent === 'required',
  };
}
