import { describe, expect, it } from 'vitest';
import { PulseBox } from './pulse-box.ts';

describe('PulseBox', () => {
  it('hands out each tenant once however often it changed while nobody read', async () => {
    const box = new PulseBox();
    for (const id of ['a', 'b', 'a', 'a', 'b', 'c']) box.push(id);
    const read = [await box.next(), await box.next(), await box.next()].map((r) => r.value);
    expect(read).toEqual(['a', 'b', 'c']);
    box.push('a');
    expect((await box.next()).value).toBe('a');
  });

  it('wakes a waiting reader, and ends once, letting go of its source', async () => {
    let closed = 0;
    const box = new PulseBox(() => (closed += 1));
    const pending = box.next();
    box.push('t1');
    expect(await pending).toEqual({ value: 't1', done: false });
    const waiting = box.next();
    await box.return();
    await box.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    box.push('t2');
    expect(await box.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });
});
