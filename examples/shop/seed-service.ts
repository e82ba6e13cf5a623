import { and, eq } from 'drizzle-orm';
import { customers, serviceSites, sites, staff } from '../../db/schema/index.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../worker/lib/crypto.ts';
import type { ServiceContext } from '../../worker/modules/context.ts';
import { createCannedReply, createServiceSite, importPostcodes } from '../../worker/modules/tickets/admin.ts';
import { createTicket, rateTicket } from '../../worker/modules/tickets/service.ts';
import { staffMessage } from '../../worker/modules/tickets/staff.ts';
import { DEMO_OWNER, DEMO_SITE } from './seed.ts';

/** The demo's topics, as the help page's `<crm-ticket-form categories>` lists them. */
export const DEMO_CATEGORIES = ['Repair', 'Returns', 'Delivery', 'Other'] as const;

const SERVICE_SITES = [
  {
    name: 'Vancouver workshop',
    address: '1055 W Georgia St, Vancouver',
    lat: 49.2856,
    lng: -123.1216,
    isDefault: true,
  },
  { name: 'Toronto service centre', address: '220 Yonge St, Toronto', lat: 43.6544, lng: -79.3807 },
  { name: 'Montréal atelier', address: '705 Rue Sainte-Catherine O, Montréal', lat: 45.5027, lng: -73.5714 },
  { name: '上海服务中心', address: '上海市黄浦区南京东路 800 号', lat: 31.2353, lng: 121.4754 },
  { name: '台北維修站', address: '台北市信義區市府路 45 號', lat: 25.0339, lng: 121.5645 },
];

const POSTCODES = `code,label,lat,lng
V6B,Vancouver,49.2799,-123.1156
M5V,Toronto,43.6426,-79.3871
H2X,Montréal,45.5117,-73.5673
200001,上海,31.2304,121.4737
110,台北,25.0330,121.5654`;

/**
 * Service sites, postcodes, canned replies and a few tickets of the demo customers (one open,
 * one answered, one resolved and rated), once: nothing happens when the demo site has any
 * service site already.
 */
export async function seedDemoService(db: Db): Promise<void> {
  const site = await db.query.sites.findFirst({ where: eq(sites.publishableKey, DEMO_SITE.publishableKey) });
  if (!site) return;
  const any = await db.query.serviceSites.findFirst({ where: eq(serviceSites.siteId, site.id) });
  if (any) return;
  const owner = await db.query.staff.findFirst({ where: eq(staff.email, DEMO_OWNER.email) });
  let clock = Date.now() - 10 * 24 * 3600 * 1000;
  const ctx: ServiceContext = { db, now: () => clock, newId };
  for (const s of SERVICE_SITES) {
    await createServiceSite(ctx, site, {
      ...s,
      categories: [...DEMO_CATEGORIES],
      openingHours: 'Mon–Fri 9:00–18:00',
      active: true,
      isDefault: s.isDefault ?? false,
    });
  }
  await importPostcodes(ctx, site, POSTCODES);
  await createCannedReply(ctx, site, {
    title: 'Ask for a photo',
    body: 'Thank you for letting us know. Could you attach a photo of the problem so we can see what happened?',
  });
  await createCannedReply(ctx, site, {
    title: 'Replacement on its way',
    body: 'We are sending you a replacement today; you will receive the tracking number by email.',
  });
  const known = await db
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(and(eq(customers.siteId, site.id)));
  const byExternal = new Map(known.map((c) => [c.externalId, c.id]));
  const facts = { addressHash: 'seed', requestLocation: null, links: { origin: '' } };
  const scripted = [
    {
      who: 'cust-1001',
      category: 'Repair',
      subject: 'Lamp flickers',
      body: 'The paper lamp flickers after ten minutes.',
      postcode: 'V6B',
      answer: 'Could you try another bulb?',
      resolve: true,
      stars: 5,
    },
    {
      who: 'cust-1002',
      category: 'Delivery',
      subject: '包裹还没到',
      body: '订单已经一周了，还没有收到。',
      postcode: '200001',
      answer: '我们已联系快递公司，明天送达。',
      resolve: false,
      stars: 0,
    },
    {
      who: 'cust-1003',
      category: 'Returns',
      subject: 'Return a mug',
      body: 'The colour is not what I expected.',
      postcode: 'M5V',
      answer: '',
      resolve: false,
      stars: 0,
    },
  ];
  for (const [i, s] of scripted.entries()) {
    const customerId = byExternal.get(s.who);
    if (!customerId) continue;
    clock += 24 * 3600 * 1000;
    const { created } = await createTicket(
      ctx,
      site,
      customerId,
      `seed-ticket-${i}`,
      { category: s.category, subject: s.subject, body: s.body, postcode: s.postcode },
      facts,
    );
    if (!owner || !s.answer) continue;
    clock += 3 * 3600 * 1000;
    await staffMessage(
      ctx,
      site,
      null,
      owner,
      created.ticket.id,
      { body: s.answer, internal: false, status: s.resolve ? 'resolved' : undefined },
      facts.links,
    );
    if (s.stars) {
      clock += 3600 * 1000;
      await rateTicket(
        ctx,
        site,
        created.ticket.id,
        { customerId },
        { stars: s.stars, comment: 'Quick and friendly.' },
        facts.links,
      );
    }
  }
}
