/**
 * Poll a probe until its value satisfies `until`, or fail after a deadline.
 * The tests never sleep for a fixed time: the language server indexes the
 * workspace in the background, so every assertion waits for its condition.
 */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Pause between probes (default 150 ms). */
  interval?: number;
  /** What is being waited for, for the timeout message. */
  what?: string;
}

export async function waitFor<T>(
  probe: () => T | PromiseLike<T>,
  until: (value: T) => boolean = (value) => Boolean(value),
  { timeout = 20_000, interval = 150, what = 'condition' }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (until(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail = lastError !== undefined ? `last error: ${String(lastError)}` : `last value: ${describe(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${what} (${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Wait for a promise with a deadline. */
export async function withTimeout<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`)), timeout);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 600 ? `${text.slice(0, 600)}…` : text;
  } catch {
    return String(value);
  }
}
