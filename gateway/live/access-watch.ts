import type { Logger } from 'pino';
import { DomainError } from '../../core/errors.ts';
import type { RequestAuth } from '../auth/authenticate.ts';

/** How often open connections' access is checked again: a revoked key or session loses its live feed within about this long. */
export const ACCESS_RECHECK_MS = 3_000;

interface Watched {
  /** Connections resolving the same credentials share one check. */
  key: string;
  /** What the caller could reach when the connection opened (tenant, role, the tenants a user reaches). */
  granted: string;
  auth: () => RequestAuth;
  close: (reason: string) => void;
}

/** Everything a live connection's answers depend on, as one comparable value. */
export type AccessFingerprint = (auth: RequestAuth) => Promise<string>;

/**
 * Live connections keep the access they were granted only while it lasts. Every ACCESS_RECHECK_MS
 * the credentials of each open connection are resolved again, once per distinct credentials, as a
 * new request would resolve them (a revoked API key, an ended session, a removed user or
 * membership fails); a connection whose caller fails, or whose role changed, is closed, and its
 * client reconnects with what it may do now (or is told it may not).
 */
export class AccessWatch {
  private readonly watched = new Set<Watched>();
  private readonly timer: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly logger: Logger,
    private readonly fingerprint: AccessFingerprint,
    intervalMs = ACCESS_RECHECK_MS,
  ) {
    this.timer = setInterval(() => void this.recheck(), intervalMs);
    this.timer.unref();
  }

  /** Watches a connection from now on (its access as it opened); returns the function that stops watching it. */
  async watch(key: string, auth: () => RequestAuth, close: (reason: string) => void): Promise<() => void> {
    const entry: Watched = { key, granted: await this.fingerprint(auth()), auth, close };
    this.watched.add(entry);
    return () => this.watched.delete(entry);
  }

  async recheck(): Promise<void> {
    if (this.running || !this.watched.size) return;
    this.running = true;
    try {
      const groups = new Map<string, Watched[]>();
      for (const entry of this.watched) groups.set(entry.key, [...(groups.get(entry.key) ?? []), entry]);
      await Promise.all([...groups.values()].map((entries) => this.recheckGroup(entries)));
    } finally {
      this.running = false;
    }
  }

  private async recheckGroup(entries: Watched[]): Promise<void> {
    let now: string | null = null;
    try {
      now = await this.fingerprint(entries[0]!.auth());
    } catch (error) {
      // Only a refusal ends access; a database that cannot answer now is asked again next time.
      if (!(error instanceof DomainError)) return void this.logger.warn({ err: error }, 'could not recheck live connections');
    }
    for (const entry of entries) {
      if (now === entry.granted) continue;
      this.watched.delete(entry);
      entry.close(now ? 'Your access changed; reconnect' : 'Access ended; sign in again');
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }
}
