const listeners = new Set<() => void>();
let patched = false;

/**
 * Calls `listener` after every History API navigation (`pushState`, `replaceState`, back and
 * forward) until `signal` aborts. The History methods are wrapped once per page; SPA routers
 * call them without any event, so wrapping is the only way to notice client-side routing.
 */
export function onHistoryChange(listener: () => void, signal: AbortSignal): void {
  if (!patched) {
    patched = true;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method].bind(history);
      history[method] = (...args: Parameters<History['pushState']>) => {
        original(...args);
        for (const notify of listeners) notify();
      };
    }
  }
  listeners.add(listener);
  addEventListener('popstate', listener, { signal });
  signal.addEventListener('abort', () => listeners.delete(listener));
}
