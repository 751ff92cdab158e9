import type { PgBoss } from 'pg-boss';
import type { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { tenantUnitOfWork } from '../../adapters/db/units-of-work.ts';

const CACHE_MS = 5_000;
/** Past this many tenants, expired entries are swept when a new one is added. */
const SWEEP_AT = 1_000;

type Kind = 'stripe' | 'inbound' | 'twilio';

/**
 * Tenants' webhook secrets (Stripe's decrypted signing secret, the Inbound Parse URL secret, Twilio's auth token), kept a
 * few seconds so a busy endpoint checks a post without a transaction of its own. Each kind has the
 * current secret and, for a while after a rotation, the one it replaced: a post with either is
 * accepted. Forgotten when the tenant's settings or credentials change in this process, so a secret
 * removed or ended here is refused by this process at once; another gateway process refuses it within
 * CACHE_MS (documented in the API and the README). A tenant without a secret is not cached.
 */
export class WebhookSecrets {
  private readonly cache = new Map<string, { at: number; secret: Promise<string[]> }>();

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly box: SecretBox,
    /** The server's own Twilio account, for tenants without one of their own. */
    private readonly fallback: { twilioAuthToken: string | null } = { twilioAuthToken: null },
  ) {}

  /** Stripe signing secrets a post may be signed with: the current one first. */
  stripe(tenantId: string): Promise<string[]> {
    return this.get('stripe', tenantId);
  }

  /** Secrets the Inbound Parse URL may carry: the current one first. */
  inbound(tenantId: string): Promise<string[]> {
    return this.get('inbound', tenantId);
  }

  /** Twilio auth tokens its posts may be signed with: the tenant's own account's (and a replaced one in its grace period), else the server's. */
  twilio(tenantId: string): Promise<string[]> {
    return this.get('twilio', tenantId);
  }

  forget(tenantId: string): void {
    this.cache.delete(`stripe:${tenantId}`);
    this.cache.delete(`inbound:${tenantId}`);
    this.cache.delete(`twilio:${tenantId}`);
  }

  private get(kind: Kind, tenantId: string): Promise<string[]> {
    const key = `${kind}:${tenantId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.secret;
    if (this.cache.size >= SWEEP_AT) this.sweep();
    const secret = this.load(kind, tenantId);
    this.cache.set(key, { at: Date.now(), secret });
    const drop = () => this.cache.get(key)?.secret === secret && this.cache.delete(key);
    secret.then((values) => values.length === 0 && drop(), drop);
    return secret;
  }

  private load(kind: Kind, tenantId: string): Promise<string[]> {
    return tenantUnitOfWork(this.db, this.boss, this.box, { agencyId: null, tenantId }).run(async (tx) => {
      if (kind === 'stripe') return present([await tx.settings.secret('stripe_webhook_secret'), await tx.settings.previousSecret('stripe_webhook_secret')]);
      if (kind === 'twilio') {
        // Settings read first: a tenant that does not exist fails here, and gets the answer of a bad signature.
        await tx.settings.get();
        if (await tx.settings.secret('twilio_account_sid')) return present([await tx.settings.secret('twilio_auth_token'), await tx.settings.previousSecret('twilio_auth_token')]);
        return present([this.fallback.twilioAuthToken]);
      }
      // The inbound secret is made with the tenant's settings on first use, as the settings page shows it.
      const settings = await tx.settings.get();
      return present([settings.inboundSecret, settings.previousInboundSecret]);
    });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.cache) if (now - entry.at >= CACHE_MS) this.cache.delete(key);
  }
}

const present = (values: Array<string | null>): string[] => values.filter((value): value is string => Boolean(value));
