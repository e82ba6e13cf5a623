import { allowedAttribute, allowedTag, type HelpDocNode } from '../../worker/contract/shared/help-doc.ts';

/**
 * Builds DOM nodes from an article's tree with `createElement` and text nodes only: no HTML
 * is parsed, so no Trusted Types policy is needed and none is created. The allowlist is
 * checked again here (the tree comes over the network); links open in a new tab without
 * access to this page.
 */
export function docToNodes(doc: readonly HelpDocNode[], document: Document): Node[] {
  return doc.flatMap((node): Node[] => {
    if (typeof node === 'string') return [document.createTextNode(node)];
    if (!allowedTag(node.t)) return node.c ? docToNodes(node.c, document) : [];
    const element: HTMLElement = document.createElement(node.t);
    for (const [name, value] of Object.entries(node.a ?? {})) {
      if (typeof value === 'string' && allowedAttribute(node.t, name, value))
        element.setAttribute(name, value);
    }
    if (node.t === 'a') {
      element.setAttribute('rel', 'noopener noreferrer nofollow');
      element.setAttribute('target', '_blank');
    }
    if (node.t === 'img') element.setAttribute('loading', 'lazy');
    for (const child of docToNodes(node.c ?? [], document)) element.appendChild(child);
    return [element];
  });
}
