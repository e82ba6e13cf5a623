/** Registers a page's element once (a page chunk is its own define file). */
export function definePage(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
