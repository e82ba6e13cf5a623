import { ENGINE_MESSAGES, text } from './messages.ts';
import type {
  Choice,
  ChoiceRef,
  ConfiguratorLocale,
  Configuration,
  OptionGroup,
  ProductModel,
  Rule,
} from './model.ts';

/** Why a configuration is not valid, or why a choice cannot be picked. */
export type ViolationCode =
  | 'unknown_group'
  | 'unknown_choice'
  | 'units'
  | 'unavailable'
  | 'group_min'
  | 'group_max'
  | 'requires'
  | 'excludes'
  | 'limit'
  | 'quantity';

/** One thing wrong with a configuration, explained for people in the requested locale. */
export interface Violation {
  code: ViolationCode;
  group?: string;
  choice?: string;
  /** The rule broken, for `requires`, `excludes` and `limit`. */
  rule?: string;
  /** The whole sentence: "Door layout: needs: Freezer at the bottom". */
  message: string;
}

/** A choice the shopper cannot pick now, and the short reason ("needs: Freezer at the bottom"). */
export interface BlockedChoice {
  group: string;
  choice: string;
  code: ViolationCode;
  rule?: string;
  reason: string;
}

/** One line of the price of a piece: the base, a choice (units × unit amount) or a tier discount. */
export interface PriceLine {
  kind: 'base' | 'choice' | 'tier';
  group?: string;
  choice?: string;
  label: string;
  units: number;
  unitAmount: number;
  amount: number;
}

/** What the engine makes of a configuration. All amounts are integers in minor units. */
export interface Evaluation {
  valid: boolean;
  violations: Violation[];
  /** Choices that cannot be picked from here, keyed `group/choice`. */
  blocked: Record<string, BlockedChoice>;
  lines: PriceLine[];
  /** Price of one piece: the sum of the lines. */
  unitPrice: number;
  quantity: number;
  /** `unitPrice × quantity`. */
  total: number;
  currency: string;
}

type Picks = Map<string, Map<string, number>>;

/** The model's groups and choices by id, built once per model. */
interface Index {
  groups: Map<string, OptionGroup>;
  choices: Map<string, Map<string, Choice>>;
  /** The rules that read each group, in model order: only these can change when its picks do. */
  rulesByGroup: Map<string, Rule[]>;
}

/** Every group a rule reads. */
function groupsOf(rule: Rule): string[] {
  switch (rule.kind) {
    case 'requires':
      return [rule.when.group, ...rule.needs.map((r) => r.group)];
    case 'excludes':
      return [rule.when.group, ...rule.excludes.map((r) => r.group)];
    case 'limit':
      return [rule.when.group, rule.group];
  }
}

const indexes = new WeakMap<ProductModel, Index>();

function indexOf(model: ProductModel): Index {
  let index = indexes.get(model);
  if (!index) {
    const rulesByGroup = new Map<string, Rule[]>();
    for (const rule of model.rules) {
      for (const group of new Set(groupsOf(rule)))
        rulesByGroup.set(group, [...(rulesByGroup.get(group) ?? []), rule]);
    }
    index = {
      groups: new Map(model.groups.map((g) => [g.id, g])),
      choices: new Map(model.groups.map((g) => [g.id, new Map(g.choices.map((c) => [c.id, c]))])),
      rulesByGroup,
    };
    indexes.set(model, index);
  }
  return index;
}

/** The key of a choice in {@link Evaluation.blocked}. */
export const choiceKey = (group: string, choice: string): string => `${group}/${choice}`;

function toPicks(config: Configuration): Picks {
  const picks: Picks = new Map();
  for (const [group, choices] of Object.entries(config.picks)) {
    const units = new Map<string, number>();
    // Zero units is no pick; negative or fractional units stay, to be refused as `units`.
    for (const [choice, n] of Object.entries(choices)) if (n !== 0) units.set(choice, n);
    picks.set(group, units);
  }
  return picks;
}

function fromPicks(picks: Picks, quantity: number): Configuration {
  const out: Configuration['picks'] = {};
  for (const [group, choices] of picks) {
    if (choices.size > 0) out[group] = Object.fromEntries(choices);
  }
  return { quantity, picks: out };
}

/** Units of a choice; an impossible amount below one counts as no pick for rules and bounds. */
const unitsOf = (picks: Picks, ref: ChoiceRef): number =>
  Math.max(picks.get(ref.group)?.get(ref.choice) ?? 0, 0);
const picked = (picks: Picks, ref: ChoiceRef): boolean => unitsOf(picks, ref) > 0;

function groupUnits(picks: Picks, group: string, choice?: string): number {
  const units = picks.get(group);
  if (!units) return 0;
  if (choice !== undefined) return Math.max(units.get(choice) ?? 0, 0);
  let sum = 0;
  for (const n of units.values()) sum += Math.max(n, 0);
  return sum;
}

/** Label of a choice, or its id when the model does not know it. */
function choiceLabel(index: Index, ref: ChoiceRef, locale: ConfiguratorLocale): string {
  const choice = index.choices.get(ref.group)?.get(ref.choice);
  return choice ? text(choice.label, locale) : ref.choice;
}

function groupLabel(index: Index, group: string, locale: ConfiguratorLocale): string {
  const found = index.groups.get(group);
  return found ? text(found.label, locale) : group;
}

/** Whether `rule` holds for `picks`. */
function holds(rule: Rule, picks: Picks): boolean {
  if (!picked(picks, rule.when)) return true;
  switch (rule.kind) {
    case 'requires':
      return rule.needs.some((ref) => picked(picks, ref));
    case 'excludes':
      return !rule.excludes.some((ref) => picked(picks, ref));
    case 'limit':
      return groupUnits(picks, rule.group, rule.choice) <= rule.max;
  }
}

/** The short reason a rule gives, without its subject. */
function ruleReason(index: Index, rule: Rule, picks: Picks, locale: ConfiguratorLocale): string {
  const t = ENGINE_MESSAGES[locale];
  switch (rule.kind) {
    case 'requires':
      return t.needs(rule.needs.map((ref) => choiceLabel(index, ref, locale)));
    case 'excludes': {
      const other = rule.excludes.find((ref) => picked(picks, ref)) ?? rule.excludes[0];
      return t.notWith(other ? choiceLabel(index, other, locale) : '');
    }
    case 'limit': {
      const target =
        rule.choice === undefined
          ? groupLabel(index, rule.group, locale)
          : choiceLabel(index, { group: rule.group, choice: rule.choice }, locale);
      return t.limit(rule.max, target, choiceLabel(index, rule.when, locale));
    }
  }
}

/** Everything wrong with `picks`: unknown ids, units, availability, group bounds and rules. */
function violationsOf(
  model: ProductModel,
  index: Index,
  picks: Picks,
  quantity: number,
  locale: ConfiguratorLocale,
): Violation[] {
  const t = ENGINE_MESSAGES[locale];
  const out: Violation[] = [];
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > model.maxQuantity) {
    out.push({ code: 'quantity', message: t.quantity(model.maxQuantity) });
  }
  for (const [groupId, units] of picks) {
    const choices = index.choices.get(groupId);
    if (!choices) {
      out.push({ code: 'unknown_group', group: groupId, message: t.unknown(groupId) });
      continue;
    }
    for (const [choiceId, n] of units) {
      const choice = choices.get(choiceId);
      if (!choice) {
        out.push({ code: 'unknown_choice', group: groupId, choice: choiceId, message: t.unknown(choiceId) });
        continue;
      }
      const label = text(choice.label, locale);
      const maxUnits = choice.price.per === 'unit' ? choice.price.maxUnits : 1;
      if (!Number.isInteger(n) || n < 0 || n > maxUnits) {
        out.push({ code: 'units', group: groupId, choice: choiceId, message: t.subject(label, t.units(n)) });
      }
      if (!choice.available) {
        out.push({
          code: 'unavailable',
          group: groupId,
          choice: choiceId,
          message: t.subject(label, t.unavailable),
        });
      }
    }
  }
  for (const group of model.groups) {
    const count = groupUnits(picks, group.id);
    const label = text(group.label, locale);
    if (count < group.min) {
      out.push({ code: 'group_min', group: group.id, message: t.subject(label, t.groupMin(group.min)) });
    }
    const max = group.kind === 'single' ? 1 : group.max;
    const distinct = [...(picks.get(group.id)?.values() ?? [])].filter((n) => n > 0).length;
    if (count > max || (group.kind === 'single' && distinct > 1)) {
      out.push({ code: 'group_max', group: group.id, message: t.subject(label, t.groupMax(max)) });
    }
  }
  for (const rule of model.rules) {
    if (holds(rule, picks)) continue;
    const subject =
      rule.kind === 'limit' ? groupLabel(index, rule.group, locale) : choiceLabel(index, rule.when, locale);
    out.push({
      code: rule.kind,
      group: rule.kind === 'limit' ? rule.group : rule.when.group,
      ...(rule.kind === 'limit' ? {} : { choice: rule.when.choice }),
      rule: rule.id,
      message: t.subject(subject, ruleReason(index, rule, picks, locale)),
    });
  }
  return out;
}

/** `picks` with one more unit of `ref`; in a single-choice group the pick replaces the old one. */
function withPick(picks: Picks, group: OptionGroup, choice: string): Picks {
  const next: Picks = new Map(picks);
  const units = group.kind === 'single' ? new Map<string, number>() : new Map(picks.get(group.id));
  units.set(choice, (units.get(choice) ?? 0) + 1);
  next.set(group.id, units);
  return next;
}

/**
 * Choices the shopper cannot pick from `picks`: unavailable ones, and those whose pick (a
 * replacement in a single-choice group, one more unit in a multi-choice one) would break a
 * rule that holds now. Each comes with the first such rule, so the widget can explain it.
 */
function blockedChoices(
  model: ProductModel,
  index: Index,
  picks: Picks,
  locale: ConfiguratorLocale,
): Record<string, BlockedChoice> {
  const t = ENGINE_MESSAGES[locale];
  const broken = new Set(model.rules.filter((rule) => !holds(rule, picks)).map((rule) => rule.id));
  const out: Record<string, BlockedChoice> = {};
  for (const group of model.groups) {
    for (const choice of group.choices) {
      const key = choiceKey(group.id, choice.id);
      const current = unitsOf(picks, { group: group.id, choice: choice.id });
      if (!choice.available) {
        out[key] = { group: group.id, choice: choice.id, code: 'unavailable', reason: t.unavailable };
        continue;
      }
      const maxUnits = choice.price.per === 'unit' ? choice.price.maxUnits : 1;
      if (current >= maxUnits) continue;
      const next = withPick(picks, group, choice.id);
      const rule = index.rulesByGroup.get(group.id)?.find((r) => !broken.has(r.id) && !holds(r, next));
      if (rule) {
        out[key] = {
          group: group.id,
          choice: choice.id,
          code: rule.kind,
          rule: rule.id,
          reason: ruleReason(index, rule, next, locale),
        };
      }
    }
  }
  return out;
}

/** The price of one piece and of the order; unknown choices and impossible units cost nothing. */
function price(
  model: ProductModel,
  picks: Picks,
  quantity: number,
  locale: ConfiguratorLocale,
): Pick<Evaluation, 'lines' | 'unitPrice' | 'total'> {
  const lines: PriceLine[] = [
    {
      kind: 'base',
      label: text(model.name, locale),
      units: 1,
      unitAmount: model.basePrice,
      amount: model.basePrice,
    },
  ];
  // In model order, so the breakdown reads the same whatever order the picks came in.
  for (const group of model.groups) {
    const units = picks.get(group.id);
    if (!units) continue;
    for (const choice of group.choices) {
      const n = units.get(choice.id) ?? 0;
      const maxUnits = choice.price.per === 'unit' ? choice.price.maxUnits : 1;
      if (!Number.isInteger(n) || n < 1 || n > maxUnits) continue;
      lines.push({
        kind: 'choice',
        group: group.id,
        choice: choice.id,
        label: text(choice.label, locale),
        units: n,
        unitAmount: choice.price.amount,
        amount: n * choice.price.amount,
      });
    }
  }
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const tier = Number.isInteger(quantity) ? tierFor(model, quantity) : undefined;
  if (tier && tier.percentOff > 0 && subtotal > 0) {
    const discount = -Math.floor((subtotal * tier.percentOff) / 100);
    lines.push({
      kind: 'tier',
      label: `−${tier.percentOff}%`,
      units: 1,
      unitAmount: discount,
      amount: discount,
    });
  }
  const unitPrice = lines.reduce((sum, line) => sum + line.amount, 0);
  const pieces = Number.isInteger(quantity) && quantity > 0 ? quantity : 0;
  return { lines, unitPrice, total: unitPrice * pieces };
}

/** The tier a quantity falls into: the one with the highest `minQuantity` not above it. */
export function tierFor(model: ProductModel, quantity: number) {
  let found: ProductModel['tiers'][number] | undefined;
  for (const tier of model.tiers) if (quantity >= tier.minQuantity) found = tier;
  return found;
}

/**
 * Checks a configuration against its model and prices it. The widget runs this for instant
 * feedback and the server runs the same code as the authority before storing anything.
 */
export function evaluate(
  model: ProductModel,
  config: Configuration,
  locale: ConfiguratorLocale = 'en',
): Evaluation {
  const index = indexOf(model);
  const picks = toPicks(config);
  const violations = violationsOf(model, index, picks, config.quantity, locale);
  return {
    valid: violations.length === 0,
    violations,
    blocked: blockedChoices(model, index, picks, locale),
    ...price(model, picks, config.quantity, locale),
    quantity: config.quantity,
    currency: model.currency,
  };
}

/** Whether a configuration is valid, without explanations or prices (the search's inner test). */
export function isValid(model: ProductModel, config: Configuration): boolean {
  const index = indexOf(model);
  return violationsOf(model, index, toPicks(config), config.quantity, 'en').length === 0;
}

/** Whether one rule holds for a configuration. */
export function ruleHolds(rule: Rule, config: Configuration): boolean {
  return holds(rule, toPicks(config));
}

/** A fresh configuration: each group's defaults, one unit each, one piece. */
export function defaultConfiguration(model: ProductModel): Configuration {
  const picks: Configuration['picks'] = {};
  for (const group of model.groups) {
    if (group.defaults.length > 0) picks[group.id] = Object.fromEntries(group.defaults.map((id) => [id, 1]));
  }
  return { quantity: 1, picks };
}

/** The configuration after the shopper toggles a choice (radio: select; checkbox: on/off). */
export function toggle(
  model: ProductModel,
  config: Configuration,
  group: string,
  choice: string,
): Configuration {
  const found = indexOf(model).groups.get(group);
  if (!found) return config;
  const current = config.picks[group] ?? {};
  const next =
    found.kind === 'single'
      ? { [choice]: 1 }
      : choice in current
        ? Object.fromEntries(Object.entries(current).filter(([id]) => id !== choice))
        : { ...current, [choice]: 1 };
  return { quantity: config.quantity, picks: { ...config.picks, [group]: next } };
}

/** The configuration with `units` of a per-unit choice (0 removes it). */
export function setUnits(config: Configuration, group: string, choice: string, units: number): Configuration {
  const current = Object.fromEntries(
    Object.entries(config.picks[group] ?? {}).filter(([id]) => id !== choice),
  );
  if (units > 0) current[choice] = units;
  return { quantity: config.quantity, picks: { ...config.picks, [group]: current } };
}

/** One difference between two configurations: a choice's units went from `from` to `to`. */
export interface Change {
  group: string;
  choice: string;
  from: number;
  to: number;
}

/** What {@link suggestFix} proposes: a valid configuration and what differs from the shopper's. */
export interface Fix {
  configuration: Configuration;
  changes: Change[];
  quantity?: { from: number; to: number };
}

function keyOf(picks: Picks, quantity: number): string {
  const parts: string[] = [String(quantity)];
  for (const group of [...picks.keys()].sort()) {
    const units = picks.get(group);
    if (!units || units.size === 0) continue;
    parts.push(
      `${group}:${[...units]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([c, n]) => `${c}=${n}`)
        .join(',')}`,
    );
  }
  return parts.join('|');
}

function setUnitsIn(picks: Picks, group: string, choice: string, units: number): Picks {
  const next: Picks = new Map(picks);
  const inGroup = new Map(picks.get(group));
  if (units > 0) inGroup.set(choice, units);
  else inGroup.delete(choice);
  next.set(group, inGroup);
  return next;
}

/** The single edits that could cure `violation`. */
function repairs(
  model: ProductModel,
  index: Index,
  picks: Picks,
  violation: Violation,
  keep?: ChoiceRef,
): Picks[] {
  const out: Picks[] = [];
  const kept = (group: string, choice: string) => keep?.group === group && keep.choice === choice;
  const remove = (group: string, choice: string) => {
    if (!kept(group, choice)) out.push(setUnitsIn(picks, group, choice, 0));
  };
  const less = (group: string, choice: string) => {
    const n = picks.get(group)?.get(choice) ?? 0;
    if (kept(group, choice)) return;
    if (n > 1) out.push(setUnitsIn(picks, group, choice, n - 1));
    else remove(group, choice);
  };
  const add = (ref: ChoiceRef) => {
    const group = index.groups.get(ref.group);
    const choice = index.choices.get(ref.group)?.get(ref.choice);
    if (!group || !choice?.available) return;
    if (group.kind === 'single' && keep?.group === group.id && keep.choice !== ref.choice) return;
    const n = unitsOf(picks, ref);
    const maxUnits = choice.price.per === 'unit' ? choice.price.maxUnits : 1;
    if (n < maxUnits) out.push(withPick(picks, group, ref.choice));
  };
  const alternatives = (group: string, except: string) => {
    for (const choice of index.groups.get(group)?.choices ?? []) {
      if (choice.id !== except) add({ group, choice: choice.id });
    }
  };
  const { group, choice } = violation;
  switch (violation.code) {
    case 'unknown_group': {
      const next: Picks = new Map(picks);
      next.delete(group ?? '');
      out.push(next);
      break;
    }
    case 'unknown_choice':
    case 'units':
    case 'unavailable':
      if (group !== undefined && choice !== undefined) {
        remove(group, choice);
        if (index.groups.get(group)?.kind === 'single') alternatives(group, choice);
      }
      break;
    case 'group_min':
      if (group !== undefined) alternatives(group, '');
      break;
    case 'group_max':
      for (const id of picks.get(group ?? '')?.keys() ?? []) less(group ?? '', id);
      break;
    case 'requires':
    case 'excludes':
    case 'limit': {
      const rule = model.rules.find((r) => r.id === violation.rule);
      if (!rule) break;
      remove(rule.when.group, rule.when.choice);
      if (index.groups.get(rule.when.group)?.kind === 'single')
        alternatives(rule.when.group, rule.when.choice);
      if (rule.kind === 'requires') rule.needs.forEach(add);
      if (rule.kind === 'excludes') {
        for (const ref of rule.excludes) if (picked(picks, ref)) remove(ref.group, ref.choice);
      }
      if (rule.kind === 'limit') {
        for (const id of picks.get(rule.group)?.keys() ?? []) {
          if (rule.choice === undefined || rule.choice === id) less(rule.group, id);
        }
      }
      break;
    }
    case 'quantity':
      break;
  }
  return out;
}

/**
 * A valid configuration as close as possible to `config`: a breadth-first search over single
 * edits that cure a violation (fewest edits first), within `budget` configurations tried.
 * `keep` is never dropped (the choice the shopper just made). `null` when none was found.
 */
export function suggestFix(
  model: ProductModel,
  config: Configuration,
  { keep, budget = 5000 }: { keep?: ChoiceRef; budget?: number } = {},
): Fix | null {
  const index = indexOf(model);
  const quantity = Math.min(
    Math.max(Number.isInteger(config.quantity) ? config.quantity : 1, 1),
    model.maxQuantity,
  );
  const start = toPicks(config);
  const seen = new Set<string>([keyOf(start, quantity)]);
  let frontier: Picks[] = [start];
  let tried = 0;
  while (frontier.length > 0 && tried < budget) {
    const next: Picks[] = [];
    let best: Fix | null = null;
    for (const picks of frontier) {
      tried += 1;
      const violations = violationsOf(model, index, picks, quantity, 'en');
      if (violations.length === 0) {
        // Of the fixes as many edits away, the one that changes fewest choices.
        const fix = fixOf(config, picks, quantity);
        if (!best || fix.changes.length < best.changes.length) best = fix;
        continue;
      }
      if (best || tried >= budget) continue;
      // Curing the first violation first keeps the branching small; every violation must go anyway.
      const [first] = violations;
      if (!first) continue;
      for (const candidate of repairs(model, index, picks, first, keep)) {
        const key = keyOf(candidate, quantity);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(candidate);
        }
      }
    }
    if (best) return best;
    frontier = next;
  }
  return null;
}

function fixOf(original: Configuration, picks: Picks, quantity: number): Fix {
  const before = toPicks(original);
  const changes: Change[] = [];
  const groups = new Set([...before.keys(), ...picks.keys()]);
  for (const group of groups) {
    const choices = new Set([...(before.get(group)?.keys() ?? []), ...(picks.get(group)?.keys() ?? [])]);
    for (const choice of choices) {
      const from = before.get(group)?.get(choice) ?? 0;
      const to = picks.get(group)?.get(choice) ?? 0;
      if (from !== to) changes.push({ group, choice, from, to });
    }
  }
  return {
    configuration: fromPicks(picks, quantity),
    changes,
    ...(quantity !== original.quantity ? { quantity: { from: original.quantity, to: quantity } } : {}),
  };
}
