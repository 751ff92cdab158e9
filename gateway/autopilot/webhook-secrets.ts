import type { PgBoss } from 'pg-boss';
import type { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { tenantUnitOfWork } from '../../adapters/db/units-of-work.ts';

const CACHE_MS = 5_000;
/** Past this many tenants, expired entries are swept when a new one is added. */
const SWEEP_AT = 1_000;

type Kind = 'stripe' | 'inbound';

/**
 * Tenants' webhook secrets (Stripe's decrypted signing secret, the Inbound Parse URL secret), kept a
 * few seconds so a busy endpoint checks a post without a transaction of its own. Forgotten when the
 * tenant's settings or credentials change here; another process sees a change within CACHE_MS. A
 * tenant without a secret is not cached (404 until it has one).
 */
export class WebhookSecrets {
  private readonly cache = new Map<string, { at: number; secret: Promise<string | null> }>();

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly box: SecretBox,
  ) {}

  stripe(tenantId: string): Promise<string | null> {
    return this.get('stripe', tenantId);
  }

  inbound(tenantId: string): Promise<string | null> {
    return this.get('inbound', tenantId);
  }

  forget(tenantId: string): void {
    this.cache.delete(`stripe:${tenantId}`);
    this.cache.delete(`inbound:${tenantId}`);
  }

  private get(kind: Kind, tenantId: string): Promise<string | null> {
    const key = `${kind}:${tenantId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.secret;
    if (this.cache.size >= SWEEP_AT) this.sweep();
    const secret = this.load(kind, tenantId);
    this.cache.set(key, { at: Date.now(), secret });
    const drop = () => this.cache.get(key)?.secret === secret && this.cache.delete(key);
    secret.then((value) => value === null && drop(), drop);
    return secret;
  }

  private load(kind: Kind, tenantId: string): Promise<string | null> {
    return tenantUnitOfWork(this.db, this.boss, this.box, { agencyId: null, tenantId }).run(async (tx) =>
      // The inbound secret is made with the tenant's settings on first use, as the settings page shows it.
      kind === 'stripe' ? tx.settings.secret('stripe_webhook_secret') : (await tx.settings.get()).inboundSecret,
    );
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.cache) if (now - entry.at >= CACHE_MS) this.cache.delete(key);
  }
}
