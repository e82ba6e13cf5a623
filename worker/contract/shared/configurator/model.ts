/**
 * The product model of a configurable product and a shopper's configuration of it: plain data,
 * the same in the browser and on the server. Money is always an integer in minor units.
 */

/** Locales the configurator's texts come in. */
export const CONFIGURATOR_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type ConfiguratorLocale = (typeof CONFIGURATOR_LOCALES)[number];

/** A label in English, optionally translated; a missing translation falls back to English. */
export interface Text {
  en: string;
  'zh-CN'?: string;
  'zh-TW'?: string;
}

/** How a choice changes the price: once, or for each unit picked (drawers, shelves). */
export type PriceDelta = { per: 'item'; amount: number } | { per: 'unit'; amount: number; maxUnits: number };

/** One option a shopper may pick within a group. */
export interface Choice {
  id: string;
  label: Text;
  price: PriceDelta;
  /** A CSS colour (`#rrggbb`) shown as a swatch and usable by the preview. */
  swatch?: string;
  /** URL of an image shown with the choice. */
  image?: string;
  /** False when it can no longer be ordered (sold out, discontinued). */
  available: boolean;
}

/**
 * A set of choices: `single` groups take exactly one pick (radio semantics), `multi` groups
 * between `min` and `max` units in all (checkbox semantics; a per-unit choice counts its units).
 */
export interface OptionGroup {
  id: string;
  label: Text;
  kind: 'single' | 'multi';
  min: number;
  max: number;
  /** Choices picked in a fresh configuration, one unit each. */
  defaults: string[];
  choices: Choice[];
}

/** A choice of a group, as rules and configurations name it. */
export interface ChoiceRef {
  group: string;
  choice: string;
}

/**
 * A rule between choices:
 * - `requires`: picking `when` needs at least one of `needs` picked too;
 * - `excludes`: `when` and each of `excludes` are never picked together;
 * - `limit`: while `when` is picked, at most `max` units of `group` (or only of its `choice`).
 */
export type Rule =
  | { id: string; kind: 'requires'; when: ChoiceRef; needs: ChoiceRef[] }
  | { id: string; kind: 'excludes'; when: ChoiceRef; excludes: ChoiceRef[] }
  | { id: string; kind: 'limit'; when: ChoiceRef; group: string; choice?: string; max: number };

/** From `minQuantity` pieces on, each piece costs `percentOff` percent less (rounded down to a minor unit). */
export interface PriceTier {
  minQuantity: number;
  percentOff: number;
}

/** A shape of the preview: SVG geometry whose fill is fixed or the swatch of a group's pick. */
export interface PreviewShape {
  type: 'rect' | 'circle' | 'line';
  /** Geometry attributes: x, y, width, height, rx, cx, cy, r, x1, y1, x2, y2. */
  at: Record<string, number>;
  fill?: string;
  /** Use the swatch of the choice picked in this group as the fill. */
  fillFrom?: string;
  stroke?: string;
  /** Per-unit choices: draw the shape once per unit, moved down by this much each time. */
  repeatDy?: number;
}

/** A layer of the preview, drawn only while its choice is picked (always, without `when`). */
export interface PreviewLayer {
  id: string;
  when?: ChoiceRef;
  shapes: PreviewShape[];
}

/** The preview: an SVG canvas of `width` × `height` and its layers, bottom first. */
export interface Preview {
  width: number;
  height: number;
  layers: PreviewLayer[];
}

/** Everything the configurator knows about a configurable product. */
export interface ProductModel {
  sku: string;
  name: Text;
  /** Category recorded on the order line (profiles count purchases per category). */
  category?: string;
  /** ISO 4217 code. */
  currency: string;
  /** Price of one piece before any choice, in minor units. */
  basePrice: number;
  maxQuantity: number;
  groups: OptionGroup[];
  rules: Rule[];
  /** Quantity discounts, by ascending `minQuantity`. */
  tiers: PriceTier[];
  preview?: Preview;
}

/** What a shopper picked: units per choice per group (1 for a non-per-unit choice), and how many pieces. */
export interface Configuration {
  quantity: number;
  picks: Record<string, Record<string, number>>;
}
