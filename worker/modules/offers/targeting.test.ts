import { describe, expect, it } from 'vitest';
import { targetingRule, type TargetingRule } from '../../contract/offers.ts';
import { allMatch, globToRegExp, ruleMatches, sourcesOf, type Facts } from './targeting.ts';

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;

function facts(overrides: Partial<Facts> = {}): Facts {
  return {
    request: { url: new URL('https://shop.example/products/lamp?ref=mail'), language: 'zh-TW' },
    profile: { customerId: 'c1', identified: true, externalId: 'cust-1' },
    views: {
      views: [
        { sku: 'LAMP-01', category: 'Lighting', at: NOW - 2 * DAY },
        { sku: 'MUG-01', category: 'Kitchen', at: NOW - 20 * DAY },
      ],
    },
    purchases: { skus: new Set(['MUG-01']) },
    scores: null,
    crossSell: null,
    ...overrides,
  };
}

const scores = {
  rfmSegment: 'champions',
  valueTier: 'A',
  lifecycleStage: 'loyal',
  churnRisk: 0.7,
  lookalikeGroupId: 'g-3',
};

describe('targeting rules', () => {
  it.each<[string, TargetingRule, Partial<Facts>, boolean]>([
    ['identified audience, identified visitor', { kind: 'audience', identified: true }, {}, true],
    ['anonymous audience, identified visitor', { kind: 'audience', identified: false }, {}, false],
    ['viewed Lighting in 7 days', { kind: 'viewedCategory', categories: ['Lighting'], days: 7 }, {}, true],
    [
      'viewed Kitchen in 7 days (it was 20 days ago)',
      { kind: 'viewedCategory', categories: ['Kitchen'], days: 7 },
      {},
      false,
    ],
    ['viewed Kitchen in 30 days', { kind: 'viewedCategory', categories: ['Kitchen'], days: 30 }, {}, true],
    ['viewed LAMP-01 in 3 days', { kind: 'viewedProduct', skus: ['LAMP-01'], days: 3 }, {}, true],
    ['viewed LAMP-01 in 1 day', { kind: 'viewedProduct', skus: ['LAMP-01'], days: 1 }, {}, false],
    [
      'bought MUG-01, not LAMP-01',
      { kind: 'boughtNotBought', bought: ['MUG-01'], notBought: ['LAMP-01'] },
      {},
      true,
    ],
    [
      'bought MUG-01 but not MUG-01',
      { kind: 'boughtNotBought', bought: ['MUG-01'], notBought: ['MUG-01'] },
      {},
      false,
    ],
    ['bought LAMP-01', { kind: 'boughtNotBought', bought: ['LAMP-01'], notBought: [] }, {}, false],
    ['path pattern /products/*', { kind: 'pageUrl', pattern: '/products/*' }, {}, true],
    ['path pattern /cart', { kind: 'pageUrl', pattern: '/cart' }, {}, false],
    ['URL pattern *ref=mail', { kind: 'pageUrl', pattern: 'https://shop.example/*ref=mail' }, {}, true],
    [
      'page pattern without a page URL',
      { kind: 'pageUrl', pattern: '/*' },
      { request: { url: null, language: null } },
      false,
    ],
    ['language zh covers zh-TW', { kind: 'language', languages: ['zh'] }, {}, true],
    ['language zh-CN is not zh-TW', { kind: 'language', languages: ['zh-CN'] }, {}, false],
    ['language en', { kind: 'language', languages: ['en'] }, {}, false],
    ['RFM segment without scores', { kind: 'rfmSegment', segments: ['champions'] }, {}, false],
    ['RFM segment with scores', { kind: 'rfmSegment', segments: ['champions'] }, { scores }, true],
    ['value tier B', { kind: 'valueTier', tiers: ['B'] }, { scores }, false],
    ['lifecycle loyal', { kind: 'lifecycleStage', stages: ['loyal'] }, { scores }, true],
    ['churn risk 0.5–1', { kind: 'churnRisk', min: 0.5, max: 1 }, { scores }, true],
    ['churn risk 0–0.5', { kind: 'churnRisk', min: 0, max: 0.5 }, { scores }, false],
    ['look-alike g-3', { kind: 'lookalikeGroup', groupIds: ['g-3'] }, { scores }, true],
    ['cross-sell without rules', { kind: 'crossSell' }, {}, false],
    [
      'cross-sell rule r1 recommends',
      { kind: 'crossSell', ruleIds: ['r1'] },
      { crossSell: { recommended: new Map([['r1', new Set(['LAMP-01'])]]) } },
      true,
    ],
  ])('%s', (_name, rule, overrides, expected) => {
    expect(targetingRule.parse(rule)).toEqual(rule);
    expect(ruleMatches(rule, facts(overrides), NOW)).toBe(expected);
  });

  it('needs every rule (AND); no rules reach everyone', () => {
    const lighting: TargetingRule = { kind: 'viewedCategory', categories: ['Lighting'], days: 7 };
    expect(allMatch([], facts(), NOW)).toBe(true);
    expect(allMatch([lighting, { kind: 'audience', identified: true }], facts(), NOW)).toBe(true);
    expect(allMatch([lighting, { kind: 'audience', identified: false }], facts(), NOW)).toBe(false);
  });

  it('names the sources a set of rules reads, so a decision loads only those', () => {
    expect(
      [
        ...sourcesOf([
          { kind: 'language', languages: ['en'] },
          { kind: 'valueTier', tiers: ['A'] },
        ]),
      ].sort(),
    ).toEqual(['request', 'scores']);
  });

  it.each([
    { kind: 'churnRisk', min: 0.8, max: 0.2 },
    { kind: 'viewedCategory', categories: [], days: 7 },
    { kind: 'viewedCategory', categories: ['x'], days: 0 },
    { kind: 'boughtNotBought', bought: [], notBought: [] },
    { kind: 'nope' },
    { kind: 'audience', identified: true, extra: 1 },
  ])('refuses a malformed rule %j', (rule) => {
    expect(targetingRule.safeParse(rule).success).toBe(false);
  });

  it('treats only * as special in URL patterns', () => {
    expect(globToRegExp('/a.b/*').test('/a.b/c')).toBe(true);
    expect(globToRegExp('/a.b/*').test('/axb/c')).toBe(false);
    expect(globToRegExp('/(x)?').test('/(x)?')).toBe(true);
  });
});
