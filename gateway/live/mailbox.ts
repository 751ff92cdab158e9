const DONE: IteratorResult<never> = { value: undefined, done: true };

/**
 * An async iterator fed by `push`: values queue up in order and `next` hands them out without
 * waiting once they are there. `end` and `fail` finish it after what is queued; `return` at once
 * (even while a `next` is pending). `onClose` runs once, when it is over, so its source can let go.
 */
export class Mailbox<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private ending: { error: unknown } | 'done' | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void = () => undefined) {}

  push(value: T): void {
    if (this.closed || this.ending) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting.resolve({ value, done: false });
    } else this.queue.push(value);
  }

  /** Finishes the iterator once what was queued has been taken. */
  end(): void {
    this.finish('done');
  }

  /** Finishes the iterator with `error` once what was queued has been taken. */
  fail(error: unknown): void {
    this.finish({ error });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.closed || this.ending) return this.settle();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.ending = 'done';
    return this.settle();
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(how: NonNullable<Mailbox<T>['ending']>): void {
    if (this.closed || this.ending) return;
    this.ending = how;
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    this.settle().then(waiting.resolve, waiting.reject);
  }

  /** The final answer (done, or the error), and the one call of `onClose`. */
  private settle(): Promise<IteratorResult<T>> {
    const ending = this.ending;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(DONE);
    if (!this.closed) {
      this.closed = true;
      this.ending = 'done';
      this.onClose();
    }
    return ending && ending !== 'done' ? Promise.reject(ending.error) : Promise.resolve(DONE);
  }
}
