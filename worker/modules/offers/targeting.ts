import type { TargetingKind, TargetingRule } from '../../contract/offers.ts';

/** What the request itself says: the page and its language. */
export interface RequestFacts {
  url: URL | null;
  language: string | null;
}

/** Who is asking. */
export interface ProfileFacts {
  customerId: string;
  identified: boolean;
  externalId: string | null;
}

/** Products the person viewed recently (newest first), with their catalogue category. */
export interface ViewFacts {
  views: { sku: string; category: string | null; at: number }[];
}

/** Skus the person ever bought, custom orders included (they come through the same orders). */
export interface PurchaseFacts {
  skus: ReadonlySet<string>;
}

/** The customer-intelligence scores of a profile (`customer_scores`). */
export interface ScoreFacts {
  rfmSegment: string | null;
  valueTier: string | null;
  lifecycleStage: string | null;
  /** 0–1. */
  churnRisk: number | null;
  lookalikeGroupId: string | null;
}

/** Skus the cross-sell rules recommend to a profile, per rule id. */
export interface CrossSellFacts {
  recommended: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Every fact a rule may ask for, by source; each is loaded at most once per decision. */
export interface Facts {
  request: RequestFacts;
  profile: ProfileFacts;
  views: ViewFacts;
  purchases: PurchaseFacts;
  /** `null`: no scores for this profile (or no scoring in this installation). */
  scores: ScoreFacts | null;
  crossSell: CrossSellFacts | null;
}
export type SourceName = keyof Facts;

/** How one kind of rule is answered: the source it reads, and the test on its facts. */
interface RuleKind<K extends TargetingKind> {
  source: SourceName;
  matches: (rule: Extract<TargetingRule, { kind: K }>, facts: Facts, now: number) => boolean;
}

const DAY_MS = 86_400_000;

/** Whether a stored score (any text, or none) is one of the values a rule names. */
const isOneOf = (wanted: readonly string[], value: string | null | undefined) =>
  value != null && wanted.includes(value);
const recent = (facts: Facts, days: number, now: number) =>
  facts.views.views.filter((view) => view.at >= now - days * DAY_MS);

/** A glob (`*` = any run of characters) as an anchored regular expression. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i');
}

/** Most patterns kept compiled; a site has a few tens of live offers. */
const GLOB_CACHE_SIZE = 1000;
const globs = new Map<string, RegExp>();

/** {@link globToRegExp}, compiled once per pattern rather than on every decision. */
function compiledGlob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    // Bounded: patterns come from offers that staff edit, but memory must not grow with them.
    if (globs.size >= GLOB_CACHE_SIZE) globs.clear();
    globs.set(pattern, re);
  }
  return re;
}

/** Whether a language tag falls under one of the wanted tags (`zh` covers `zh-TW`). */
const languageMatches = (tag: string, wanted: string) => {
  const [a, b] = [tag.toLowerCase(), wanted.toLowerCase()];
  return a === b || a.startsWith(`${b}-`);
};

/** Every rule kind of the contract and how it is answered; a new kind is one entry here. */
export const RULE_KINDS: { [K in TargetingKind]: RuleKind<K> } = {
  audience: { source: 'profile', matches: (rule, f) => f.profile.identified === rule.identified },
  viewedCategory: {
    source: 'views',
    matches: (rule, f, now) =>
      recent(f, rule.days, now).some(
        (view) => view.category !== null && rule.categories.includes(view.category),
      ),
  },
  viewedProduct: {
    source: 'views',
    matches: (rule, f, now) => recent(f, rule.days, now).some((view) => rule.skus.includes(view.sku)),
  },
  boughtNotBought: {
    source: 'purchases',
    matches: (rule, f) =>
      rule.bought.some((sku) => f.purchases.skus.has(sku)) &&
      !rule.notBought.some((sku) => f.purchases.skus.has(sku)),
  },
  pageUrl: {
    source: 'request',
    matches: (rule, f) => {
      const url = f.request.url;
      if (!url) return false;
      const subject = rule.pattern.startsWith('/') ? url.pathname + url.search : url.href;
      return compiledGlob(rule.pattern).test(subject);
    },
  },
  language: {
    source: 'request',
    matches: (rule, f) =>
      f.request.language !== null &&
      rule.languages.some((wanted) => languageMatches(f.request.language ?? '', wanted)),
  },
  rfmSegment: { source: 'scores', matches: (rule, f) => isOneOf(rule.segments, f.scores?.rfmSegment) },
  valueTier: { source: 'scores', matches: (rule, f) => isOneOf(rule.tiers, f.scores?.valueTier) },
  lifecycleStage: { source: 'scores', matches: (rule, f) => isOneOf(rule.stages, f.scores?.lifecycleStage) },
  churnRisk: {
    source: 'scores',
    matches: (rule, f) => {
      const risk = f.scores?.churnRisk;
      return risk != null && risk >= rule.min && risk <= rule.max;
    },
  },
  lookalikeGroup: {
    source: 'scores',
    matches: (rule, f) => rule.groupIds.includes(f.scores?.lookalikeGroupId ?? ''),
  },
  crossSell: {
    source: 'crossSell',
    matches: (rule, f) => {
      if (!f.crossSell) return false;
      for (const [ruleId, skus] of f.crossSell.recommended) {
        if ((!rule.ruleIds || rule.ruleIds.includes(ruleId)) && skus.size > 0) return true;
      }
      return false;
    },
  },
};

/** The sources a list of rules reads. */
export function sourcesOf(rules: readonly TargetingRule[]): Set<SourceName> {
  return new Set(rules.map((rule) => RULE_KINDS[rule.kind].source));
}

/** Whether one rule holds. */
export function ruleMatches(rule: TargetingRule, facts: Facts, now: number): boolean {
  // Each entry is typed for its own kind; the lookup by the rule's kind pairs them correctly.
  const kind = RULE_KINDS[rule.kind] as RuleKind<TargetingKind>;
  return kind.matches(rule, facts, now);
}

/** Whether every rule holds (an offer without rules reaches everyone). */
export function allMatch(rules: readonly TargetingRule[], facts: Facts, now: number): boolean {
  return rules.every((rule) => ruleMatches(rule, facts, now));
}
