import { AnalysisCancelled, type Cancellation } from '../analysis/types';

/**
 * A cancellation token that can also say when it is cancelled. The LSP's
 * CancellationToken is one; the engine's Cancellation (a flag only) is
 * accepted wherever this is, and is then polled.
 */
export interface CancelToken extends Cancellation {
  onCancellationRequested?(listener: () => void): { dispose(): void };
}

/** A token the index owns: it stops an analysis nobody waits for any longer. */
export class CancelSource {
  private cancelled = false;
  private readonly listeners = new Set<() => void>();
  private readonly state = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => this.listen(listener),
  };

  get token(): CancelToken {
    return this.state;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.state.isCancellationRequested = true;
    for (const l of [...this.listeners]) l();
    this.listeners.clear();
  }

  private listen(listener: () => void): { dispose(): void } {
    if (this.cancelled) {
      listener();
      return { dispose: () => undefined };
    }
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}

/** How often a token without events is looked at. */
const POLL_MS = 25;

/** Calls `listener` once when the token is cancelled; dispose to stop listening. */
export function onCancelled(token: CancelToken, listener: () => void): { dispose(): void } {
  if (token.onCancellationRequested) return token.onCancellationRequested(listener);
  const timer = setInterval(() => {
    if (!token.isCancellationRequested) return;
    clearInterval(timer);
    listener();
  }, POLL_MS);
  timer.unref?.();
  return { dispose: () => clearInterval(timer) };
}

/**
 * Settles as `promise` does, or rejects with AnalysisCancelled as soon as the
 * token is cancelled, whichever comes first: a cancelled request answers at
 * once even though the work it waited for goes on (others may need it).
 */
export function raceCancellation<T>(promise: Promise<T>, token?: CancelToken): Promise<T> {
  if (!token) return promise;
  if (token.isCancellationRequested) return Promise.reject(new AnalysisCancelled());
  return new Promise<T>((resolve, reject) => {
    const sub = onCancelled(token, () => reject(new AnalysisCancelled()));
    promise.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e: unknown) => {
        sub.dispose();
        reject(e);
      },
    );
  });
}
