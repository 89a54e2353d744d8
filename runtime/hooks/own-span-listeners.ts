/**
 * Request listeners that make the request's server span themselves: the
 * Express apps `instrumentExpressApp` patched. A server whose `'request'`
 * listeners are all such apps (`express().listen()`,
 * `http.createServer(app)`) leaves the span to them instead of starting it
 * in its `emit` and having them find it: one span either way, and the
 * server's own wrapper then costs a request a listener count, not a context
 * switch. A listener of any other kind (socket.io's, added by `attach()`)
 * makes the server start the span again.
 */
const ownSpanListeners = new WeakSet<Function>();

/** `listener` starts the request's server span itself. */
export function makesOwnServerSpan(listener: Function): void {
  ownSpanListeners.add(listener);
}

/**
 * Every `'request'` listener of `server` starts the request's span itself
 * (and there is at least one). False for an emitter whose `listeners` throws:
 * the server then starts the span, as for any other listener.
 */
export function listenersMakeOwnSpans(server: { listeners(event: string): Function[] }): boolean {
  try {
    const listeners = server.listeners('request');
    if (listeners.length === 0) return false;
    for (const listener of listeners) if (!ownSpanListeners.has(listener)) return false;
    return true;
  } catch {
    return false;
  }
}
