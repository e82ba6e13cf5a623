import type { ConsoleMe } from '../../worker/contract/console.ts';
import type { Locale } from '../core/i18n.ts';
import type { ConsoleApi } from './api.ts';
import type { Format } from './format.ts';

/** What the console gives every page; a new object whenever any of it changes. */
export interface ConsoleContext {
  api: ConsoleApi;
  locale: Locale;
  format: Format;
  /** The signed-in member and their sites; `null` on the pages shown before signing in. */
  me: ConsoleMe | null;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Goes to a console URL (a new history entry, or replacing the current one). */
  navigate: (url: string, options?: { replace?: boolean }) => void;
  /** Tells the console who signed in (sign-in, accepted invitation, setup). */
  signedIn: (me: ConsoleMe) => void;
  /** Reads the member and their sites again (after a site was created or renamed). */
  reloadMe: () => Promise<void>;
}
