/** Custom element tag → loader of the chunk that defines it. */
export type WidgetRegistry = Readonly<Record<string, () => Promise<unknown>>>;

/**
 * A function that loads a widget's chunk the first time one of its elements is seen; the
 * element upgrades when the chunk defines its tag. A failed load may be tried again.
 */
export function widgetLoader(registry: WidgetRegistry): (tag: string) => void {
  const started = new Set<string>();
  return (tag) => {
    const load = registry[tag];
    if (!load || started.has(tag) || customElements.get(tag)) return;
    started.add(tag);
    load().catch((error: unknown) => {
      started.delete(tag);
      console.error(`crm: could not load <${tag}>`, error);
    });
  };
}
