/*
 * The server's timers, in one place: bursts of events (every sidecar at
 * start, keystrokes, analyses finishing) become one action.
 */

/** Collects keys and runs `flush` once with all of them, `delayMs` after the first key of a burst. */
export class Batcher<K> {
  private keys = new Set<K>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly flush: (keys: K[]) => void,
  ) {}

  add(key: K): void {
    this.keys.add(key);
    this.timer ??= setTimeout(() => {
      const keys = [...this.keys];
      this.keys = new Set();
      this.timer = undefined;
      this.flush(keys);
    }, this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.keys.clear();
  }
}

/** Runs `run(key)` once `delayMs` after the last time that key was touched. */
export class Debouncer<K> {
  private readonly timers = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (key: K) => void,
  ) {}

  touch(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.run(key);
      }, this.delayMs),
    );
  }

  cancel(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
