import { z } from 'zod';
import { clientId, pageLimit } from './common.ts';
import { MAX_SKU_LENGTH, PRODUCTION_STATUSES, type ProductionStatus } from './constants.ts';
import type {
  Configuration,
  Evaluation,
  ModelIssue,
  PriceLine,
  ProductModel,
  Violation,
} from './shared/configurator/index.ts';

/*
 * The configurator's wire contract. The model's TypeScript types live with the engine in
 * `shared/configurator/` (the widget bundle imports them without zod); the schemas here check
 * what arrives and are held to those types by `satisfies`.
 */

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
const label = z.strictObject({
  en: z.string().min(1).max(120),
  'zh-CN': z.string().min(1).max(120).optional(),
  'zh-TW': z.string().min(1).max(120).optional(),
});
const money = z.number().int().min(0).max(100_000_000);
const ref = z.strictObject({ group: id, choice: id });
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1f2328');

const choice = z.strictObject({
  id,
  label,
  price: z.discriminatedUnion('per', [
    z.strictObject({ per: z.literal('item'), amount: money }),
    z.strictObject({ per: z.literal('unit'), amount: money, maxUnits: z.number().int().min(1).max(99) }),
  ]),
  swatch: colour.optional(),
  image: z
    .url({ protocol: /^https$/ })
    .max(2048)
    .optional(),
  available: z.boolean(),
});

const group = z.strictObject({
  id,
  label,
  kind: z.enum(['single', 'multi']),
  min: z.number().int().min(0).max(99),
  max: z.number().int().min(1).max(99),
  defaults: z.array(id).max(50),
  choices: z.array(choice).min(1).max(100),
});

const rule = z.discriminatedUnion('kind', [
  z.strictObject({ id, kind: z.literal('requires'), when: ref, needs: z.array(ref).min(1).max(20) }),
  z.strictObject({ id, kind: z.literal('excludes'), when: ref, excludes: z.array(ref).min(1).max(20) }),
  z.strictObject({
    id,
    kind: z.literal('limit'),
    when: ref,
    group: id,
    choice: id.optional(),
    max: z.number().int().min(0).max(99),
  }),
]);

const shape = z.strictObject({
  type: z.enum(['rect', 'circle', 'line']),
  at: z.partialRecord(
    z.enum(['x', 'y', 'width', 'height', 'rx', 'cx', 'cy', 'r', 'x1', 'y1', 'x2', 'y2']),
    z.number().min(-10_000).max(10_000),
  ),
  fill: colour.optional(),
  fillFrom: id.optional(),
  stroke: colour.optional(),
  repeatDy: z.number().min(-1000).max(1000).optional(),
});

/** A product model as staff save it; `checkModel` then refuses one that cannot be offered. */
export const productModel = z.strictObject({
  sku: z.string().min(1).max(MAX_SKU_LENGTH),
  name: label,
  category: z.string().min(1).max(100).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as USD'),
  basePrice: money,
  maxQuantity: z.number().int().min(1).max(10_000),
  groups: z.array(group).min(1).max(50),
  rules: z.array(rule).max(500),
  tiers: z
    .array(
      z.strictObject({
        minQuantity: z.number().int().min(2).max(10_000),
        percentOff: z.number().int().min(1).max(90),
      }),
    )
    .max(10),
  preview: z
    .strictObject({
      width: z.number().int().min(10).max(2000),
      height: z.number().int().min(10).max(2000),
      layers: z.array(z.strictObject({ id, when: ref.optional(), shapes: z.array(shape).max(50) })).max(200),
    })
    .optional(),
}) satisfies z.ZodType<ProductModel>;

/**
 * A configuration as a browser sends it. Ids and units are only bounded here: unknown ids and
 * impossible units are for the engine to explain, not for the schema to reject unexplained.
 */
export const configuration = z.strictObject({
  quantity: z.number().int().min(-1_000_000).max(1_000_000),
  picks: z
    .record(id, z.record(id, z.number().int().min(-1000).max(1000)))
    .refine(
      (picks) =>
        Object.keys(picks).length <= 60 && Object.values(picks).every((g) => Object.keys(g).length <= 100),
      'too many picks',
    ),
}) satisfies z.ZodType<Configuration>;

/** Locales the engine explains in. */
export const configuratorLocale = z.enum(['en', 'zh-CN', 'zh-TW']).default('en');

/** `:sku` in a path. */
export const skuParam = z.string().min(1).max(MAX_SKU_LENGTH);

/** A configurable product as shoppers and staff read it. */
export interface ProductResponse {
  sku: string;
  version: number;
  model: ProductModel;
  updatedAt: number;
}

/** `POST …/products/:sku/evaluate`. */
export const evaluateRequest = z.strictObject({ configuration, locale: configuratorLocale });
export type EvaluateResponse = Evaluation & { version: number };

/** `POST /v1/configurator/designs` (new) and `POST …/designs/:id` (the owner's change). */
export const designRequest = z.strictObject({ sku: skuParam, configuration });
export type DesignRequest = z.infer<typeof designRequest>;

/** A saved design. `mine` is false when it is read through a share link: it can be copied, not changed. */
export interface DesignResponse {
  id: string;
  sku: string;
  modelVersion: number;
  configuration: Configuration;
  mine: boolean;
  shared: boolean;
  updatedAt: number;
}

/** `POST …/designs/:id/share`: the link's token, shown once; a new share replaces the old link. */
export interface ShareResponse {
  shareToken: string;
}

/** A design's id in a path. */
export const designIdParam = clientId;
/** A share token in a path. */
export const shareTokenParam = z
  .string()
  .min(20)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * `POST /v1/configurator/orders` with an `Idempotency-Key`. `expectedTotal` is the total the
 * shopper was shown: the server prices the configuration itself and refuses the order (409
 * `price_changed`, with its own price) when the two differ, so nobody pays a price they did not see.
 */
export const placeOrderRequest = z.strictObject({
  sku: skuParam,
  configuration,
  expectedTotal: z.number().int().min(0).max(1_000_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  designId: designIdParam.optional(),
  locale: configuratorLocale,
});
export type PlaceOrderRequest = z.infer<typeof placeOrderRequest>;

/** A custom order as its customer sees it. */
export interface MyCustomOrder {
  reference: string;
  sku: string;
  name: string;
  quantity: number;
  total: number;
  currency: string;
  status: ProductionStatus;
  statusAt: number;
  placedAt: number;
}

/** The answer to a placement: the order's reference, status and what the server priced. */
export interface PlaceOrderResponse extends MyCustomOrder {
  lines: PriceLine[];
  unitPrice: number;
}

/** 422 `invalid_configuration`: the violations, explained in the request's locale. */
export interface InvalidConfigurationBody {
  error: { code: 'invalid_configuration'; message: string; violations: Violation[] };
}

/** 422 `invalid_model`: why `checkModel` refused the model. */
export interface InvalidModelBody {
  error: { code: 'invalid_model'; message: string; issues: ModelIssue[] };
}

/** Staff list of custom orders: newest first, keyset paged, optionally one status or one UTC day. */
export const customOrderListQuery = z.strictObject({
  status: z.enum(PRODUCTION_STATUSES).optional(),
  day: z.iso.date().optional(),
  before: z.string().max(100).optional(),
  limit: pageLimit,
});

/** One custom order in the staff list. */
export interface CustomOrderRow {
  orderId: string;
  reference: string;
  sku: string;
  customerId: string;
  customerName: string | null;
  quantity: number;
  total: number;
  currency: string;
  status: ProductionStatus;
  statusAt: number;
  placedAt: number;
}

/** A page of the staff list; `next` is the cursor of the following page. */
export interface CustomOrderPage {
  orders: CustomOrderRow[];
  next: string | null;
}

/** One custom order for the factory: the configuration in words, the priced lines, the log. */
export interface CustomOrderDetail extends CustomOrderRow {
  customerEmail: string | null;
  modelVersion: number;
  configuration: Configuration;
  /** Group by group, the choices with their units, in the model's words (English). */
  spec: { group: string; choices: { label: string; units: number }[] }[];
  lines: PriceLine[];
  unitPrice: number;
  log: { status: ProductionStatus; note: string | null; actor: string | null; at: number }[];
}

/** `POST …/custom-orders/:id/status`. */
export const statusChangeRequest = z.strictObject({
  status: z.enum(PRODUCTION_STATUSES),
  note: z.string().max(500).optional(),
});

/** `GET …/custom-orders.csv?day=YYYY-MM-DD`. */
export const exportQuery = z.strictObject({ day: z.iso.date() });

/** A product's model, as staff save it. */
export const saveModelRequest = z.strictObject({ model: productModel });
