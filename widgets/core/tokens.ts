import { css } from 'lit';

/**
 * Design tokens every widget reads. Sites theme the kit by setting the public `--crm-*`
 * properties anywhere above a widget; widgets use only the private `--_crm-*` copies, which
 * carry the defaults.
 */
export const tokens = css`
  :host {
    --_crm-font-family: var(--crm-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_crm-color-text: var(--crm-color-text, #1f2328);
    --_crm-color-muted: var(--crm-color-muted, #656d76);
    --_crm-color-accent: var(--crm-color-accent, #0969da);
    --_crm-color-surface: var(--crm-color-surface, #ffffff);
    --_crm-color-border: var(--crm-color-border, #d0d7de);
    --_crm-radius: var(--crm-radius, 8px);
    --_crm-space: var(--crm-space, 16px);
  }
`;
