/*
 * A minimal event emitter with the shape of `vscode.Event`, for code that
 * must run without `vscode` (the sidecar store, in plain Node tests).
 */

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => unknown;

export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners: Array<Listener<T>> = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value: T): void {
    // A throwing listener must not keep the others (or the store's own work) from running.
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        console.error(err);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
