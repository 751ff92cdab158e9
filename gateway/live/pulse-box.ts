const DONE: IteratorResult<never> = { value: undefined, done: true };

/**
 * An async iterator of tenant ids that keeps each id queued at most once: a subscriber that reads
 * slower than a tenant changes gets one "changed" per tenant, not a backlog (it refetches anyway).
 * `return` ends it at once; `onClose` runs once, so its source can let go.
 */
export class PulseBox implements AsyncIterableIterator<string> {
  private readonly queued = new Set<string>();
  private waiting: ((result: IteratorResult<string>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void = () => undefined) {}

  push(tenantId: string): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: tenantId, done: false });
    } else this.queued.add(tenantId);
  }

  next(): Promise<IteratorResult<string>> {
    const [first] = this.queued;
    if (first !== undefined) {
      this.queued.delete(first);
      return Promise.resolve({ value: first, done: false });
    }
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<string>> {
    if (!this.closed) {
      this.closed = true;
      this.queued.clear();
      this.waiting?.(DONE);
      this.waiting = null;
      this.onClose();
    }
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorResult<string>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
