import { GraphQLInt, GraphQLObjectType, GraphQLSchema, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Mailbox } from './mailbox.ts';
import { SharedExecutions } from './shared-executions.ts';

/** A subscription whose sources the test feeds by hand, counting how often its resolver runs. */
function fixture() {
  const sources = new Set<Mailbox<number>>();
  const counts = { executions: 0 };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { n: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: GraphQLInt,
          subscribe: (_root, _args, context: { fail?: boolean }) => {
            if (context.fail) throw new Error('not allowed');
            const source: Mailbox<number> = new Mailbox(() => sources.delete(source));
            sources.add(source);
            return source;
          },
          resolve: (n: number) => ((counts.executions += 1), n),
        },
      },
    }),
  });
  const shared = new SharedExecutions(async ({ contextValue }) => (contextValue as { key: string | null }).key);
  const join = async (key: string | null, fail = false) => (await shared.subscribe({ schema, document: parse('subscription { tick }'), contextValue: { key, fail } })) as AsyncIterableIterator<ExecutionResult>;
  const publish = (n: number) => sources.forEach((source) => source.push(n));
  return { sources, counts, shared, join, publish };
}

const take = async (stream: AsyncIterableIterator<ExecutionResult>, n: number) => {
  const values: unknown[] = [];
  for (let i = 0; i < n; i += 1) values.push((await stream.next()).value?.data?.tick);
  return values;
};

describe('shared subscription executions', () => {
  it('runs once per key and gives every subscriber of the key every result', async () => {
    const { sources, counts, shared, join, publish } = fixture();
    const [a, b, c] = await Promise.all([join('k'), join('k'), join('k')]);
    expect(sources.size).toBe(1);
    publish(1);
    publish(2);
    expect(await Promise.all([take(a!, 2), take(b!, 2), take(c!, 2)])).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(counts.executions).toBe(2);
    expect(shared.counters).toEqual({ started: 1, joined: 3 });
  });

  it('keeps keys apart, and runs a subscriber without a key on its own', async () => {
    const { sources, join, publish } = fixture();
    const [a, b, alone] = await Promise.all([join('a'), join('b'), join(null)]);
    expect(sources.size).toBe(3);
    publish(7);
    expect(await Promise.all([take(a!, 1), take(b!, 1), take(alone!, 1)])).toEqual([[7], [7], [7]]);
  });

  it('ends the execution when its last subscriber leaves; the next subscriber starts a new one', async () => {
    const { sources, shared, join, publish } = fixture();
    const a = await join('k');
    const b = await join('k');
    await a.return!();
    publish(1);
    expect(await take(b, 1)).toEqual([1]);
    const pending = b.next();
    await b.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sources.size).toBe(0);
    const c = await join('k');
    expect(shared.counters.started).toBe(2);
    publish(2);
    expect(await take(c, 1)).toEqual([2]);
  });

  it('gives everyone the error result when the subscription cannot start, and keeps no execution for the key', async () => {
    const { shared, join } = fixture();
    const [a, b] = await Promise.all([join('k', true), join('k', true)]);
    expect([a, b].map((result) => (result as ExecutionResult).errors?.[0]?.message)).toEqual(['not allowed', 'not allowed']);
    await join('k');
    expect(shared.counters.started).toBe(2);
  });
});

describe('mailbox', () => {
  it('hands out what was pushed in order, then ends after what is queued', async () => {
    const box = new Mailbox<number>();
    box.push(1);
    box.push(2);
    box.end();
    box.push(3);
    expect([await box.next(), await box.next(), await box.next()]).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: undefined, done: true },
    ]);
  });

  it('answers a waiting next with the next push, or with done on return, and closes once', async () => {
    let closed = 0;
    const box = new Mailbox<number>(() => (closed += 1));
    const first = box.next();
    box.push(5);
    expect(await first).toEqual({ value: 5, done: false });
    const second = box.next();
    await box.return();
    await box.return();
    expect(await second).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('fails after what is queued', async () => {
    const box = new Mailbox<number>();
    box.push(1);
    box.fail(new Error('gone'));
    expect(await box.next()).toEqual({ value: 1, done: false });
    await expect(box.next()).rejects.toThrow('gone');
    expect(await box.next()).toEqual({ value: undefined, done: true });
  });
});
