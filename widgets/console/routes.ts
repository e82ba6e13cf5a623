import { CONSOLE_PATH } from '../../worker/contract/constants.ts';
import type { Access } from './access.ts';

/** The console's pages; each is its own lazily loaded chunk. */
export type PageName =
  | 'sign-in'
  | 'setup'
  | 'invite'
  | 'home'
  | 'customers'
  | 'customer'
  | 'activity'
  | 'scoring'
  | 'settings'
  | 'offers'
  | 'offer'
  | 'staff'
  | 'audit'
  | 'tickets'
  | 'ticket'
  | 'serviceSites'
  | 'serviceReports'
  | 'help'
  | 'help-article'
  | 'custom-orders'
  | 'custom-order'
  | 'products';

export interface RouteDef {
  name: PageName;
  /** Path under the console, `:name` for a parameter. */
  path: string;
  /** The page's element, defined by its chunk. */
  tag: string;
  load: () => Promise<unknown>;
  /** Who may open it; `null` for the pages shown before signing in. */
  access: Access | null;
}

/** Every page: a new one is one line here and its folder. */
export const ROUTES: readonly RouteDef[] = [
  {
    name: 'sign-in',
    path: '/sign-in',
    tag: 'crm-console-sign-in',
    load: () => import('./pages/sign-in.ts'),
    access: null,
  },
  {
    name: 'setup',
    path: '/setup',
    tag: 'crm-console-setup',
    load: () => import('./pages/setup.ts'),
    access: null,
  },
  {
    name: 'invite',
    path: '/invite',
    tag: 'crm-console-invite',
    load: () => import('./pages/invite.ts'),
    access: null,
  },
  {
    name: 'home',
    path: '/sites/:siteId',
    tag: 'crm-console-home',
    load: () => import('./pages/home.ts'),
    access: 'reports',
  },
  {
    name: 'customers',
    path: '/sites/:siteId/customers',
    tag: 'crm-console-customers',
    load: () => import('./pages/customers.ts'),
    access: 'customers',
  },
  {
    name: 'customer',
    path: '/sites/:siteId/customers/:id',
    tag: 'crm-console-customer',
    load: () => import('./pages/customer.ts'),
    access: 'customers',
  },
  {
    name: 'activity',
    path: '/sites/:siteId/activity',
    tag: 'crm-console-activity',
    load: () => import('./pages/activity.ts'),
    access: 'customers',
  },
  {
    name: 'help',
    path: '/sites/:siteId/help',
    tag: 'crm-console-help',
    load: () => import('./pages/help.ts'),
    access: 'help',
  },
  {
    name: 'help-article',
    path: '/sites/:siteId/help/:id',
    tag: 'crm-console-help-article',
    load: () => import('./pages/help-article.ts'),
    access: 'help',
  },
  {
    name: 'scoring',
    path: '/sites/:siteId/scoring',
    tag: 'crm-console-scoring',
    load: () => import('./pages/scoring.ts'),
    access: 'reports',
  },
  {
    name: 'settings',
    path: '/sites/:siteId/settings',
    tag: 'crm-console-settings',
    load: () => import('./pages/settings.ts'),
    access: 'settings',
  },
  {
    name: 'custom-orders',
    path: '/sites/:siteId/custom-orders',
    tag: 'crm-console-custom-orders',
    load: () => import('./pages/custom-orders.ts'),
    access: 'configurator',
  },
  {
    name: 'custom-order',
    path: '/sites/:siteId/custom-orders/:id',
    tag: 'crm-console-custom-order',
    load: () => import('./pages/custom-order.ts'),
    access: 'configurator',
  },
  {
    name: 'products',
    path: '/sites/:siteId/products',
    tag: 'crm-console-products',
    load: () => import('./pages/products.ts'),
    access: 'configurator',
  },
  {
    name: 'offers',
    path: '/sites/:siteId/offers',
    tag: 'crm-console-offers',
    load: () => import('./pages/offers.ts'),
    access: 'offers',
  },
  {
    name: 'offer',
    path: '/sites/:siteId/offers/:offerId',
    tag: 'crm-console-offer',
    load: () => import('./pages/offer.ts'),
    access: 'offers',
  },
  {
    name: 'staff',
    path: '/staff',
    tag: 'crm-console-staff',
    load: () => import('./pages/staff.ts'),
    access: 'staff',
  },
  {
    name: 'audit',
    path: '/audit',
    tag: 'crm-console-audit',
    load: () => import('./pages/audit.ts'),
    access: 'staff',
  },
  {
    name: 'tickets',
    path: '/sites/:siteId/tickets',
    tag: 'crm-console-tickets',
    load: () => import('./pages/tickets.ts'),
    access: 'tickets',
  },
  {
    name: 'ticket',
    path: '/sites/:siteId/tickets/:id',
    tag: 'crm-console-ticket',
    load: () => import('./pages/ticket.ts'),
    access: 'tickets',
  },
  {
    name: 'serviceSites',
    path: '/sites/:siteId/service-sites',
    tag: 'crm-console-service-sites',
    load: () => import('./pages/service-sites.ts'),
    access: 'tickets',
  },
  {
    name: 'serviceReports',
    path: '/sites/:siteId/service-reports',
    tag: 'crm-console-service-reports',
    load: () => import('./pages/service-reports.ts'),
    access: 'serviceReports',
  },
];

/** A URL resolved to a page. */
export interface Match {
  route: RouteDef;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** The page a URL shows, or `null` (not a page: the root, or unknown). */
export function match(url: URL): Match | null {
  if (!url.pathname.startsWith(`${CONSOLE_PATH}/`)) return null;
  const parts = url.pathname.slice(CONSOLE_PATH.length).split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return segment === part;
    });
    if (fits) return { route, params, query: url.searchParams };
  }
  return null;
}

/** A console URL from path segments, each encoded. */
export const consoleUrl = (...segments: string[]): string =>
  [CONSOLE_PATH, ...segments.map(encodeURIComponent)].join('/');

/** The console URL of a site's page. */
export const siteUrl = (siteId: string, ...segments: string[]): string =>
  consoleUrl('sites', siteId, ...segments);
