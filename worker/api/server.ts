import { Hono, type MiddlewareHandler } from 'hono';
import { authorize } from '../http/authorize.ts';
import type { AppEnv } from '../http/env.ts';
import { secretKey } from '../http/secret-key.ts';
import type { ServiceContext } from '../modules/context.ts';
import { orderRoutes } from '../modules/orders/routes.ts';
import { customerRoutes } from '../modules/profiles/routes.ts';
import { findSiteBySecretKey } from '../modules/sites/service.ts';
import { serverSurveyRoutes } from '../modules/tickets/routes.ts';
import { guarded } from './guarded.ts';

/** Routes for the site's own servers: the secret key (`Authorization: Bearer sk_…`) names the site. */
export function serverApi(ctx: ServiceContext, rateLimit: MiddlewareHandler) {
  const guards = [rateLimit, secretKey((key) => findSiteBySecretKey(ctx, key))];
  return new Hono<AppEnv>()
    .route('/orders', guarded([...guards, authorize('orders.write')], orderRoutes(ctx)))
    .route('/customers', guarded([...guards, authorize('customers.read')], customerRoutes(ctx)))
    .route(
      '/satisfaction-surveys',
      guarded([...guards, authorize('customers.read')], serverSurveyRoutes(ctx)),
    );
}
