/**
 * Open subscriptions a caller (one API key, one user in one tenant) may hold in this process across
 * all its connections: each holds memory and a listener, and connections cost nothing to open.
 * A dashboard needs a handful per tab; a live bench of 100 subscribers on one token stays well under.
 */
export const MAX_SUBSCRIPTIONS_PER_CALLER = 500;

interface Connection {
  readonly subscriptions: Readonly<Record<string, unknown>>;
}

/** Which connections each caller has open, so their subscriptions can be counted together. */
export class CallerSubscriptions {
  private readonly byCaller = new Map<string, Set<Connection>>();
  private readonly callerOf = new WeakMap<Connection, string>();

  /** Counts `connection` as `caller`'s until the returned function is called (its socket closed). */
  join(caller: string, connection: Connection): () => void {
    let connections = this.byCaller.get(caller);
    if (!connections) this.byCaller.set(caller, (connections = new Set()));
    connections.add(connection);
    this.callerOf.set(connection, caller);
    return () => {
      connections.delete(connection);
      if (!connections.size && this.byCaller.get(caller) === connections) this.byCaller.delete(caller);
    };
  }

  /** Subscriptions open on all of the connection's caller's connections (this one's newest included). */
  openFor(connection: Connection): number {
    const caller = this.callerOf.get(connection);
    let total = 0;
    for (const other of (caller && this.byCaller.get(caller)) || [connection]) total += Object.keys(other.subscriptions).length;
    return total;
  }
}
