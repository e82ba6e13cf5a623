import type { MeResponse } from '../../worker/contract/me.ts';

/**
 * Key of the global symbol (`Symbol.for(key)`) that holds the running kit. It doubles as the
 * guard against loading the script twice. It is a type, not a constant: a runtime value
 * imported by both `crm.js` and a widget would make esbuild split it into a chunk that
 * `crm.js` loads eagerly, so each side spells the literal and the type checks the spelling.
 */
export type KitKey = 'crm.kit';

/** Shape of errors the kit rejects with; widgets read `code` without importing the class. */
export interface KitError extends Error {
  /** HTTP status, or 0 for a network failure. */
  status: number;
  /** Stable error code from the API (`identity_required`, …) or `network_error`. */
  code: string;
}

/** What the script-tag core offers to lazily loaded widgets. */
export interface CrmKit {
  /**
   * The visitor's own profile, or `null` when nothing is tracked (Do-Not-Track, or consent
   * required and not given), so there is no visitor to show.
   */
  me(signal: AbortSignal): Promise<MeResponse | null>;
}

/** Finds the running kit, if `crm.js` has started on this page. */
export function findKit(): CrmKit | undefined {
  const key: KitKey = 'crm.kit';
  return (globalThis as Record<symbol, CrmKit | undefined>)[Symbol.for(key)];
}
