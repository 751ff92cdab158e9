import type { PgBoss } from 'pg-boss';
import type { SecretBox } from '../../adapters/crypto/secret-box.ts';
import type { Database } from '../../adapters/db/database.ts';
import { tenantUnitOfWork } from '../../adapters/db/units-of-work.ts';
import { DnsMailDomainCheck } from '../../adapters/leadgen/enrich/mail-domain.ts';
import { SiteEnricher } from '../../adapters/leadgen/enrich/site-enricher.ts';
import { SiteFetcher } from '../../adapters/leadgen/enrich/site-fetcher.ts';
import { PlacesSource } from '../../adapters/leadgen/google-places/places.source.ts';
import { OsmSource } from '../../adapters/leadgen/osm/osm.source.ts';
import type { Enricher, MailDomainCheck } from '../../core/leadgen/enrichment.ts';
import type { SourceAccess } from '../../core/leadgen/lead-search.ports.ts';
import { LeadSourceId } from '../../core/leadgen/lead-search.types.ts';
import { SourceUnavailableError, type LeadSource } from '../../core/leadgen/lead-source.ts';
import type { Config } from '../config.ts';

export type LeadgenConfig = Pick<
  Config,
  'OSM_OVERPASS_URL' | 'OSM_NOMINATIM_URL' | 'OSM_USER_AGENT' | 'GOOGLE_PLACES_API_KEY' | 'GOOGLE_PLACES_BASE_URL' | 'LEADGEN_DNS_SERVERS' | 'LEADGEN_ALLOW_PRIVATE_SITES' | 'PUBLIC_URL'
>;

export const GOOGLE_PLACES_CREDENTIAL = 'google_places_api_key';
const NEEDS_KEY = `needs an API key: set the ${GOOGLE_PLACES_CREDENTIAL} credential (setProviderCredential) or GOOGLE_PLACES_API_KEY on the server, or search OSM`;

/**
 * The sources tenants search, one per process and key: OpenStreetMap's public (or configured)
 * servers are shared by every tenant, so its politeness (one request at a time, a pause between)
 * holds for the whole process; Google Places with the tenant's key, or the server's.
 */
export class LeadSources implements SourceAccess {
  private readonly osm: OsmSource;
  private readonly places = new Map<string, PlacesSource>();
  /** Shared: its answers are cached for an hour, and one search asks about the same domains often. */
  private readonly mail: MailDomainCheck;

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly box: SecretBox,
    private readonly config: LeadgenConfig,
  ) {
    this.osm = new OsmSource({
      ...(config.OSM_OVERPASS_URL ? { overpassUrl: config.OSM_OVERPASS_URL } : {}),
      ...(config.OSM_NOMINATIM_URL ? { nominatimUrl: config.OSM_NOMINATIM_URL } : {}),
      userAgent: config.OSM_USER_AGENT ?? `CRM-AutoPilot/1.0 (lead search; ${config.PUBLIC_URL})`,
    });
    const servers = config.LEADGEN_DNS_SERVERS?.split(',').map((s) => s.trim()).filter(Boolean);
    this.mail = new DnsMailDomainCheck(servers?.length ? { servers } : {});
  }

  async problem(tenantId: string, source: string): Promise<string | null> {
    if (source === LeadSourceId.OSM) return null;
    if (source === LeadSourceId.GOOGLE_PLACES) return (await this.googleKey(tenantId)) ? null : `Google Places ${NEEDS_KEY}`;
    return `${source} is not a source we search`;
  }

  async source(tenantId: string, source: string): Promise<LeadSource> {
    if (source === LeadSourceId.OSM) return this.osm;
    const key = source === LeadSourceId.GOOGLE_PLACES ? await this.googleKey(tenantId) : null;
    if (!key) throw new SourceUnavailableError(source, source === LeadSourceId.GOOGLE_PLACES ? NEEDS_KEY : 'not a source we search', null, true);
    let places = this.places.get(key);
    if (!places) {
      places = new PlacesSource({ apiKey: key, ...(this.config.GOOGLE_PLACES_BASE_URL ? { baseUrl: this.config.GOOGLE_PLACES_BASE_URL } : {}) });
      this.places.set(key, places);
    }
    return places;
  }

  /** Reads businesses' sites politely; a fresh one per page of a run (its robots.txt answers live as long as the page). */
  enricher(): Enricher {
    const fetcher = new SiteFetcher({
      userAgent: `CRM-AutoPilot/1.0 (+${this.config.PUBLIC_URL})`,
      robotsAgent: 'CRM-AutoPilot',
      timeoutMs: 5_000,
      maxBytes: 1024 * 1024,
      maxRedirects: 3,
      allowPrivate: this.config.LEADGEN_ALLOW_PRIVATE_SITES,
    });
    return new SiteEnricher(fetcher, this.mail);
  }

  mailCheck(): MailDomainCheck {
    return this.mail;
  }

  private async googleKey(tenantId: string): Promise<string | null> {
    const own = await tenantUnitOfWork(this.db, this.boss, this.box, { agencyId: null, tenantId }).run((tx) => tx.settings.secret(GOOGLE_PLACES_CREDENTIAL));
    return own ?? this.config.GOOGLE_PLACES_API_KEY ?? null;
  }
}
