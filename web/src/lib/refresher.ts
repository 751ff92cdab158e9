/**
 * Keeps a view's data fresh: many "something changed" signals become few loads, a load in flight is
 * never cancelled (a signal during it asks for one more after it), loads never overlap (so an older
 * answer never lands after a newer one), and a failed load keeps what is shown and retries with
 * backoff until the server answers again.
 */
export interface RefreshState {
  /** A load is running now. */
  loading: boolean;
  /** Consecutive failed loads (0 once one succeeds). */
  failures: number;
  /** Why the last load failed, while it is failing. */
  error: unknown;
  /** When the next retry is due (ms since the epoch), while failing. */
  retryAt: number | null;
  /** When the shown data was last loaded (ms since the epoch). */
  loadedAt: number | null;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RefresherOptions<T> {
  load: () => Promise<T>;
  apply: (value: T) => void;
  onState?: (state: RefreshState) => void;
  /** Signals within this long of the first become one load. */
  coalesceMs?: number;
  /** The wait before retry number `failures` (1, 2, …). */
  backoffMs?: (failures: number) => number;
  clock?: Clock;
  /** Errors that retrying cannot fix (the record is gone, the session ended): no retry until the next signal. */
  isFinal?: (error: unknown) => boolean;
  /** When the shown data was loaded (the server's first render). */
  loadedAt?: number | null;
}

/** 1 s, 2 s, 4 s … at most 30 s. */
export const defaultBackoff = (failures: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Refresher<T> {
  private readonly clock: Clock;
  private readonly coalesceMs: number;
  private readonly backoff: (failures: number) => number;
  private state: RefreshState;
  private timer: unknown = null;
  private inFlight = false;
  /** A signal came while a load was running: that load may have read too early (`urgent`: someone awaits it). */
  private again = false;
  private urgent = false;
  private stopped = false;
  /** Loads started so far, and callers waiting for one that starts after they asked. */
  private started = 0;
  private waiters: Array<{ after: number; resolve: () => void }> = [];

  constructor(private readonly options: RefresherOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.coalesceMs = options.coalesceMs ?? 150;
    this.backoff = options.backoffMs ?? defaultBackoff;
    this.state = { loading: false, failures: 0, error: null, retryAt: null, loadedAt: options.loadedAt ?? null };
  }

  get current(): RefreshState {
    return this.state;
  }

  /** Something changed: load soon. Signals close together (or during a load) become one load. */
  request(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    // A pending retry gives way: a signal (a reconnect, an event) says the server may be back.
    if (this.timer !== null && this.state.retryAt === null) return;
    this.schedule(this.coalesceMs);
  }

  /** Loads as soon as possible; resolves once a load that started after this call has finished (applied or failed). */
  now(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ after: this.started, resolve }));
    if (this.inFlight) this.again = this.urgent = true;
    else this.schedule(0);
    return done;
  }

  /** No more loads; a load in flight is not applied. Waiters are released. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.state.retryAt !== null) this.update({ retryAt: null });
    this.timer = this.clock.setTimeout(() => void this.run(), ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.inFlight) return;
    this.inFlight = true;
    this.again = this.urgent = false;
    const number = ++this.started;
    this.update({ loading: true });
    let failed = false;
    try {
      const value = await this.options.load();
      if (this.stopped) return;
      this.options.apply(value);
      this.update({ loading: false, failures: 0, error: null, retryAt: null, loadedAt: this.clock.now() });
    } catch (error) {
      if (this.stopped) return;
      failed = true;
      const failures = this.state.failures + 1;
      if (this.options.isFinal?.(error)) {
        this.update({ loading: false, failures, error, retryAt: null });
      } else {
        const wait = this.backoff(failures);
        this.update({ loading: false, failures, error, retryAt: this.clock.now() + wait });
        this.timer = this.clock.setTimeout(() => void this.run(), wait);
      }
    } finally {
      this.inFlight = false;
      this.release(number);
    }
    if (this.again && !failed && !this.stopped) this.schedule(this.urgent ? 0 : this.coalesceMs);
  }

  /** Callers that asked before load `number` started have seen a load that started after them. */
  private release(number: number): void {
    const ready = this.waiters.filter((waiter) => waiter.after < number);
    this.waiters = this.waiters.filter((waiter) => waiter.after >= number);
    for (const waiter of ready) waiter.resolve();
  }

  private update(patch: Partial<RefreshState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState?.(this.state);
  }
}
