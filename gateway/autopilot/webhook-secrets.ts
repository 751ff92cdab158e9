import type { PgBoss } from 'pg-boss';
import type { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { tenantUnitOfWork } from '../../adapters/db/units-of-work.ts';

const CACHE_MS = 5_000;
/** Past this many tenants, expired entries are swept when a new one is added. */
const SWEEP_AT = 1_000;

/**
 * Tenants' decrypted Stripe webhook secrets, kept a few seconds so a busy endpoint verifies a post
 * without a transaction of its own. Forgotten when the tenant's credentials change here; another
 * process sees a change within CACHE_MS. A tenant without a secret is not cached (404 until it has one).
 */
export class WebhookSecrets {
  private readonly cache = new Map<string, { at: number; secret: Promise<string | null> }>();

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly box: SecretBox,
  ) {}

  stripe(tenantId: string): Promise<string | null> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.secret;
    if (this.cache.size >= SWEEP_AT) this.sweep();
    const secret = this.load(tenantId);
    this.cache.set(tenantId, { at: Date.now(), secret });
    const drop = () => this.cache.get(tenantId)?.secret === secret && this.cache.delete(tenantId);
    secret.then((value) => value === null && drop(), drop);
    return secret;
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private load(tenantId: string): Promise<string | null> {
    return tenantUnitOfWork(this.db, this.boss, this.box, { agencyId: null, tenantId }).run((tx) => tx.settings.secret('stripe_webhook_secret'));
  }

  private sweep(): void {
    const now = Date.now();
    for (const [tenantId, entry] of this.cache) if (now - entry.at >= CACHE_MS) this.cache.delete(tenantId);
  }
}
