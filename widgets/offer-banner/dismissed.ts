/** Where the banner remembers dismissed offers (localStorage), across pages and visits. */
const KEY = 'crm:offers:dismissed';
/** Most offer ids kept; the oldest go first. */
const LIMIT = 50;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    // Storage may be missing or blocked (private modes, sandboxed frames): remember nothing.
    return [];
  }
}

/** Whether this browser dismissed the offer. */
export function isDismissed(offerId: string): boolean {
  return read().includes(offerId);
}

/** Remembers a dismissal in this browser (the server also stops offering it to the person). */
export function rememberDismissal(offerId: string): void {
  try {
    localStorage.setItem(
      KEY,
      JSON.stringify([...read().filter((id) => id !== offerId), offerId].slice(-LIMIT)),
    );
  } catch {
    // See read(): the server's record still holds the offer back.
  }
}
