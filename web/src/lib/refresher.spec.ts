import { describe, expect, it } from 'vitest';
import { Refresher, defaultBackoff, type Clock, type RefreshState } from './refresher.ts';

/** A clock the test moves by hand; timers run in order of their due time. */
function fakeClock() {
  let time = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: Clock = {
    now: () => time,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: time + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  async function advance(ms: number) {
    const until = time + ms;
    for (;;) {
      await settle();
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].run();
      await settle();
    }
    time = until;
    await settle();
  }
  return { clock, advance, settle, pending: () => timers.size };
}

/** A load the test answers by hand, to hold it "in flight". */
function manualLoads<T>() {
  const calls: Array<{ resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('Refresher', () => {
  it('turns a burst of signals into one load', async () => {
    const { clock, advance } = fakeClock();
    const loads = manualLoads<number>();
    const applied: number[] = [];
    const refresher = new Refresher({ load: loads.load, apply: (v) => applied.push(v), clock, coalesceMs: 100 });
    for (let i = 0; i < 20; i += 1) refresher.request();
    await advance(100);
    expect(loads.calls).toHaveLength(1);
    loads.calls[0]!.resolve(1);
    await advance(1000);
    expect(applied).toEqual([1]);
    expect(loads.calls).toHaveLength(1);
  });

  it('never cancels a load in flight: a signal during it asks for exactly one more after it, and the last answer wins', async () => {
    const { clock, advance } = fakeClock();
    const loads = manualLoads<string>();
    const applied: string[] = [];
    const refresher = new Refresher({ load: loads.load, apply: (v) => applied.push(v), clock, coalesceMs: 100 });
    refresher.request();
    await advance(100);
    for (let i = 0; i < 5; i += 1) refresher.request(); // the status changes five times while the first load reads
    await advance(500);
    expect(loads.calls).toHaveLength(1); // no overlap
    loads.calls[0]!.resolve('stale');
    await advance(100);
    expect(loads.calls).toHaveLength(2);
    loads.calls[1]!.resolve('true status');
    await advance(1000);
    expect(applied).toEqual(['stale', 'true status']);
    expect(loads.calls).toHaveLength(2);
  });

  it('now() resolves only after a load that started after it was asked', async () => {
    const { clock, advance, settle } = fakeClock();
    const loads = manualLoads<number>();
    const applied: number[] = [];
    const refresher = new Refresher({ load: loads.load, apply: (v) => applied.push(v), clock });
    refresher.request();
    await advance(150);
    let done = false;
    void refresher.now().then(() => (done = true));
    loads.calls[0]!.resolve(1); // started before the mutation: not enough
    await advance(0);
    expect(done).toBe(false);
    expect(loads.calls).toHaveLength(2);
    loads.calls[1]!.resolve(2);
    await settle();
    expect(done).toBe(true);
    expect(applied).toEqual([1, 2]);
  });

  it('keeps what is shown when a load fails, retries with backoff, and resumes when the server answers', async () => {
    const { clock, advance } = fakeClock();
    const states: RefreshState[] = [];
    let answer: 'down' | 'up' = 'down';
    let calls = 0;
    const applied: string[] = [];
    const refresher = new Refresher({
      load: async () => {
        calls += 1;
        if (answer === 'down') throw new Error('offline');
        return 'fresh';
      },
      apply: (v) => applied.push(v),
      onState: (s) => states.push(s),
      clock,
      coalesceMs: 0,
    });
    refresher.request();
    await advance(0);
    expect(refresher.current).toMatchObject({ failures: 1, retryAt: 1000 });
    await advance(1000); // retry 1 after 1 s
    await advance(2000); // retry 2 after 2 s
    expect(calls).toBe(3);
    expect(refresher.current).toMatchObject({ failures: 3, retryAt: 3000 + 4000 });
    expect(applied).toEqual([]);
    answer = 'up';
    await advance(4000);
    expect(applied).toEqual(['fresh']);
    expect(refresher.current).toMatchObject({ failures: 0, error: null, retryAt: null, loadedAt: 7000 });
    expect(states.some((s) => s.loading)).toBe(true);
    await advance(60_000);
    expect(calls).toBe(4); // no more retries once it works
  });

  it('a signal during a backoff (a reconnect) tries again at once instead of waiting', async () => {
    const { clock, advance } = fakeClock();
    let fail = true;
    let calls = 0;
    const refresher = new Refresher({ load: async () => { calls += 1; if (fail) throw new Error('down'); return 1; }, apply: () => undefined, clock, coalesceMs: 10, backoffMs: () => 30_000 });
    refresher.request();
    await advance(10);
    expect(calls).toBe(1);
    fail = false;
    refresher.request();
    await advance(10);
    expect(calls).toBe(2);
    expect(refresher.current.failures).toBe(0);
  });

  it('after stop, nothing loads and an answer in flight is not applied', async () => {
    const { clock, advance, pending } = fakeClock();
    const loads = manualLoads<number>();
    const applied: number[] = [];
    const refresher = new Refresher({ load: loads.load, apply: (v) => applied.push(v), clock });
    refresher.request();
    await advance(150);
    refresher.stop();
    loads.calls[0]!.resolve(1);
    refresher.request();
    await advance(10_000);
    expect(applied).toEqual([]);
    expect(loads.calls).toHaveLength(1);
    expect(pending()).toBe(0);
  });

  it('does not retry an error retrying cannot fix, until the next signal', async () => {
    const { clock, advance } = fakeClock();
    let calls = 0;
    const refresher = new Refresher({ load: async () => { calls += 1; throw new Error('gone'); }, apply: () => undefined, clock, coalesceMs: 0, isFinal: () => true });
    refresher.request();
    await advance(120_000);
    expect(calls).toBe(1);
    expect(refresher.current).toMatchObject({ failures: 1, retryAt: null });
    refresher.request();
    await advance(0);
    expect(calls).toBe(2);
  });

  it('backs off 1, 2, 4 … seconds up to 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(defaultBackoff)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });
});
