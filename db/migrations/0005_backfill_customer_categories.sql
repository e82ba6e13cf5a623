-- Category counts were recomputed from history on every write until now; start the running
-- counts from that same history so existing profiles keep their top categories.
INSERT INTO customer_categories (customer_id, category, site_id, count)
SELECT customer_id, category, site_id, count(*) FROM (
  SELECT e.customer_id, p.category, e.site_id FROM events e
    JOIN products p ON p.site_id = e.site_id AND p.sku = json_extract(e.properties, '$.sku')
    WHERE e.type = 'product_view'
  UNION ALL
  SELECT o.customer_id, oi.category, o.site_id FROM order_items oi
    JOIN orders o ON o.id = oi.order_id
    WHERE oi.category IS NOT NULL
) GROUP BY customer_id, category;
