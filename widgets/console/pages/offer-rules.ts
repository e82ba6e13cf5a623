import type { TargetingKind, TargetingRule } from '../../../worker/contract/offers.ts';

/** One row of the rule editor: a kind and up to two text fields and a number of days. */
export interface RuleRow {
  kind: TargetingKind;
  values: string;
  second: string;
  days: number;
}

/** The rule kinds in the order the editor offers them. */
export const RULE_KINDS: readonly TargetingKind[] = [
  'viewedCategory',
  'viewedProduct',
  'boughtNotBought',
  'audience',
  'pageUrl',
  'language',
  'rfmSegment',
  'valueTier',
  'lifecycleStage',
  'churnRisk',
  'lookalikeGroup',
  'crossSell',
];

/** Kinds whose rows have a number of days, or a second list. */
export const WITH_DAYS = new Set<TargetingKind>(['viewedCategory', 'viewedProduct']);
export const WITH_SECOND = new Set<TargetingKind>(['boughtNotBought']);

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** A row as the contract's rule; the server validates its shape (and says what is wrong). */
export function ruleOf(row: RuleRow): TargetingRule | Record<string, unknown> {
  const values = list(row.values);
  switch (row.kind) {
    case 'audience':
      return { kind: 'audience', identified: row.values.trim().toLowerCase() !== 'anonymous' };
    case 'viewedCategory':
      return { kind: 'viewedCategory', categories: values, days: row.days };
    case 'viewedProduct':
      return { kind: 'viewedProduct', skus: values, days: row.days };
    case 'boughtNotBought':
      return { kind: 'boughtNotBought', bought: values, notBought: list(row.second) };
    case 'pageUrl':
      return { kind: 'pageUrl', pattern: row.values.trim() };
    case 'language':
      return { kind: 'language', languages: values };
    case 'rfmSegment':
      return { kind: 'rfmSegment', segments: values };
    case 'valueTier':
      return { kind: 'valueTier', tiers: values };
    case 'lifecycleStage':
      return { kind: 'lifecycleStage', stages: values };
    case 'churnRisk':
      return { kind: 'churnRisk', min: Number(values[0] ?? NaN), max: Number(values[1] ?? NaN) };
    case 'lookalikeGroup':
      return { kind: 'lookalikeGroup', groupIds: values };
    case 'crossSell':
      return values.length ? { kind: 'crossSell', ruleIds: values } : { kind: 'crossSell' };
  }
}

/** A stored rule as an editor row. */
export function rowOf(rule: TargetingRule): RuleRow {
  const row = { kind: rule.kind, values: '', second: '', days: 30 };
  switch (rule.kind) {
    case 'audience':
      return { ...row, values: rule.identified ? 'identified' : 'anonymous' };
    case 'viewedCategory':
      return { ...row, values: rule.categories.join(', '), days: rule.days };
    case 'viewedProduct':
      return { ...row, values: rule.skus.join(', '), days: rule.days };
    case 'boughtNotBought':
      return { ...row, values: rule.bought.join(', '), second: rule.notBought.join(', ') };
    case 'pageUrl':
      return { ...row, values: rule.pattern };
    case 'language':
      return { ...row, values: rule.languages.join(', ') };
    case 'rfmSegment':
      return { ...row, values: rule.segments.join(', ') };
    case 'valueTier':
      return { ...row, values: rule.tiers.join(', ') };
    case 'lifecycleStage':
      return { ...row, values: rule.stages.join(', ') };
    case 'churnRisk':
      return { ...row, values: `${rule.min}, ${rule.max}` };
    case 'lookalikeGroup':
      return { ...row, values: rule.groupIds.join(', ') };
    case 'crossSell':
      return { ...row, values: (rule.ruleIds ?? []).join(', ') };
  }
}
