import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFRIGERATOR } from '../../../../examples/shop/refrigerator.ts';
import { configurationOf, generatedModel } from '../../../../tests/fixtures/configurator.ts';
import {
  checkModel,
  defaultConfiguration,
  evaluate,
  previewShapes,
  suggestFix,
  type Configuration,
  type ProductModel,
  type Rule,
} from './index.ts';

const fridge = REFRIGERATOR;
const base: Configuration = {
  quantity: 1,
  picks: { colour: { white: 1 }, layout: { top: 1 }, compartments: { shelf: 1, drawer: 1 } },
};
const withPicks = (picks: Configuration['picks'], quantity = 1): Configuration => ({
  quantity,
  picks: { ...base.picks, ...picks },
});

/** An oracle written apart from the engine: does a rule hold for these picks? */
function ruleHolds(rule: Rule, config: Configuration): boolean {
  const units = (group: string, choice?: string) =>
    Object.entries(config.picks[group] ?? {})
      .filter(([id]) => choice === undefined || id === choice)
      .reduce((sum, [, n]) => sum + Math.max(n, 0), 0);
  if (units(rule.when.group, rule.when.choice) === 0) return true;
  if (rule.kind === 'requires') return rule.needs.some((r) => units(r.group, r.choice) > 0);
  if (rule.kind === 'excludes') return rule.excludes.every((r) => units(r.group, r.choice) === 0);
  return units(rule.group, rule.choice) <= rule.max;
}

/** The oracle's price of one piece: base plus each pick's delta, less the tier's percentage. */
function oraclePrice(model: ProductModel, config: Configuration): number {
  let sum = model.basePrice;
  for (const group of model.groups) {
    for (const choice of group.choices)
      sum += (config.picks[group.id]?.[choice.id] ?? 0) * choice.price.amount;
  }
  const tier = [...model.tiers].reverse().find((t) => config.quantity >= t.minQuantity);
  return tier ? sum - Math.floor((sum * tier.percentOff) / 100) : sum;
}

describe('evaluate: a table of configurations', () => {
  it.each<{ name: string; config: Configuration; codes: string[]; total?: number }>([
    { name: 'the defaults', config: defaultConfiguration(fridge), codes: [], total: 89_900 + 1_500 + 4_900 },
    {
      name: 'two drawers with the freezer on top',
      config: withPicks({ compartments: { drawer: 2 } }),
      codes: [],
      total: 89_900 + 9_800,
    },
    {
      name: 'three drawers with the freezer on top',
      config: withPicks({ compartments: { drawer: 3 } }),
      codes: ['limit'],
    },
    {
      name: 'three drawers with the freezer at the bottom',
      config: withPicks({ layout: { bottom: 1 }, compartments: { drawer: 3 } }),
      codes: [],
      total: 89_900 + 10_000 + 14_700,
    },
    {
      name: 'an ice maker with the freezer on top',
      config: withPicks({ compartments: { ice: 1 } }),
      codes: ['requires'],
    },
    {
      name: 'an ice maker and a wine rack',
      config: withPicks({ layout: { bottom: 1 }, compartments: { ice: 1, wine: 1 } }),
      codes: ['excludes'],
    },
    { name: 'no compartment', config: withPicks({ compartments: {} }), codes: ['group_min'] },
    { name: 'two colours', config: withPicks({ colour: { white: 1, black: 1 } }), codes: ['group_max'] },
    { name: 'no colour', config: withPicks({ colour: {} }), codes: ['group_min'] },
    {
      name: 'four add-ons of three allowed',
      config: withPicks({ layout: { side: 1 }, addons: { dispenser: 1, wifi: 1, warranty: 1, ghost: 1 } }),
      codes: ['group_max', 'unknown_choice'],
    },
    { name: 'an unknown group', config: withPicks({ handles: { gold: 1 } }), codes: ['unknown_group'] },
    {
      name: 'five drawers (at most four units)',
      config: withPicks({ layout: { bottom: 1 }, compartments: { drawer: 5 } }),
      codes: ['units'],
    },
    {
      name: 'two units of a fixed-price choice',
      config: withPicks({ compartments: { wine: 2 } }),
      codes: ['units'],
    },
    {
      name: 'a choice no longer available',
      config: withPicks({ colour: { copper: 1 } }),
      codes: ['unavailable'],
    },
    { name: 'quantity 0', config: withPicks({}, 0), codes: ['quantity'] },
    { name: 'quantity over the maximum', config: withPicks({}, 21), codes: ['quantity'] },
    {
      name: 'three pieces (5 % off)',
      config: withPicks({}, 3),
      codes: [],
      total: 3 * (96_300 - Math.floor(96_300 * 0.05)),
    },
    { name: 'ten pieces (10 % off)', config: withPicks({}, 10), codes: [], total: 10 * (96_300 - 9_630) },
  ])('$name', ({ config, codes, total }) => {
    const result = evaluate(fridge, config);
    expect(result.violations.map((v) => v.code).sort()).toEqual([...codes].sort());
    expect(result.valid).toBe(codes.length === 0);
    if (total !== undefined) expect(result.total).toBe(total);
    expect(result.total).toBe(result.quantity > 0 ? result.unitPrice * result.quantity : 0);
    expect(result.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(result.unitPrice);
  });

  it('explains a blocked choice and a broken rule in words, in each locale', () => {
    const start = evaluate(fridge, base);
    expect(start.blocked['compartments/ice']).toMatchObject({
      code: 'requires',
      rule: 'ice-needs-bottom-freezer',
      reason: 'needs: Freezer at the bottom',
    });
    expect(start.blocked['colour/copper']).toMatchObject({
      code: 'unavailable',
      reason: 'no longer available',
    });
    expect(start.blocked['compartments/drawer']).toBeUndefined();
    expect(evaluate(fridge, base, 'zh-CN').blocked['compartments/ice']?.reason).toBe('需要：冷冻室在下');
    expect(evaluate(fridge, base, 'zh-TW').blocked['compartments/ice']?.reason).toBe('需要：冷凍室在下');

    const drawers = withPicks({ compartments: { drawer: 2 } });
    expect(evaluate(fridge, drawers).blocked['compartments/drawer']?.reason).toBe(
      'at most 2 × Crisper drawer with Freezer on top',
    );
    const three = withPicks({ layout: { bottom: 1 }, compartments: { drawer: 3 } });
    expect(evaluate(fridge, three).blocked['layout/top']).toMatchObject({
      code: 'limit',
      rule: 'drawers-with-top-freezer',
    });
    expect(evaluate(fridge, withPicks({ compartments: { drawer: 3 } })).violations[0]?.message).toBe(
      'Compartments: at most 2 × Crisper drawer with Freezer on top',
    );
  });

  it('prices the breakdown line by line, in model order, whatever order the picks came in', () => {
    const config = withPicks({ compartments: { drawer: 2, shelf: 3 }, addons: { wifi: 1 } });
    const { lines } = evaluate(fridge, config);
    expect(lines.map((l) => [l.kind, l.choice ?? null, l.units, l.amount])).toEqual([
      ['base', null, 1, 89_900],
      ['choice', 'white', 1, 0],
      ['choice', 'top', 1, 0],
      ['choice', 'shelf', 3, 4_500],
      ['choice', 'drawer', 2, 9_800],
      ['choice', 'wifi', 1, 7_900],
    ]);
  });

  it('draws the preview from the picks: the colour fills the body and drawers repeat per unit', () => {
    const shapes = previewShapes(fridge, withPicks({ colour: { sage: 1 }, compartments: { drawer: 2 } }));
    expect(shapes.find((s) => s.key.startsWith('body'))?.fill).toBe('#9caf88');
    expect(shapes.filter((s) => s.key.startsWith('drawers')).map((s) => s.at.y)).toEqual([250, 228]);
    expect(shapes.some((s) => s.key.startsWith('bottom'))).toBe(false);
  });
});

describe('suggestFix', () => {
  it('proposes the fewest changes that make a configuration valid', () => {
    const three = withPicks({ compartments: { drawer: 3 } });
    expect(suggestFix(fridge, three)?.changes).toEqual([
      { group: 'compartments', choice: 'drawer', from: 3, to: 2 },
    ]);
    // Keeping the drawer the shopper just added moves the freezer instead.
    const kept = suggestFix(fridge, three, { keep: { group: 'compartments', choice: 'drawer' } });
    expect(kept?.configuration.picks.compartments).toEqual({ drawer: 3 });
    expect(kept?.configuration.picks.layout).not.toHaveProperty('top');
    expect(evaluate(fridge, kept?.configuration ?? base).valid).toBe(true);
    const ice = suggestFix(fridge, withPicks({ compartments: { ice: 1 } }), {
      keep: { group: 'compartments', choice: 'ice' },
    });
    expect(ice?.changes).toEqual([
      { group: 'layout', choice: 'top', from: 1, to: 0 },
      { group: 'layout', choice: 'bottom', from: 0, to: 1 },
    ]);
    expect(
      suggestFix(fridge, withPicks({ colour: { copper: 1 } }))?.configuration.picks.colour,
    ).not.toHaveProperty('copper');
  });

  it('returns every valid configuration unchanged', () => {
    expect(suggestFix(fridge, base)).toEqual({ configuration: base, changes: [] });
  });
});

describe('checkModel', () => {
  it('accepts the refrigerator and the generated benchmark model', () => {
    expect(checkModel(fridge)).toEqual([]);
    expect(checkModel(generatedModel({ groups: 20, choices: 10, rules: 100 }))).toEqual([]);
  });

  it('refuses a choice that can never be picked, saying which', () => {
    const model: ProductModel = {
      ...fridge,
      rules: [
        ...fridge.rules,
        {
          id: 'wine-needs-ice',
          kind: 'requires',
          when: { group: 'compartments', choice: 'wine' },
          needs: [{ group: 'compartments', choice: 'ice' }],
        },
      ],
    };
    expect(checkModel(model)).toEqual([
      expect.objectContaining({ code: 'impossible_choice', group: 'compartments', choice: 'wine' }),
    ]);
  });

  it('refuses a model with no valid configuration, dangling references and bad defaults', () => {
    const none: ProductModel = {
      ...fridge,
      rules: [
        {
          id: 'a',
          kind: 'requires',
          when: { group: 'colour', choice: 'white' },
          needs: [{ group: 'layout', choice: 'side' }],
        },
        {
          id: 'b',
          kind: 'excludes',
          when: { group: 'layout', choice: 'side' },
          excludes: [{ group: 'colour', choice: 'white' }],
        },
        ...['steel', 'black', 'sage'].map((c): Rule => ({
          id: c,
          kind: 'excludes',
          when: { group: 'colour', choice: c },
          excludes: ['top', 'bottom', 'side'].map((l) => ({ group: 'layout', choice: l })),
        })),
      ],
    };
    expect(checkModel(none).map((i) => i.code)).toEqual(['no_valid_configuration']);
    const dangling: ProductModel = {
      ...fridge,
      rules: [{ id: 'x', kind: 'excludes', when: { group: 'colour', choice: 'gold' }, excludes: [] }],
    };
    expect(checkModel(dangling).map((i) => i.code)).toEqual(['unknown_reference']);
    const defaults: ProductModel = {
      ...fridge,
      groups: fridge.groups.map((g) => (g.id === 'colour' ? { ...g, defaults: ['white', 'black'] } : g)),
    };
    expect(checkModel(defaults).map((i) => i.code)).toEqual(['defaults']);
  });
});

describe('properties', () => {
  const models = {
    refrigerator: fridge,
    generated: generatedModel({ groups: 6, choices: 5, rules: 12, seed: 7 }),
  };

  it.each(Object.entries(models))(
    'every configuration accepted for the %s satisfies every rule and is priced as the sum of its parts',
    (_, model) => {
      fc.assert(
        fc.property(configurationOf(model), (config) => {
          const result = evaluate(model, config);
          const rulesHold = model.rules.every((rule) => ruleHolds(rule, config));
          const bounds = model.groups.every((g) => {
            const units = Object.values(config.picks[g.id] ?? {}).reduce((a, b) => a + b, 0);
            return units >= g.min && units <= g.max;
          });
          if (result.valid) {
            expect(rulesHold && bounds).toBe(true);
            expect(result.unitPrice).toBe(oraclePrice(model, config));
            expect(result.total).toBe(oraclePrice(model, config) * config.quantity);
          } else if (rulesHold) {
            // A refusal that is not a rule's must name a structural fault.
            expect(result.violations.every((v) => !['requires', 'excludes', 'limit'].includes(v.code))).toBe(
              true,
            );
          }
          expect(result.violations.filter((v) => v.rule).map((v) => v.rule)).toEqual(
            model.rules.filter((r) => !ruleHolds(r, config)).map((r) => r.id),
          );
          for (const blocked of Object.values(result.blocked)) {
            if (!blocked.rule) continue;
            const group = model.groups.find((g) => g.id === blocked.group);
            const current = config.picks[blocked.group] ?? {};
            const next =
              group?.kind === 'single'
                ? { [blocked.choice]: 1 }
                : { ...current, [blocked.choice]: (current[blocked.choice] ?? 0) + 1 };
            const rule = model.rules.find((r) => r.id === blocked.rule);
            expect(
              rule &&
                ruleHolds(rule, config) &&
                !ruleHolds(rule, { ...config, picks: { ...config.picks, [blocked.group]: next } }),
            ).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    },
  );

  it('suggestFix only ever proposes valid configurations', () => {
    fc.assert(
      fc.property(configurationOf(fridge), (config) => {
        const fix = suggestFix(fridge, config);
        if (fix) expect(evaluate(fridge, fix.configuration).valid).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('checkModel agrees with brute force on small models', () => {
    const ref = (g: number, c: number) => ({ group: `g${g}`, choice: `c${c}` });
    const smallRule = fc.oneof(
      fc.record({
        kind: fc.constant('requires' as const),
        when: fc.tuple(fc.nat(2), fc.nat(2)),
        other: fc.tuple(fc.nat(2), fc.nat(2)),
      }),
      fc.record({
        kind: fc.constant('excludes' as const),
        when: fc.tuple(fc.nat(2), fc.nat(2)),
        other: fc.tuple(fc.nat(2), fc.nat(2)),
      }),
      fc.record({
        kind: fc.constant('limit' as const),
        when: fc.tuple(fc.nat(2), fc.nat(2)),
        other: fc.tuple(fc.nat(2), fc.nat(2)),
        max: fc.nat(1),
      }),
    );
    fc.assert(
      fc.property(fc.array(smallRule, { maxLength: 5 }), fc.boolean(), (specs, multiFirst) => {
        const base = generatedModel({ groups: 3, choices: 3, rules: 0 });
        const groups = base.groups.map((g, i) =>
          i === 0 && multiFirst ? { ...g, kind: 'multi' as const, min: 0, max: 3, defaults: [] } : g,
        );
        const rules: Rule[] = specs.map((s, i) => {
          const when = ref(...s.when);
          const other = ref(...s.other);
          if (s.kind === 'requires') return { id: `r${i}`, kind: 'requires', when, needs: [other] };
          if (s.kind === 'excludes') return { id: `r${i}`, kind: 'excludes', when, excludes: [other] };
          return { id: `r${i}`, kind: 'limit', when, group: other.group, choice: other.choice, max: s.max };
        });
        const model: ProductModel = { ...base, groups, rules };
        // Every configuration with one unit per pick (units matter only for per-unit choices, c2).
        const options = groups.map((g) =>
          g.kind === 'single'
            ? g.choices.map((c) => ({ [c.id]: 1 }))
            : [0, 1, 2, 3, 4, 5, 6, 7].map((mask) =>
                Object.fromEntries(g.choices.filter((_, i) => mask & (1 << i)).map((c) => [c.id, 1])),
              ),
        );
        const all: Configuration[] = [];
        for (const a of options[0] ?? [])
          for (const b of options[1] ?? [])
            for (const c of options[2] ?? []) all.push({ quantity: 1, picks: { g0: a, g1: b, g2: c } });
        const valid = all.filter((config) => evaluate(model, config).valid);
        const issues = checkModel(model);
        if (!evaluate(model, defaultConfiguration(model)).valid) {
          expect(issues.map((i) => i.code)).toEqual([
            valid.length > 0 ? 'defaults' : 'no_valid_configuration',
          ]);
          return;
        }
        const impossible = groups.flatMap((g) =>
          g.choices
            .filter((c) => !valid.some((v) => (v.picks[g.id]?.[c.id] ?? 0) > 0))
            .map((c) => `${g.id}/${c.id}`),
        );
        expect(issues.map((i) => `${i.group}/${i.choice}`)).toEqual(impossible);
      }),
      { numRuns: 300 },
    );
  });
});
