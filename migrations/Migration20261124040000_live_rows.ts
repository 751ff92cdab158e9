import { Migration } from '@mikro-orm/migrations';

/**
 * Live notices carry the changed row itself (when it fits NOTIFY's 8000-byte payload), so a gateway
 * hands it to its subscribers without reading it back. The row's columns are the ones the
 * repositories select (adapters/db/lead-rows.ts); a notice too big for its row goes without it and
 * the gateway reads the row as before. Statements of more than 50 rows still send one bulk notice.
 */
export class Migration20261124040000_live_rows extends Migration {
  override up(): void {
    this.addSql(`
CREATE OR REPLACE FUNCTION notify_lead_changes() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE n integer; r record; payload text;
BEGIN
  SELECT count(*) INTO n FROM changed;
  IF n > 50 THEN
    FOR r IN SELECT tenant_id, count(*) AS c FROM changed GROUP BY tenant_id LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', TG_ARGV[0] || '_bulk', 'tenantId', r.tenant_id, 'count', r.c)::text);
    END LOOP;
  ELSIF TG_ARGV[0] = 'lead' THEN
    FOR r IN SELECT c.tenant_id, c.id, c.status, c.version, json_build_object(
               'id', c.id, 'tenant_id', c.tenant_id, 'pipeline', c.pipeline, 'status', c.status, 'business_name', c.business_name,
               'contact_name', c.contact_name, 'email', c.email, 'phone', c.phone, 'website', c.website, 'industry', c.industry,
               'city', c.city, 'country', c.country, 'source', c.source, 'company_size', c.company_size, 'tags', c.tags,
               'custom_fields', c.custom_fields, 'assignee_id', c.assignee_id, 'score', c.score, 'version', c.version,
               'import_id', c.import_id, 'created_at', c.created_at, 'updated_at', c.updated_at) AS row
             FROM changed c LOOP
      payload := json_build_object('kind', 'lead', 'tenantId', r.tenant_id, 'id', r.id, 'status', r.status, 'version', r.version, 'row', r.row)::text;
      IF octet_length(payload) > 7900 THEN
        payload := json_build_object('kind', 'lead', 'tenantId', r.tenant_id, 'id', r.id, 'status', r.status, 'version', r.version)::text;
      END IF;
      PERFORM pg_notify('crm_events', payload);
    END LOOP;
  ELSE
    FOR r IN SELECT c.tenant_id, c.id, c.lead_id, json_build_object(
               'id', c.id, 'lead_id', c.lead_id, 'kind', c.kind, 'actor_type', c.actor_type, 'actor_id', c.actor_id,
               'actor_name', c.actor_name, 'from_status', c.from_status, 'to_status', c.to_status, 'trigger', c.trigger,
               'reason', c.reason, 'data', c.data, 'created_at', c.created_at) AS row
             FROM changed c LOOP
      payload := json_build_object('kind', 'event', 'tenantId', r.tenant_id, 'id', r.id, 'leadId', r.lead_id, 'row', r.row)::text;
      IF octet_length(payload) > 7900 THEN
        payload := json_build_object('kind', 'event', 'tenantId', r.tenant_id, 'id', r.id, 'leadId', r.lead_id)::text;
      END IF;
      PERFORM pg_notify('crm_events', payload);
    END LOOP;
  END IF;
  RETURN NULL;
END $f$;`);
  }
}
