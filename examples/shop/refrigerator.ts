import type { ProductModel } from '../../worker/contract/shared/configurator/index.ts';

/**
 * The example shop's configurable refrigerator: colour, door layout, inner compartments (at most
 * two drawers with the freezer on top), add-ons and quantity prices, with its SVG preview.
 */
export const REFRIGERATOR: ProductModel = {
  sku: 'FRIDGE-CFG',
  name: { en: 'Made-to-order refrigerator', 'zh-CN': '定制冰箱', 'zh-TW': '訂製冰箱' },
  category: 'appliances',
  currency: 'USD',
  basePrice: 89_900,
  maxQuantity: 20,
  tiers: [
    { minQuantity: 3, percentOff: 5 },
    { minQuantity: 10, percentOff: 10 },
  ],
  groups: [
    {
      id: 'colour',
      label: { en: 'Colour', 'zh-CN': '颜色', 'zh-TW': '顏色' },
      kind: 'single',
      min: 1,
      max: 1,
      defaults: ['white'],
      choices: [
        {
          id: 'white',
          label: { en: 'Snow white', 'zh-CN': '雪白', 'zh-TW': '雪白' },
          price: { per: 'item', amount: 0 },
          swatch: '#f4f4ef',
          available: true,
        },
        {
          id: 'steel',
          label: { en: 'Brushed steel', 'zh-CN': '拉丝钢', 'zh-TW': '拉絲鋼' },
          price: { per: 'item', amount: 9_900 },
          swatch: '#b7bcc2',
          available: true,
        },
        {
          id: 'black',
          label: { en: 'Matte black', 'zh-CN': '哑光黑', 'zh-TW': '霧面黑' },
          price: { per: 'item', amount: 4_900 },
          swatch: '#2b2f33',
          available: true,
        },
        {
          id: 'sage',
          label: { en: 'Sage green', 'zh-CN': '鼠尾草绿', 'zh-TW': '鼠尾草綠' },
          price: { per: 'item', amount: 6_900 },
          swatch: '#9caf88',
          available: true,
        },
        {
          id: 'copper',
          label: { en: 'Copper', 'zh-CN': '紫铜', 'zh-TW': '紫銅' },
          price: { per: 'item', amount: 19_900 },
          swatch: '#b87333',
          available: false,
        },
      ],
    },
    {
      id: 'layout',
      label: { en: 'Door layout', 'zh-CN': '门体布局', 'zh-TW': '門體佈局' },
      kind: 'single',
      min: 1,
      max: 1,
      defaults: ['top'],
      choices: [
        {
          id: 'top',
          label: { en: 'Freezer on top', 'zh-CN': '冷冻室在上', 'zh-TW': '冷凍室在上' },
          price: { per: 'item', amount: 0 },
          available: true,
        },
        {
          id: 'bottom',
          label: { en: 'Freezer at the bottom', 'zh-CN': '冷冻室在下', 'zh-TW': '冷凍室在下' },
          price: { per: 'item', amount: 10_000 },
          available: true,
        },
        {
          id: 'side',
          label: { en: 'Side-by-side', 'zh-CN': '对开门', 'zh-TW': '對開門' },
          price: { per: 'item', amount: 30_000 },
          available: true,
        },
      ],
    },
    {
      id: 'compartments',
      label: { en: 'Compartments', 'zh-CN': '内部隔层', 'zh-TW': '內部隔層' },
      kind: 'multi',
      min: 1,
      max: 8,
      defaults: ['shelf', 'drawer'],
      choices: [
        {
          id: 'shelf',
          label: { en: 'Glass shelf', 'zh-CN': '玻璃层架', 'zh-TW': '玻璃層架' },
          price: { per: 'unit', amount: 1_500, maxUnits: 4 },
          available: true,
        },
        {
          id: 'drawer',
          label: { en: 'Crisper drawer', 'zh-CN': '保鲜抽屉', 'zh-TW': '保鮮抽屜' },
          price: { per: 'unit', amount: 4_900, maxUnits: 4 },
          available: true,
        },
        {
          id: 'ice',
          label: { en: 'Ice maker', 'zh-CN': '制冰机', 'zh-TW': '製冰機' },
          price: { per: 'item', amount: 12_900 },
          available: true,
        },
        {
          id: 'wine',
          label: { en: 'Wine rack', 'zh-CN': '酒架', 'zh-TW': '酒架' },
          price: { per: 'item', amount: 8_900 },
          available: true,
        },
      ],
    },
    {
      id: 'addons',
      label: { en: 'Add-ons', 'zh-CN': '附加功能', 'zh-TW': '附加功能' },
      kind: 'multi',
      min: 0,
      max: 3,
      defaults: [],
      choices: [
        {
          id: 'dispenser',
          label: { en: 'Water dispenser', 'zh-CN': '饮水机', 'zh-TW': '飲水機' },
          price: { per: 'item', amount: 14_900 },
          available: true,
        },
        {
          id: 'wifi',
          label: { en: 'Wi-Fi control', 'zh-CN': 'Wi-Fi 控制', 'zh-TW': 'Wi-Fi 控制' },
          price: { per: 'item', amount: 7_900 },
          available: true,
        },
        {
          id: 'warranty',
          label: { en: '5-year warranty', 'zh-CN': '五年保修', 'zh-TW': '五年保固' },
          price: { per: 'item', amount: 9_900 },
          available: true,
        },
      ],
    },
  ],
  rules: [
    {
      id: 'drawers-with-top-freezer',
      kind: 'limit',
      when: { group: 'layout', choice: 'top' },
      group: 'compartments',
      choice: 'drawer',
      max: 2,
    },
    {
      id: 'ice-needs-bottom-freezer',
      kind: 'requires',
      when: { group: 'compartments', choice: 'ice' },
      needs: [{ group: 'layout', choice: 'bottom' }],
    },
    {
      id: 'dispenser-needs-side',
      kind: 'requires',
      when: { group: 'addons', choice: 'dispenser' },
      needs: [{ group: 'layout', choice: 'side' }],
    },
    {
      id: 'wine-not-with-ice',
      kind: 'excludes',
      when: { group: 'compartments', choice: 'wine' },
      excludes: [{ group: 'compartments', choice: 'ice' }],
    },
  ],
  preview: {
    width: 200,
    height: 360,
    layers: [
      {
        id: 'body',
        shapes: [
          {
            type: 'rect',
            at: { x: 20, y: 10, width: 160, height: 340, rx: 12 },
            fill: '#f4f4ef',
            fillFrom: 'colour',
            stroke: '#57606a',
          },
        ],
      },
      {
        id: 'top',
        when: { group: 'layout', choice: 'top' },
        shapes: [
          { type: 'line', at: { x1: 20, y1: 120, x2: 180, y2: 120 }, stroke: '#57606a' },
          { type: 'rect', at: { x: 160, y: 40, width: 8, height: 50, rx: 3 }, fill: '#8c959f' },
          { type: 'rect', at: { x: 160, y: 150, width: 8, height: 80, rx: 3 }, fill: '#8c959f' },
        ],
      },
      {
        id: 'bottom',
        when: { group: 'layout', choice: 'bottom' },
        shapes: [
          { type: 'line', at: { x1: 20, y1: 240, x2: 180, y2: 240 }, stroke: '#57606a' },
          { type: 'rect', at: { x: 160, y: 120, width: 8, height: 80, rx: 3 }, fill: '#8c959f' },
          { type: 'rect', at: { x: 90, y: 260, width: 20, height: 8, rx: 3 }, fill: '#8c959f' },
        ],
      },
      {
        id: 'side',
        when: { group: 'layout', choice: 'side' },
        shapes: [
          { type: 'line', at: { x1: 100, y1: 10, x2: 100, y2: 350 }, stroke: '#57606a' },
          { type: 'rect', at: { x: 86, y: 140, width: 6, height: 80, rx: 3 }, fill: '#8c959f' },
          { type: 'rect', at: { x: 108, y: 140, width: 6, height: 80, rx: 3 }, fill: '#8c959f' },
        ],
      },
      {
        id: 'shelves',
        when: { group: 'compartments', choice: 'shelf' },
        shapes: [
          { type: 'line', at: { x1: 34, y1: 140, x2: 146, y2: 140 }, stroke: '#6cb6ff', repeatDy: 22 },
        ],
      },
      {
        id: 'drawers',
        when: { group: 'compartments', choice: 'drawer' },
        shapes: [
          {
            type: 'rect',
            at: { x: 34, y: 250, width: 112, height: 18, rx: 3 },
            fill: '#d8e8f5',
            stroke: '#6e7781',
            repeatDy: -22,
          },
        ],
      },
      {
        id: 'ice',
        when: { group: 'compartments', choice: 'ice' },
        shapes: [
          {
            type: 'rect',
            at: { x: 40, y: 300, width: 40, height: 30, rx: 4 },
            fill: '#e6f4ff',
            stroke: '#6e7781',
          },
        ],
      },
      {
        id: 'wine',
        when: { group: 'compartments', choice: 'wine' },
        shapes: [
          { type: 'circle', at: { cx: 120, cy: 315, r: 10 }, fill: '#8b1e3f' },
          { type: 'circle', at: { cx: 145, cy: 315, r: 10 }, fill: '#8b1e3f' },
        ],
      },
      {
        id: 'dispenser',
        when: { group: 'addons', choice: 'dispenser' },
        shapes: [{ type: 'rect', at: { x: 40, y: 60, width: 40, height: 50, rx: 4 }, fill: '#57606a' }],
      },
      {
        id: 'wifi',
        when: { group: 'addons', choice: 'wifi' },
        shapes: [{ type: 'circle', at: { cx: 40, cy: 28, r: 5 }, fill: '#2da44e' }],
      },
    ],
  },
};
