import { THROTTLE_WINDOW_MS, refusal, type Count, type Counter } from './throttle.ts';

/** Port: counters of attempts shared by every process (sign-in, signup, invitations, resets, links). */
export interface AttemptCounter {
  /**
   * Adds one attempt to each counter (a counter older than `windowStart` starts again) and returns
   * each one's attempts and window start, in one atomic statement.
   */
  countLoginAttempts(keys: string[], windowStart: Date): Promise<Array<{ key: string; attempts: number; windowStart: Date }>>;
  clearLoginAttempts(keys: string[]): Promise<void>;
}

/** Counts attempts against the limits of throttle.ts. */
export class Attempts {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: () => number,
  ) {}

  /** Adds an attempt to each counter; returns their counts (in the counters' order) and the time. */
  async count(counters: readonly Counter[]): Promise<{ now: Date; counts: Count[] }> {
    const now = new Date(this.clock());
    const counted = await this.counter.countLoginAttempts(
      counters.map((c) => c.key),
      new Date(now.getTime() - THROTTLE_WINDOW_MS),
    );
    const byKey = new Map(counted.map((c) => [c.key, c]));
    const counts = counters.flatMap((c) => {
      const found = byKey.get(c.key);
      return found ? [{ kind: c.kind, attempts: found.attempts, windowStart: found.windowStart }] : [];
    });
    return { now, counts };
  }

  /** Adds an attempt to each counter and refuses it (RATE_LIMITED) when any count is past its limit. */
  async enforce(counters: readonly Counter[]): Promise<Count[]> {
    const { now, counts } = await this.count(counters);
    const refused = refusal(counts, now);
    if (refused) throw refused;
    return counts;
  }

  async clear(counters: readonly Counter[]): Promise<void> {
    if (counters.length) await this.counter.clearLoginAttempts(counters.map((c) => c.key));
  }
}
