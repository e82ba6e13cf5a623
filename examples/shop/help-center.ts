import { eq } from 'drizzle-orm';
import { helpArticles, helpEscalations, helpSearches, helpViews } from '../../db/schema/index.ts';
import type { HelpExport } from '../../worker/contract/help.ts';
import type { ServiceContext } from '../../worker/modules/context.ts';
import { searchArticles } from '../../worker/modules/help/search.ts';
import { importHelp } from '../../worker/modules/help/transfer.ts';

type Locale = 'en' | 'zh-CN' | 'zh-TW';
type Text = Record<Locale, { title: string; body: string; tags: string[] }>;

function article(slug: string, category: string, text: Partial<Text>): HelpExport['articles'] {
  return Object.entries(text).map(([locale, t]) => ({
    slug,
    locale: locale as Locale,
    category,
    status: 'published' as const,
    ...t,
  }));
}

/**
 * The example shop's knowledge base in English, Simplified and Traditional Chinese: what the
 * demo seeds and the fixed corpus the search tests and the browser tests run against.
 */
export const HELP_CENTER: HelpExport = {
  version: 1,
  categories: [
    {
      slug: 'orders',
      names: { en: 'Orders & returns', 'zh-CN': '订单与退货', 'zh-TW': '訂單與退貨' },
      position: 0,
    },
    { slug: 'shipping', names: { en: 'Shipping', 'zh-CN': '配送', 'zh-TW': '配送' }, position: 1 },
    { slug: 'account', names: { en: 'Your account', 'zh-CN': '我的账户', 'zh-TW': '我的帳戶' }, position: 2 },
    {
      slug: 'products',
      names: { en: 'Products & care', 'zh-CN': '产品与保养', 'zh-TW': '產品與保養' },
      position: 3,
    },
  ],
  articles: [
    ...article('request-a-return', 'orders', {
      en: {
        title: 'How to request a return',
        tags: ['returns', 'refund'],
        body: 'You can return any item within **30 days** of delivery.\n\n1. Open *Your orders*.\n2. Choose the item and press **Return**.\n3. Print the label and drop the parcel at a post office.\n\nWe refund the purchase price once the parcel arrives at our warehouse.',
      },
      'zh-CN': {
        title: '如何申请退货',
        tags: ['退货', '退款'],
        body: '收到商品后 **30 天内** 可以申请退货。\n\n1. 打开“我的订单”。\n2. 选择商品并点击 **退货**。\n3. 打印退货标签，把包裹交给邮局。\n\n包裹到达仓库后，我们会退还货款。',
      },
      'zh-TW': {
        title: '如何申請退貨',
        tags: ['退貨', '退款'],
        body: '收到商品後 **30 天內** 可以申請退貨。\n\n1. 開啟「我的訂單」。\n2. 選擇商品並點選 **退貨**。\n3. 列印退貨標籤，將包裹交給郵局。\n\n包裹送達倉庫後，我們會退還貨款。',
      },
    }),
    ...article('refund-times', 'orders', {
      en: {
        title: 'When will I get my refund?',
        tags: ['refund', 'payment'],
        body: 'Refunds go back to the card or PayPal account you paid with, usually within **5 business days** after we receive the return.',
      },
      'zh-CN': {
        title: '退款多久到账？',
        tags: ['退款', '付款'],
        body: '退款会原路退回到您付款的银行卡或 PayPal 账户，通常在我们收到退货后 **5 个工作日内** 到账。',
      },
      'zh-TW': {
        title: '退款多久入帳？',
        tags: ['退款', '付款'],
        body: '退款會原路退回到您付款的信用卡或 PayPal 帳戶，通常在我們收到退貨後 **5 個工作天內** 入帳。',
      },
    }),
    ...article('shipping-times', 'shipping', {
      en: {
        title: 'Shipping times and tracking',
        tags: ['delivery', 'tracking'],
        body: 'Orders ship within one business day. Standard delivery takes 2–4 days; you get a tracking link by e-mail as soon as the parcel leaves. See [our carrier](https://example.com/carrier).',
      },
      'zh-CN': {
        title: '配送时间与物流查询',
        tags: ['配送', '物流'],
        body: '订单在一个工作日内发货，标准配送需要 2–4 天。包裹发出后，您会收到带有物流单号的邮件。',
      },
      'zh-TW': {
        title: '配送時間與物流查詢',
        tags: ['配送', '物流'],
        body: '訂單在一個工作天內出貨，標準配送需要 2–4 天。包裹寄出後，您會收到附有物流單號的郵件。',
      },
    }),
    ...article('change-address', 'shipping', {
      en: {
        title: 'Change the delivery address',
        tags: ['address', 'delivery'],
        body: 'Until the order ships you can change the address under *Your orders → Details*. After that, contact us and we will ask the carrier to redirect the parcel.',
      },
      'zh-CN': {
        title: '修改收货地址',
        tags: ['地址', '配送'],
        body: '订单发货前，可以在“我的订单 → 详情”中修改收货地址。发货后请联系我们，我们会请快递改派。',
      },
      'zh-TW': {
        title: '修改收貨地址',
        tags: ['地址', '配送'],
        body: '訂單出貨前，可以在「我的訂單 → 詳情」中修改收貨地址。出貨後請聯絡我們，我們會請物流改派。',
      },
    }),
    ...article('reset-password', 'account', {
      en: {
        title: 'Reset your password',
        tags: ['password', 'sign in'],
        body: 'Press **Forgot password?** on the sign-in page and follow the link we e-mail you. The link works for one hour.',
      },
      'zh-CN': {
        title: '重置密码',
        tags: ['密码', '登录'],
        body: '在登录页点击 **忘记密码？**，然后打开我们发送到您邮箱的链接。链接一小时内有效。',
      },
      'zh-TW': {
        title: '重設密碼',
        tags: ['密碼', '登入'],
        body: '在登入頁點選 **忘記密碼？**，然後開啟我們寄到您信箱的連結。連結一小時內有效。',
      },
    }),
    ...article('payment-methods', 'account', {
      en: {
        title: 'Payment methods we accept',
        tags: ['payment', 'paypal', 'card'],
        body: 'We accept Visa, Mastercard, American Express and PayPal. Prices include VAT.',
      },
      'zh-CN': {
        title: '支持的付款方式',
        tags: ['付款', 'PayPal'],
        body: '我们接受 Visa、Mastercard、American Express 和 PayPal 付款。价格已含增值税。',
      },
      'zh-TW': {
        title: '支援的付款方式',
        tags: ['付款', 'PayPal'],
        body: '我們接受 Visa、Mastercard、American Express 與 PayPal 付款。價格已含營業稅。',
      },
    }),
    ...article('lamp-bulbs', 'products', {
      en: {
        title: 'Replacing the bulb of a desk lamp',
        tags: ['lamp', 'lighting'],
        body: 'Unplug the lamp and let it cool. Our lamps take an **E27 LED bulb** of at most 8 W.',
      },
      'zh-CN': {
        title: '更换台灯灯泡',
        tags: ['灯', '照明'],
        body: '先拔掉插头，等台灯冷却。我们的台灯使用 **E27 LED 灯泡**，功率不超过 8 瓦。',
      },
      'zh-TW': {
        title: '更換檯燈燈泡',
        tags: ['燈', '照明'],
        body: '先拔掉插頭，等檯燈冷卻。我們的檯燈使用 **E27 LED 燈泡**，功率不超過 8 瓦。',
      },
    }),
    ...article('warranty', 'products', {
      en: {
        title: 'Warranty and repairs',
        tags: ['warranty', 'repair'],
        body: 'Furniture and lamps carry a **two-year warranty**. For a repair, send us a photo of the damage and your order number.',
      },
      'zh-CN': {
        title: '保修与维修',
        tags: ['保修', '维修'],
        body: '家具和灯具享有 **两年保修**。需要维修时，请发送损坏照片和订单号给我们。',
      },
    }),
    ...article('store-pickup', 'shipping', {
      'zh-TW': {
        title: '門市自取',
        tags: ['自取', '門市'],
        body: '台北門市提供免費自取服務，下單時選擇「門市自取」即可。',
      },
    }),
    {
      slug: 'loyalty-preview',
      locale: 'en',
      category: 'account',
      status: 'draft',
      title: 'Loyalty programme preview',
      tags: ['loyalty'],
      body: 'Secret draft: the loyalty programme starts next spring with double points on refunds.',
    },
  ],
};

/**
 * Seeds the knowledge base and a few weeks of help-center use by `visitorIds` (searches, some
 * without results, article views, votes and escalations), so the console's report has
 * something to show. `ctx.now` is the end of the period.
 */
export async function seedHelpCenter(ctx: ServiceContext, siteId: string, visitorIds: readonly string[]) {
  await importHelp(ctx, siteId, HELP_CENTER, null);
  const articles = await ctx.db.select().from(helpArticles).where(eq(helpArticles.siteId, siteId));
  const published = articles.filter((a) => a.status === 'published');
  const end = ctx.now();
  const queries = [
    ['return', 'en'],
    ['refund', 'en'],
    ['gift wrapping', 'en'],
    ['退货', 'zh-CN'],
    ['發票', 'zh-TW'],
    ['password', 'en'],
    ['international shipping', 'en'],
    ['配送', 'zh-TW'],
  ] as const;
  const searches: (typeof helpSearches.$inferInsert)[] = [];
  const views: (typeof helpViews.$inferInsert)[] = [];
  const escalations: (typeof helpEscalations.$inferInsert)[] = [];
  for (let day = 13; day >= 0; day--) {
    for (const [n, visitorId] of visitorIds.entries()) {
      if ((day + n) % 2 === 1) continue;
      const at = end - day * 86_400_000 - (n + 1) * 3_600_000;
      const [query, locale] = queries[(day + n) % queries.length] ?? queries[0];
      const found = await searchArticles(ctx, siteId, locale, query);
      searches.push({ siteId, visitorId, query, locale, results: found.results.length, createdAt: at });
      const hit = found.results[0];
      if (hit) views.push({ siteId, visitorId, articleId: hit.id, createdAt: at + 60_000 });
      if ((day + n) % 5 === 0)
        escalations.push({ siteId, visitorId, query, articleIds: [], createdAt: at + 300_000 });
    }
  }
  if (searches.length) await ctx.db.insert(helpSearches).values(searches);
  if (views.length) await ctx.db.insert(helpViews).values(views);
  if (escalations.length) await ctx.db.insert(helpEscalations).values(escalations);
  for (const [n, article] of published.entries()) {
    const yes = (n * 7) % 11;
    const no = (n * 3) % 4;
    await ctx.db
      .update(helpArticles)
      .set({ helpfulYes: yes, helpfulNo: no, views: yes + no + ((n * 5) % 17) })
      .where(eq(helpArticles.id, article.id));
  }
}
