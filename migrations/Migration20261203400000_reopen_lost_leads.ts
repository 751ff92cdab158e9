import { Migration } from '@mikro-orm/migrations';

/**
 * Reopening (DESIGN.md "Reopening"): LOST → X exists only as a REOPENED move back to the exact
 * status the lead was lost from, and only for a close that people may undo (by a user, or by a
 * reply classification); the recipient's own unsubscribe and a hard bounce stay final.
 *
 * - `leads.previous_status` is written by the database on every status change (a BEFORE trigger), so
 *   where a lead came from cannot be forged; `leads.status_trigger` is what the app says moved it.
 *   Neither changes without the status.
 * - `lifecycle_transitions.reverses` marks the moves back: the triggers of the close they may undo.
 *   The statement trigger checks a move back against the lead's old row; a move that names its
 *   trigger must name one of the move's (raw SQL that names none still moves forward, as before).
 * - A reply read as "unsubscribe" closes with ASKED_TO_UNSUBSCRIBE (the link keeps UNSUBSCRIBED), and
 *   the suppression it adds remembers the reply (`suppressions.message_id`), so a correction lifts it.
 */
export class Migration20261203400000_reopen_lost_leads extends Migration {
  override up(): void {
    this.addSql(`
ALTER TABLE lifecycle_transitions ADD COLUMN reverses text[];
UPDATE lifecycle_transitions SET triggers = triggers || '{ASKED_TO_UNSUBSCRIBE}'
 WHERE pipeline = 'default' AND to_state = 'LOST' AND NOT 'ASKED_TO_UNSUBSCRIBE' = ANY (triggers);
INSERT INTO lifecycle_transitions (pipeline, from_state, to_state, triggers, reverses) VALUES
  ('default', 'LOST', 'NEW', '{REOPENED}', '{CLOSED_BY_USER,NOT_INTERESTED,ASKED_TO_UNSUBSCRIBE}'),
  ('default', 'LOST', 'CONTACTED', '{REOPENED}', '{CLOSED_BY_USER,NOT_INTERESTED,ASKED_TO_UNSUBSCRIBE}'),
  ('default', 'LOST', 'INTERESTED', '{REOPENED}', '{CLOSED_BY_USER,NOT_INTERESTED,ASKED_TO_UNSUBSCRIBE}'),
  ('default', 'LOST', 'PROPOSAL_SENT', '{REOPENED}', '{CLOSED_BY_USER,NOT_INTERESTED,ASKED_TO_UNSUBSCRIBE}');

ALTER TABLE leads ADD COLUMN previous_status text, ADD COLUMN status_trigger text;
ALTER TABLE leads ADD CONSTRAINT leads_previous_status_fkey FOREIGN KEY (pipeline, previous_status) REFERENCES lifecycle_states (pipeline, state);

-- Leads that moved before this migration: their last move into the status they are in. An
-- "unsubscribe" close made by a classification (not by the link's provider) is ASKED_TO_UNSUBSCRIBE.
UPDATE leads l
   SET previous_status = e.from_status,
       status_trigger = CASE WHEN e.trigger = 'UNSUBSCRIBED' AND e.actor_type <> 'provider' THEN 'ASKED_TO_UNSUBSCRIBE' ELSE e.trigger END
  FROM (SELECT DISTINCT ON (tenant_id, lead_id) tenant_id, lead_id, from_status, to_status, trigger, actor_type
          FROM lead_events WHERE kind = 'TRANSITION'
         ORDER BY tenant_id, lead_id, id DESC) e
 WHERE l.tenant_id = e.tenant_id AND l.id = e.lead_id AND l.status = e.to_status;

CREATE FUNCTION leads_remember_move() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.previous_status := OLD.status;
    -- A move that names no trigger of its own (raw SQL) records none, and a close without one is never undone.
    IF NEW.status_trigger IS NOT DISTINCT FROM OLD.status_trigger THEN
      NEW.status_trigger := NULL;
    END IF;
  ELSIF NEW.previous_status IS DISTINCT FROM OLD.previous_status OR NEW.status_trigger IS DISTINCT FROM OLD.status_trigger THEN
    RAISE EXCEPTION 'a lead''s previous status and status trigger change only with its status'
      USING ERRCODE = 'CRM01', DETAIL = format('lead %s', OLD.id);
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER leads_remember_move BEFORE UPDATE OF status, previous_status, status_trigger ON leads
  FOR EACH ROW EXECUTE FUNCTION leads_remember_move();

CREATE OR REPLACE FUNCTION leads_check_initial_status() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  SELECT n.id, n.pipeline, n.status INTO bad FROM inserted n
   WHERE n.previous_status IS NOT NULL OR n.status_trigger IS NOT NULL
      OR NOT EXISTS (SELECT 1 FROM lifecycle_states s
                      WHERE s.pipeline = n.pipeline AND s.state = n.status AND s.is_initial)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'illegal lead status: a lead starts in the initial state, not %, and with no history', bad.status
      USING ERRCODE = 'CRM01', DETAIL = format('lead %s pipeline %s', bad.id, bad.pipeline);
  END IF;
  RETURN NULL;
END $f$;

CREATE OR REPLACE FUNCTION leads_check_transition() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  SELECT o.id, o.status AS from_state, n.status AS to_state, n.status_trigger AS trigger,
         o.previous_status AS came_from, o.status_trigger AS reached_by
    INTO bad
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE (n.status IS DISTINCT FROM o.status OR n.pipeline IS DISTINCT FROM o.pipeline)
     AND (n.pipeline IS DISTINCT FROM o.pipeline
          OR NOT EXISTS (SELECT 1 FROM lifecycle_transitions t
                          WHERE t.pipeline = o.pipeline AND t.from_state = o.status AND t.to_state = n.status
                            AND (n.status_trigger IS NULL OR n.status_trigger = ANY (t.triggers))
                            -- A move back names its trigger, returns to where the lead came from, and undoes only what may be undone.
                            AND (t.reverses IS NULL
                                 OR (n.status_trigger = ANY (t.triggers) AND n.status = o.previous_status AND o.status_trigger = ANY (t.reverses)))))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'illegal lead status change from % to %', bad.from_state, bad.to_state
      USING ERRCODE = 'CRM01',
            DETAIL = format('lead %s; trigger %s; it came to %s from %s by %s', bad.id, coalesce(bad.trigger, 'none'), bad.from_state, coalesce(bad.came_from, 'nowhere'), coalesce(bad.reached_by, 'no trigger'));
  END IF;
  IF (SELECT count(*) FROM old_rows) <> (SELECT count(*) FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id) THEN
    RAISE EXCEPTION 'a lead id cannot change' USING ERRCODE = 'CRM01';
  END IF;
  RETURN NULL;
END $f$;

-- The reply whose classification added a suppression: correcting that classification lifts it.
ALTER TABLE suppressions ADD COLUMN message_id uuid;
CREATE INDEX suppressions_message ON suppressions (tenant_id, message_id) WHERE message_id IS NOT NULL;

-- Live notices carry the two new columns with the row (see Migration20261124040000_live_rows).
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
               'id', c.id, 'tenant_id', c.tenant_id, 'pipeline', c.pipeline, 'status', c.status,
               'previous_status', c.previous_status, 'status_trigger', c.status_trigger, 'business_name', c.business_name,
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
