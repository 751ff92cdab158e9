import { Migration } from '@mikro-orm/migrations';

/**
 * What lead searches compare a found business with, as indexes on leads: its website reduced to
 * the site (lead_site_key: host without scheme, "www." and path, but host and page for shared hosts
 * such as facebook.com; core/leadgen/site-address.ts says the same in TypeScript) and its name in
 * the same city (lead_name_key: ASCII letters lower-cased, punctuation and spaces collapsed; the
 * same whatever the database's locale). Phones already have their index. A page of businesses is
 * matched in one query through these. And live progress: a run's row is announced on crm_events
 * whenever it changes (kind search_run, with the row: it is small).
 */
export class Migration20261203740000_lead_search_lookups extends Migration {
  override up(): void {
    this.addSql(`
CREATE FUNCTION lead_site_key(website text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
DECLARE t text; m text[]; rest text; host text; path text;
BEGIN
  t := btrim(website);
  IF t IS NULL OR t = '' OR t ~ '[[:space:]]' THEN RETURN NULL; END IF;
  m := regexp_match(t, '^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$');
  IF m IS NOT NULL THEN
    IF lower(m[1]) NOT IN ('http', 'https') THEN RETURN NULL; END IF;
    rest := m[2];
  ELSE
    rest := t;
  END IF;
  host := substring(rest FROM '^[^/?#]*');
  path := substring(rest FROM '^[^/?#]*([^?#]*)');
  host := regexp_replace(host, '^.*@', '');
  host := regexp_replace(host, ':[0-9]*$', '');
  host := translate(host, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
  host := regexp_replace(regexp_replace(host, '^www[0-9]?\\.', ''), '\\.$', '');
  IF host !~ '^[a-z0-9-]+(\\.[a-z0-9-]+)+$' THEN RETURN NULL; END IF;
  IF host ~ '(^|\\.)(facebook\\.com|instagram\\.com|linkedin\\.com|twitter\\.com|x\\.com|youtube\\.com|wa\\.me|google\\.com|goo\\.gl|business\\.site|linktr\\.ee|justdial\\.com|indiamart\\.com|zomato\\.com|swiggy\\.com|practo\\.com|sulekha\\.com|tripadvisor\\.com|tripadvisor\\.in|blogspot\\.com|wordpress\\.com|wixsite\\.com)$' THEN
    path := regexp_replace(translate(coalesce(path, ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '/+$', '');
    RETURN CASE WHEN path = '' THEN NULL ELSE host || path END;
  END IF;
  RETURN host;
END $f$;

CREATE FUNCTION lead_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
  SELECT nullif(btrim(regexp_replace(translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' ', 'g'), ' '), '')
$f$;

CREATE INDEX leads_tenant_site_key ON leads (tenant_id, lead_site_key(website)) WHERE website IS NOT NULL;
CREATE INDEX leads_tenant_name_city ON leads (tenant_id, lead_name_key(business_name), lead_name_key(city)) WHERE city IS NOT NULL;
GRANT EXECUTE ON FUNCTION lead_site_key(text), lead_name_key(text) TO crm_app;

CREATE FUNCTION notify_lead_search_runs() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.tenant_id, c.id, json_build_object(
             'id', c.id, 'tenant_id', c.tenant_id, 'search_id', c.search_id, 'search_name', c.search_name, 'run_key', c.run_key,
             'trigger', c.trigger, 'status', c.status, 'reason', c.reason, 'pages_done', c.pages_done, 'found', c.found,
             'created', c.created, 'duplicates', c.duplicates, 'rejected', c.rejected, 'held', c.held,
             'started_by_type', c.started_by_type, 'started_by_id', c.started_by_id, 'started_by_name', c.started_by_name,
             'created_at', c.created_at, 'started_at', c.started_at, 'ended_at', c.ended_at) AS row
           FROM changed c LOOP
    PERFORM pg_notify('crm_events', json_build_object('kind', 'search_run', 'tenantId', r.tenant_id, 'id', r.id, 'row', r.row)::text);
  END LOOP;
  RETURN NULL;
END $f$;
CREATE TRIGGER lead_search_runs_notify_insert AFTER INSERT ON lead_search_runs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_search_runs();
CREATE TRIGGER lead_search_runs_notify_update AFTER UPDATE ON lead_search_runs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_search_runs();
`);
  }
}
