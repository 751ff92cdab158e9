import { Migration } from '@mikro-orm/migrations';

/**
 * Deleted leads are announced to live clients too (as `lead_deleted`, with the id), so a board or a
 * list drops the card instead of showing a lead that is gone. A statement deleting more than 50
 * leads sends one bulk notice per tenant, as changes do.
 */
export class Migration20261203510000_lead_deletions extends Migration {
  override up(): void {
    this.addSql(`
CREATE FUNCTION notify_lead_deletions() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE n integer; r record;
BEGIN
  SELECT count(*) INTO n FROM gone;
  IF n > 50 THEN
    FOR r IN SELECT tenant_id, count(*) AS c FROM gone GROUP BY tenant_id LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'lead_bulk', 'tenantId', r.tenant_id, 'count', r.c)::text);
    END LOOP;
  ELSE
    FOR r IN SELECT tenant_id, id FROM gone LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'lead_deleted', 'tenantId', r.tenant_id, 'id', r.id)::text);
    END LOOP;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER leads_notify_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_deletions();`);
  }
}
