import { subscribe, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { Mailbox } from './mailbox.ts';

type Stream = AsyncIterableIterator<ExecutionResult>;
type Outcome = Stream | ExecutionResult;

const isStream = (outcome: Outcome): outcome is Stream => Symbol.asyncIterator in outcome;

/**
 * Subscribers whose results are bound to be equal share one execution: the subscription runs once
 * per key (see `keyOf`: the caller's tenant, role and identity, the document and its variables)
 * and every result goes to each of them. An event costs one execution per key, not one per
 * subscriber. Whatever the resolvers check (tenant, role) is part of the key, so it holds for every
 * member; each member is authenticated by `keyOf` when it joins. A key of null runs alone.
 */
export class SharedExecutions {
  /** Executions started and subscribers served so far (for tests and diagnostics). */
  readonly counters = { started: 0, joined: 0 };
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly keyOf: (args: ExecutionArgs) => Promise<string | null>) {}

  async subscribe(args: ExecutionArgs): Promise<Outcome> {
    const key = await this.keyOf(args);
    if (key === null) return subscribe(args) as Promise<Outcome>;
    let feed = this.feeds.get(key);
    if (!feed) {
      this.counters.started += 1;
      const started = Promise.resolve(subscribe(args) as Promise<Outcome>);
      const created: Feed = new Feed(started, () => {
        if (this.feeds.get(key) === created) this.feeds.delete(key);
      });
      feed = created;
      this.feeds.set(key, feed);
    }
    this.counters.joined += 1;
    return feed.join();
  }
}

/** One execution and the subscribers it feeds. */
class Feed {
  private readonly members = new Set<Mailbox<ExecutionResult>>();
  private stream: Stream | null = null;
  private ended = false;

  constructor(
    private readonly started: Promise<Outcome>,
    private readonly forget: () => void,
  ) {
    void started.then(
      (outcome) => (isStream(outcome) ? this.pump(outcome) : this.forget()),
      () => this.forget(),
    );
  }

  /** A member from now on (results of events before this are not replayed), or the error result everyone gets. */
  async join(): Promise<Outcome> {
    // Joined before waiting, so nothing produced in between is missed.
    const member: Mailbox<ExecutionResult> = new Mailbox(() => this.leave(member));
    this.members.add(member);
    const outcome = await this.started;
    if (isStream(outcome)) return member;
    this.members.delete(member);
    return outcome;
  }

  private async pump(stream: Stream): Promise<void> {
    this.stream = stream;
    if (this.ended || !this.members.size) {
      // Everyone left before it started.
      this.ended = true;
      this.forget();
      return void stream.return?.();
    }
    try {
      for await (const result of stream) for (const member of this.members) member.push(result);
    } catch (error) {
      for (const member of this.members) member.fail(error);
    } finally {
      for (const member of this.members) member.end();
      this.stop();
    }
  }

  private leave(member: Mailbox<ExecutionResult>): void {
    this.members.delete(member);
    if (!this.members.size) this.stop();
  }

  private stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.forget();
    void this.stream?.return?.();
  }
}
