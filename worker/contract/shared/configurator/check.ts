import { defaultConfiguration, isValid, ruleHolds, suggestFix } from './engine.ts';
import type { ChoiceRef, Configuration, OptionGroup, ProductModel, Rule } from './model.ts';

/** Why a model cannot be published. */
export interface ModelIssue {
  code:
    | 'duplicate_id'
    | 'unknown_reference'
    | 'group_bounds'
    | 'defaults'
    | 'tiers'
    | 'impossible_choice'
    | 'no_valid_configuration'
    | 'too_complex';
  group?: string;
  choice?: string;
  rule?: string;
  message: string;
}

/** Most partial configurations the search for one choice may try before giving up. */
const SEARCH_BUDGET = 200_000;

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

function refsOf(rule: Rule): ChoiceRef[] {
  switch (rule.kind) {
    case 'requires':
      return [rule.when, ...rule.needs];
    case 'excludes':
      return [rule.when, ...rule.excludes];
    case 'limit':
      return [rule.when, ...(rule.choice === undefined ? [] : [{ group: rule.group, choice: rule.choice }])];
  }
}

/** Structural mistakes: duplicate ids, dangling references, impossible bounds, bad defaults and tiers. */
function structure(model: ProductModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  const has = (ref: ChoiceRef) => groups.get(ref.group)?.choices.some((c) => c.id === ref.choice) ?? false;
  for (const id of duplicates(model.groups.map((g) => g.id))) {
    issues.push({ code: 'duplicate_id', group: id, message: `Two groups are called “${id}”` });
  }
  for (const id of duplicates(model.rules.map((r) => r.id))) {
    issues.push({ code: 'duplicate_id', rule: id, message: `Two rules are called “${id}”` });
  }
  for (const group of model.groups) {
    for (const id of duplicates(group.choices.map((c) => c.id))) {
      issues.push({
        code: 'duplicate_id',
        group: group.id,
        choice: id,
        message: `Two choices of “${group.id}” are called “${id}”`,
      });
    }
    const max = group.kind === 'single' ? 1 : group.max;
    if (group.min > max || (group.kind === 'single' && group.max !== 1)) {
      issues.push({
        code: 'group_bounds',
        group: group.id,
        message: `“${group.id}” asks for ${group.min} to ${group.max} picks`,
      });
    }
    for (const id of group.defaults) {
      if (!group.choices.some((c) => c.id === id)) {
        issues.push({
          code: 'defaults',
          group: group.id,
          choice: id,
          message: `The default “${id}” of “${group.id}” is not one of its choices`,
        });
      }
    }
    if (group.kind === 'single' && group.defaults.length > 1) {
      issues.push({
        code: 'defaults',
        group: group.id,
        message: `“${group.id}” takes one pick but has ${group.defaults.length} defaults`,
      });
    }
  }
  for (const rule of model.rules) {
    const missing = refsOf(rule).find((ref) => !has(ref));
    if (missing || (rule.kind === 'limit' && !groups.has(rule.group))) {
      const what = missing ? `${missing.group}/${missing.choice}` : rule.kind === 'limit' ? rule.group : '';
      issues.push({
        code: 'unknown_reference',
        rule: rule.id,
        message: `Rule “${rule.id}” names “${what}”, which the model does not have`,
      });
    }
  }
  for (const layer of model.preview?.layers ?? []) {
    if (layer.when && !has(layer.when)) {
      issues.push({
        code: 'unknown_reference',
        message: `Preview layer “${layer.id}” names “${layer.when.group}/${layer.when.choice}”, which the model does not have`,
      });
    }
    for (const shape of layer.shapes) {
      if (shape.fillFrom !== undefined && !groups.has(shape.fillFrom)) {
        issues.push({
          code: 'unknown_reference',
          message: `Preview layer “${layer.id}” takes its colour from “${shape.fillFrom}”, which the model does not have`,
        });
      }
    }
  }
  const tiers = model.tiers.map((t) => t.minQuantity);
  if (tiers.some((q, i) => i > 0 && q <= (tiers[i - 1] ?? 0))) {
    issues.push({ code: 'tiers', message: 'Price tiers must go up in quantity' });
  }
  return issues;
}

/** One way to fill a group: units per choice. */
type Fill = Map<string, number>;

/**
 * The ways to fill `group` that respect its bounds, fewest picks first; `forced` must be among
 * them. Extra units go to per-unit choices only when the picks alone fall short of `min`.
 */
function* fills(group: OptionGroup, forced?: string): Generator<Fill> {
  const available = group.choices.filter((c) => c.available);
  if (group.kind === 'single') {
    if (forced !== undefined) {
      yield new Map([[forced, 1]]);
      return;
    }
    if (group.min === 0) yield new Map();
    for (const choice of available) yield new Map([[choice.id, 1]]);
    return;
  }
  const max = Math.min(group.max, available.length);
  for (let size = 0; size <= max; size += 1) {
    for (const subset of subsets(
      available.map((c) => c.id),
      size,
    )) {
      if (forced !== undefined && !subset.includes(forced)) continue;
      const fill: Fill = new Map(subset.map((id) => [id, 1]));
      let missing = group.min - size;
      for (const choice of available) {
        if (missing <= 0) break;
        if (choice.price.per !== 'unit' || !fill.has(choice.id)) continue;
        const extra = Math.min(missing, choice.price.maxUnits - 1);
        fill.set(choice.id, 1 + extra);
        missing -= extra;
      }
      if (missing <= 0) yield fill;
    }
  }
}

function* subsets(ids: string[], size: number, from = 0): Generator<string[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= ids.length - size; i += 1) {
    const id = ids[i];
    if (id === undefined) continue;
    for (const rest of subsets(ids, size - 1, i + 1)) yield [id, ...rest];
  }
}

/**
 * A valid configuration that picks `forced` (any valid one without it), by a depth-first search
 * over groups that checks each rule as soon as all of its groups are filled. `undefined` when
 * none exists; `'budget'` when the search gave up.
 */
function findValid(model: ProductModel, forced?: ChoiceRef): Configuration | undefined | 'budget' {
  // Most models are loose: repairing the defaults with the choice picked finds one at once.
  const start = defaultConfiguration(model);
  const group = forced && model.groups.find((g) => g.id === forced.group);
  if (forced && group) {
    const picks =
      group.kind === 'single' ? { [forced.choice]: 1 } : { ...start.picks[group.id], [forced.choice]: 1 };
    start.picks[group.id] = picks;
  }
  const repaired = suggestFix(model, start, { ...(forced ? { keep: forced } : {}), budget: 500 });
  if (repaired) return repaired.configuration;
  return search(model, forced);
}

/** The exhaustive search behind {@link findValid}. */
function search(model: ProductModel, forced?: ChoiceRef): Configuration | undefined | 'budget' {
  const order = model.groups.map((g) => g.id);
  const position = new Map(order.map((id, i) => [id, i]));
  // Each rule is checked once the last of its groups is filled.
  const checkAt = new Map<number, Rule[]>();
  for (const rule of model.rules) {
    const groups = [...refsOf(rule).map((r) => r.group), ...(rule.kind === 'limit' ? [rule.group] : [])];
    const last = Math.max(...groups.map((g) => position.get(g) ?? 0));
    checkAt.set(last, [...(checkAt.get(last) ?? []), rule]);
  }
  const picks: Configuration['picks'] = {};
  let tried = 0;
  const step = (i: number): boolean | 'budget' => {
    const group = model.groups[i];
    if (!group) return true;
    for (const fill of fills(group, forced?.group === group.id ? forced.choice : undefined)) {
      tried += 1;
      if (tried > SEARCH_BUDGET) return 'budget';
      picks[group.id] = Object.fromEntries(fill);
      const config = { quantity: 1, picks };
      const rules = checkAt.get(i) ?? [];
      if (rules.every((rule) => ruleHolds(rule, config))) {
        const deeper = step(i + 1);
        if (deeper !== false) return deeper;
      }
    }
    picks[group.id] = {};
    return false;
  };
  const found = step(0);
  if (found === 'budget') return 'budget';
  return found ? { quantity: 1, picks: structuredClone(picks) } : undefined;
}

/**
 * Refuses a model that cannot be offered as it is: structural mistakes, a default
 * configuration that breaks a rule (shoppers start there), no valid configuration at all, or
 * an available choice that no valid configuration can contain. An empty list means publishable.
 */
export function checkModel(model: ProductModel): ModelIssue[] {
  const issues = structure(model);
  if (issues.length > 0) return issues;
  const start = defaultConfiguration(model);
  if (!isValid(model, start)) {
    const any = findValid(model);
    if (any === undefined) {
      return [{ code: 'no_valid_configuration', message: 'No configuration satisfies every group and rule' }];
    }
    return [{ code: 'defaults', message: 'The default picks break a group’s bounds or a rule' }];
  }
  for (const group of model.groups) {
    for (const choice of group.choices) {
      if (!choice.available) continue;
      const ref = { group: group.id, choice: choice.id };
      const found = findValid(model, ref);
      if (found === undefined) {
        issues.push({
          code: 'impossible_choice',
          group: group.id,
          choice: choice.id,
          message: `“${choice.label.en}” (${group.id}) can never be picked: every configuration with it breaks a rule or a group’s bounds`,
        });
      } else if (found === 'budget') {
        issues.push({
          code: 'too_complex',
          group: group.id,
          choice: choice.id,
          message: `Could not find a valid configuration with “${choice.label.en}” (${group.id}) in reasonable time`,
        });
      }
    }
  }
  return issues;
}
