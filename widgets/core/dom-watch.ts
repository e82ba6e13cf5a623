/**
 * Calls `found` for every element matching `selector`, now and whenever one is added to the
 * document later (elements inside other components' shadow roots are not seen).
 */
export function watchElements(selector: string, found: (element: Element) => void): MutationObserver {
  const scan = (root: Element | Document) => {
    if (root instanceof Element && root.matches(selector)) found(root);
    for (const element of root.querySelectorAll(selector)) found(element);
  };
  scan(document);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  return observer;
}
