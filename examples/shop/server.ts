import { Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { sign } from 'hono/jwt';
import { renderProductPage, type ShopProduct } from './catalog.ts';

/** A shopper the demo login offers. */
export interface ShopCustomer {
  externalId: string;
  name: string;
  email: string;
}

/** What the example shop's backend knows: its own customers and the CRM credentials it keeps server-side. */
export interface ShopOptions {
  customers: readonly ShopCustomer[];
  /** The site's identity secret: signs identity tokens, never leaves this server. */
  identitySecret: string;
  /** The site's `sk_…` secret key, for reporting orders to the CRM. */
  crmSecretKey: string;
  /** Where the CRM API lives, for server-to-server calls. */
  crmBaseUrl: () => string;
  /** Reads a page of the shop (HTML, CSS or JS) by file name. */
  readPage: (name: string) => Promise<string | null>;
  /** What the shop sells: each product has a page (`/<slug>.html`) and a price for checkout. */
  products: readonly ShopProduct[];
}

const SESSION_COOKIE = 'shop_session';
const PAGES = /^\/([a-z-]+\.(?:html|css|js))$/;

function contentType(name: string) {
  if (name.endsWith('.css')) return 'text/css; charset=utf-8';
  if (name.endsWith('.js')) return 'text/javascript; charset=utf-8';
  return 'text/html; charset=utf-8';
}

/**
 * A small shop backend, as a real site would have: it serves plain HTML pages under a
 * strict CSP (per-request nonce, Trusted Types), logs shoppers in with its own cookie,
 * signs the short-lived identity token the CRM script needs, and reports orders to the
 * CRM with the secret key.
 */
export function createShopApp(options: ShopOptions) {
  const app = new Hono();
  const cookieSecret = `${options.identitySecret}:cookie`;
  const shopper = async (c: Parameters<typeof getSignedCookie>[0]) => {
    const id = await getSignedCookie(c, cookieSecret, SESSION_COOKIE);
    return options.customers.find((x) => x.externalId === id);
  };

  app.get('/shop/session', async (c) => {
    const customer = await shopper(c);
    c.header('Cache-Control', 'no-store');
    if (!customer) return c.json({ customer: null, identityToken: null });
    const exp = Math.floor(Date.now() / 1000) + 15 * 60;
    const identityToken = await sign(
      { sub: customer.externalId, name: customer.name, email: customer.email, exp },
      options.identitySecret,
      'HS256',
    );
    return c.json({ customer: { name: customer.name }, identityToken });
  });

  app.post('/shop/login', async (c) => {
    const form = await c.req.parseBody();
    const customer = options.customers.find((x) => x.externalId === form.customer);
    if (!customer) return c.text('Unknown customer', 400);
    await setSignedCookie(c, SESSION_COOKIE, customer.externalId, cookieSecret, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
    return c.redirect('/account.html', 303);
  });

  app.post('/shop/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  app.post('/shop/checkout', async (c) => {
    const customer = await shopper(c);
    if (!customer) return c.redirect('/account.html?login=required', 303);
    const form = await c.req.parseBody();
    const sku = typeof form.sku === 'string' ? form.sku : '';
    const price = options.products.find((p) => p.sku === sku)?.priceCents;
    const quantity = Number(form.quantity ?? 1);
    const key = typeof form.orderKey === 'string' ? form.orderKey : '';
    if (price === undefined || !Number.isInteger(quantity) || quantity < 1) return c.text('Bad order', 400);
    const res = await fetch(new URL('/v1/orders', options.crmBaseUrl()), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.crmSecretKey}`,
        'Content-Type': 'application/json',
        // The form carries a key made when the page loaded, so a double submit is one order.
        'Idempotency-Key': key,
      },
      body: JSON.stringify({
        customer: { externalId: customer.externalId, email: customer.email, name: customer.name },
        reference: `#${key.slice(0, 8).toUpperCase()}`,
        items: [{ sku, quantity, unitPriceCents: price }],
      }),
    });
    if (!res.ok) return c.text(`The CRM refused the order (${res.status})`, 502);
    return c.redirect('/account.html?ordered=1', 303);
  });

  app.get('*', async (c) => {
    const name = c.req.path === '/' ? 'index.html' : PAGES.exec(c.req.path)?.[1];
    const product = options.products.find((p) => `${p.slug}.html` === name);
    const file = product
      ? await options.readPage('product.html')
      : name
        ? await options.readPage(name)
        : null;
    if (!name || file === null || name === 'product.html') return c.notFound();
    const text = product ? renderProductPage(file, product) : file;
    c.header('Content-Type', contentType(name));
    if (!name.endsWith('.html')) return c.body(text);
    const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        'trusted-types lit-html crm',
      ].join('; '),
    );
    return c.body(text.replaceAll('{{nonce}}', nonce));
  });

  return app;
}
