import { LitElement } from 'lit';
import type { Catalog } from '../core/i18n.ts';
import { tokens } from '../core/tokens.ts';
import type { ConsoleContext } from './context.ts';
import { consoleStyles } from './styles.ts';

/**
 * What every page of the console is: an element the console creates and hands its context,
 * drawing with the shared styles. Each page renders one `<h1>`, which becomes the document title.
 */
export abstract class ConsolePage<M> extends LitElement {
  static override styles = [tokens, consoleStyles];
  static override properties = { ctx: { attribute: false } };

  /** Set by the console before the page is connected. */
  declare ctx: ConsoleContext;

  /** The page's translations. */
  protected abstract readonly messages: Catalog<M>;

  /** The page's texts in the active locale. */
  protected get t(): M {
    return this.messages[this.ctx.locale];
  }

  /** The site the page shows (site pages only). */
  protected get siteId(): string {
    return this.ctx.params.siteId ?? '';
  }
}
