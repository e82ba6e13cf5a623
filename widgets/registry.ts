import type { WidgetRegistry } from './core/widget-loader.ts';

/**
 * The widgets `crm.js` defines lazily: each chunk is imported only when its tag first appears
 * in the page. A new widget is one line here.
 */
export const widgets: WidgetRegistry = {
  'crm-customer-card': () => import('./customer-card/define.ts'),
  'crm-ticket-form': () => import('./ticket-form/define.ts'),
  'crm-faq': () => import('./faq/define.ts'),
  'crm-order-builder': () => import('./order-builder/define.ts'),
  'crm-offer-banner': () => import('./offer-banner/define.ts'),
};
