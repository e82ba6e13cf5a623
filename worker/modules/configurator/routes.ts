import { Hono } from 'hono';
import {
  customOrderListQuery,
  designIdParam,
  designRequest,
  evaluateRequest,
  exportQuery,
  placeOrderRequest,
  saveModelRequest,
  shareTokenParam,
  skuParam,
  statusChangeRequest,
  type InvalidConfigurationBody,
  type InvalidModelBody,
} from '../../contract/configurator.ts';
import { idParam } from '../../contract/console.ts';
import { emptyBody } from '../../contract/common.ts';
import { IDENTITY_HEADER } from '../../contract/constants.ts';
import { IDEMPOTENCY_HEADER, idempotencyKey } from '../../contract/orders.ts';
import { authorize } from '../../http/authorize.ts';
import { bearerToken } from '../../http/bearer.ts';
import { badRequest, unauthorized } from '../../http/errors.ts';
import { parseInput, readBody } from '../../http/body.ts';
import type { AppContext, AppEnv } from '../../http/env.ts';
import type { ServiceContext } from '../context.ts';
import { requireVisitor } from '../identity/visitor-auth.ts';
import { myCustomerId } from '../profiles/service.ts';
import { siteById } from '../sites/settings.ts';
import { audit } from '../staff/audit.ts';
import {
  copySharedDesign,
  createDesign,
  evaluateFor,
  getProduct,
  isIdentified,
  listProducts,
  myCustomOrders,
  myDesigns,
  placeOrder,
  readDesign,
  saveProduct,
  shareDesign,
  sharedDesign,
  updateDesign,
} from './service.ts';
import { changeStatus, customOrderDetail, exportDay, listCustomOrders } from './staff.ts';

/** The caller's profile, only from verified tokens (visitor token, plus identity once identified). */
async function me(ctx: ServiceContext, c: AppContext): Promise<string> {
  const visitor = await requireVisitor(ctx, c);
  return myCustomerId(ctx, c.get('site'), visitor, c.req.header(IDENTITY_HEADER));
}

/**
 * `/v1/configurator`: what `<crm-order-builder>` calls. Models and evaluation are public
 * (the publishable key); designs and orders belong to the profile the tokens name, and a
 * design is readable by others only through its share link, read-only.
 */
export function configuratorRoutes(ctx: ServiceContext) {
  return new Hono<AppEnv>()
    .get('/products/:sku', async (c) => {
      const sku = parseInput(skuParam, c.req.param('sku'));
      return c.json(await getProduct(ctx, c.get('site'), sku), 200);
    })
    .post('/products/:sku/evaluate', async (c) => {
      const sku = parseInput(skuParam, c.req.param('sku'));
      const { configuration, locale } = await readBody(c, evaluateRequest);
      return c.json(await evaluateFor(ctx, c.get('site'), sku, configuration, locale), 200);
    })
    .get('/designs', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await myDesigns(ctx, c.get('site'), await me(ctx, c)), 200);
    })
    .post('/designs', async (c) => {
      const body = await readBody(c, designRequest);
      return c.json(await createDesign(ctx, c.get('site'), await me(ctx, c), body), 201);
    })
    .get('/designs/:id', async (c) => {
      const id = parseInput(designIdParam, c.req.param('id'));
      c.header('Cache-Control', 'no-store');
      return c.json(await readDesign(ctx, c.get('site'), await me(ctx, c), id), 200);
    })
    .post('/designs/:id', async (c) => {
      const id = parseInput(designIdParam, c.req.param('id'));
      const body = await readBody(c, designRequest);
      return c.json(await updateDesign(ctx, c.get('site'), await me(ctx, c), id, body), 200);
    })
    .post('/designs/:id/share', async (c) => {
      const id = parseInput(designIdParam, c.req.param('id'));
      await readBody(c, emptyBody);
      return c.json(await shareDesign(ctx, c.get('site'), await me(ctx, c), id), 200);
    })
    .get('/shared/:token', async (c) => {
      const token = parseInput(shareTokenParam, c.req.param('token'));
      // Anyone with the link reads it; a reader with tokens is told whether it is their own.
      const reader = bearerToken(c) ? await me(ctx, c) : null;
      c.header('Cache-Control', 'no-store');
      return c.json(await sharedDesign(ctx, c.get('site'), token, reader), 200);
    })
    .post('/shared/:token/copy', async (c) => {
      const token = parseInput(shareTokenParam, c.req.param('token'));
      await readBody(c, emptyBody);
      return c.json(await copySharedDesign(ctx, c.get('site'), token, await me(ctx, c)), 201);
    })
    .get('/orders', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await myCustomOrders(ctx, c.get('site'), await me(ctx, c)), 200);
    })
    .post('/orders', async (c) => {
      const key = parseInput(idempotencyKey, c.req.header(IDEMPOTENCY_HEADER));
      const body = await readBody(c, placeOrderRequest);
      const customerId = await me(ctx, c);
      if (!(await isIdentified(ctx, customerId))) {
        throw unauthorized('identity_required', 'Sign in on the site to place an order');
      }
      const result = await placeOrder(ctx, c.get('site'), customerId, key, body);
      if (!result.ok) {
        const [first] = result.violations;
        return c.json<InvalidConfigurationBody>(
          {
            error: {
              code: 'invalid_configuration',
              message: first?.message ?? 'The configuration is not valid',
              violations: result.violations,
            },
          },
          422,
        );
      }
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.order, result.replayed ? 200 : 201);
    });
}

/**
 * The console's configurator of one site (`/sites/:siteId/configurator`): product models
 * (read by service staff, saved by owners and admins, refused with reasons when they cannot be
 * offered), custom orders, their production moves (logged) and a day's CSV for the factory.
 */
export function consoleConfiguratorRoutes(ctx: ServiceContext) {
  const site = (c: AppContext) => siteById(ctx, parseInput(idParam, c.req.param('siteId')));
  return new Hono<AppEnv>()
    .get('/products', authorize('configurator.read'), async (c) => {
      return c.json(await listProducts(ctx, await site(c)), 200);
    })
    .get('/products/:sku', authorize('configurator.read'), async (c) => {
      const sku = parseInput(skuParam, c.req.param('sku'));
      return c.json(await getProduct(ctx, await site(c), sku), 200);
    })
    .post('/products/:sku', authorize('configurator.write'), async (c) => {
      const sku = parseInput(skuParam, c.req.param('sku'));
      const { model } = await readBody(c, saveModelRequest, { maxBytes: 512 * 1024 });
      if (model.sku !== sku) throw badRequest('validation_failed', 'model.sku: must be the sku in the path');
      const current = await site(c);
      const result = await saveProduct(ctx, current, model);
      if (!result.ok) {
        const [first] = result.issues;
        return c.json<InvalidModelBody>(
          {
            error: {
              code: 'invalid_model',
              message: first?.message ?? 'The model cannot be offered',
              issues: result.issues,
            },
          },
          422,
        );
      }
      const principal = c.get('principal');
      if (principal.kind === 'staff') {
        await audit(ctx, {
          staffId: principal.member.id,
          actor: principal.member.email,
          action: 'configurator.model_saved',
          siteId: current.id,
          targetType: 'product',
          targetId: sku,
          detail: { version: result.product.version },
        });
      }
      return c.json(result.product, 200);
    })
    .get('/orders', authorize('configurator.read'), async (c) => {
      const query = parseInput(customOrderListQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json(await listCustomOrders(ctx, await site(c), query), 200);
    })
    .get('/orders.csv', authorize('configurator.read'), async (c) => {
      const { day } = parseInput(exportQuery, c.req.query());
      const csv = await exportDay(ctx, await site(c), day);
      c.header('Content-Disposition', `attachment; filename="custom-orders-${day}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .get('/orders/:id', authorize('configurator.read'), async (c) => {
      const id = parseInput(idParam, c.req.param('id'));
      c.header('Cache-Control', 'no-store');
      return c.json(await customOrderDetail(ctx, await site(c), id), 200);
    })
    .post('/orders/:id/status', authorize('production.write'), async (c) => {
      const id = parseInput(idParam, c.req.param('id'));
      const change = await readBody(c, statusChangeRequest);
      const principal = c.get('principal');
      const actor = principal.kind === 'staff' ? principal.member.email : 'server';
      return c.json(await changeStatus(ctx, await site(c), id, change, actor), 200);
    });
}
