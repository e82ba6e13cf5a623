/** A product as the shop sells it. */
export interface ShopProduct {
  /** The page's file name without `.html`. */
  slug: string;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  description: string;
}

/** Shop copy for the products it has pages for, by sku; names and prices come from the catalogue. */
export const PRODUCT_PAGES: Record<string, { slug: string; description: string }> = {
  'LAMP-01': { slug: 'lamp', description: 'Warm light through handmade paper. Folds flat.' },
  'CHAIR-01': { slug: 'chair', description: 'Solid oak, oiled finish, built to last a lifetime.' },
  'KETTLE-01': { slug: 'kettle', description: 'A gooseneck spout for a slow, even pour.' },
  'RUG-01': { slug: 'rug', description: 'Hand-loomed wool, 160 × 230 cm.' },
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Fills the product page template (`product.html`) with one product. */
export function renderProductPage(template: string, product: ShopProduct): string {
  const fields: Record<string, string> = {
    sku: product.sku,
    name: product.name,
    category: product.category,
    description: product.description,
    price: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      product.priceCents / 100,
    ),
  };
  return template.replace(/\{\{(sku|name|category|description|price)\}\}/g, (_, key: string) =>
    escapeHtml(fields[key] ?? ''),
  );
}
