import { Migration } from '@mikro-orm/migrations';

/**
 * Pipelines as data, on one engine (DESIGN.md "Pipelines"), and deals: a lead in a pipeline.
 *
 * - `pipelines` and `pipeline_stages` are a tenant's own (tenant_id leads every key, FORCE RLS). A
 *   stage has its place (position), a probability, an auto action (stored; nothing runs them yet),
 *   follow-up and rotting days, a terminal kind (won, lost or none) and a retired flag. A pipeline's
 *   move policy says which moves its order allows (forward one, or to any terminal stage; skipping
 *   forward and moving back when allowed).
 * - `pipeline_move_allowed` is the engine in SQL, for every pipeline: one that lists its moves (the
 *   built-in lead lifecycle, in lifecycle_transitions) is checked against its list, a tenant's against
 *   its stages and policy. The lead trigger now calls it too (its rules unchanged), and so does the
 *   new deal trigger: an illegal move fails from raw SQL in any pipeline.
 * - Moves and changes to a pipeline's definition serialise on the pipeline's row: moves (and new
 *   deals) hold it shared, changes to the pipeline or its stages take it exclusively (a trigger on
 *   the stages takes it for raw SQL too), so a move is judged against a definition that cannot change
 *   under it. The stages' position key is deferrable (a reorder renumbers) and so never an FK target.
 * - A deal's previous stage, stage entry time, close time and status follow its stage (a BEFORE
 *   trigger), so they cannot be forged; a lost deal has a lost reason (a CHECK).
 * - `deal_stage_changes`: every entry of a deal into a stage, with actor and reason (written by the
 *   app, with the lead's timeline entry). A stage any deal is in or passed through cannot be deleted.
 * - Every tenant, new (a trigger on tenants) and existing, gets the seed's "Sales" and "Backlink
 *   outreach" pipelines and a starting list of lost reasons.
 */
export class Migration20261203760000_pipelines extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE pipelines (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('sales', 'backlink', 'partnership', 'other')),
  built_in boolean NOT NULL DEFAULT false,
  allow_skip_forward boolean NOT NULL DEFAULT false,
  allow_move_back boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX pipelines_name ON pipelines (tenant_id, lower(name));

CREATE TABLE pipeline_stages (
  tenant_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  position integer NOT NULL CHECK (position > 0),
  probability smallint NOT NULL CHECK (probability BETWEEN 0 AND 100),
  auto_action text CHECK (auto_action IN ('send_initial_email', 'wait_for_reply', 'schedule_call', 'send_followup_1', 'send_followup_2',
    'send_followup_3', 'ai_monitor', 'send_welcome', 'archive', 'research_contact', 'send_pitch', 'classify_response', 'verify_link')),
  follow_up_days integer CHECK (follow_up_days BETWEEN 0 AND 365),
  rotting_days integer CHECK (rotting_days BETWEEN 1 AND 3650),
  terminal_kind text NOT NULL DEFAULT 'none' CHECK (terminal_kind IN ('won', 'lost', 'none')),
  retired boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, pipeline_id, id),
  CONSTRAINT pipeline_stages_position UNIQUE (tenant_id, pipeline_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pipeline_stages_name ON pipeline_stages (tenant_id, pipeline_id, lower(name));

CREATE TABLE deals (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  stage_id uuid NOT NULL,
  previous_stage_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'won', 'lost')),
  value_amount bigint NOT NULL DEFAULT 0 CHECK (value_amount >= 0),
  value_currency text NOT NULL CHECK (value_currency ~ '^[A-Z]{3}$'),
  stage_entered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  next_action_at timestamptz,
  expected_close date,
  lost_reason text CHECK (length(lost_reason) BETWEEN 1 AND 200),
  ai_notes text CHECK (length(ai_notes) <= 10000),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, pipeline_id, stage_id) REFERENCES pipeline_stages (tenant_id, pipeline_id, id),
  FOREIGN KEY (tenant_id, pipeline_id, previous_stage_id) REFERENCES pipeline_stages (tenant_id, pipeline_id, id),
  CONSTRAINT deals_lost_reason CHECK (status <> 'lost' OR lost_reason IS NOT NULL)
);
CREATE INDEX deals_stage ON deals (tenant_id, pipeline_id, stage_id, id);
CREATE INDEX deals_lead ON deals (tenant_id, lead_id, id);
CREATE INDEX deals_owner ON deals (tenant_id, owner_id, id) WHERE owner_id IS NOT NULL;

-- A deal's own history: each entry into a stage (the first has no from_stage_id), with who and why.
CREATE TABLE deal_stage_changes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  deal_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  from_stage_id uuid,
  to_stage_id uuid NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'provider')),
  actor_id text,
  actor_name text,
  reason text,
  lost_reason text,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, deal_id) REFERENCES deals (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, pipeline_id, to_stage_id) REFERENCES pipeline_stages (tenant_id, pipeline_id, id),
  FOREIGN KEY (tenant_id, pipeline_id, from_stage_id) REFERENCES pipeline_stages (tenant_id, pipeline_id, id)
);
CREATE INDEX deal_stage_changes_deal ON deal_stage_changes (tenant_id, deal_id, id);
CREATE INDEX deal_stage_changes_period ON deal_stage_changes (tenant_id, pipeline_id, entered_at);
CREATE INDEX deal_stage_changes_from ON deal_stage_changes (tenant_id, from_stage_id) WHERE from_stage_id IS NOT NULL;
CREATE INDEX deal_stage_changes_to ON deal_stage_changes (tenant_id, to_stage_id);

-- The reasons a lost deal may give, in the tenant's order.
CREATE TABLE deal_lost_reasons (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  position integer NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  PRIMARY KEY (tenant_id, position)
);
CREATE UNIQUE INDEX deal_lost_reasons_reason ON deal_lost_reasons (tenant_id, lower(reason));

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['pipelines', 'pipeline_stages', 'deals', 'deal_stage_changes', 'deal_lost_reasons'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO crm_app', t);
  END LOOP;
END $$;

-- The engine in SQL (core/pipelines/pipeline-engine.ts checkMove): whether from → to is a move of the
-- pipeline. Pipelines that list their moves are checked against the list; a tenant's pipeline against
-- the order of its stages and its policy. Keys are text: the lead lifecycle's are names, a tenant's ids.
CREATE FUNCTION pipeline_move_allowed(p_tenant uuid, p_pipeline text, p_from text, p_to text, p_trigger text, p_came_from text, p_reached_by text)
  RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
DECLARE policy record; f record; t record;
BEGIN
  IF EXISTS (SELECT 1 FROM lifecycle_states s WHERE s.pipeline = p_pipeline) THEN
    -- A listed move that names one of its triggers (or none); a move back names its trigger, returns
    -- to where it came from, and undoes only what may be undone.
    RETURN EXISTS (SELECT 1 FROM lifecycle_transitions x
                    WHERE x.pipeline = p_pipeline AND x.from_state = p_from AND x.to_state = p_to
                      AND (p_trigger IS NULL OR p_trigger = ANY (x.triggers))
                      AND (x.reverses IS NULL
                           OR (p_trigger = ANY (x.triggers) AND p_to = p_came_from AND p_reached_by = ANY (x.reverses))));
  END IF;
  SELECT allow_skip_forward AS skip, allow_move_back AS back INTO policy FROM pipelines WHERE tenant_id = p_tenant AND id = p_pipeline::uuid;
  IF NOT FOUND THEN RETURN false; END IF;
  SELECT position, terminal_kind, retired INTO f FROM pipeline_stages WHERE tenant_id = p_tenant AND pipeline_id = p_pipeline::uuid AND id = p_from::uuid;
  IF NOT FOUND THEN RETURN false; END IF;
  SELECT position, terminal_kind, retired INTO t FROM pipeline_stages WHERE tenant_id = p_tenant AND pipeline_id = p_pipeline::uuid AND id = p_to::uuid;
  IF NOT FOUND OR p_from = p_to OR t.retired THEN RETURN false; END IF;
  -- Out of a closed deal only back into an open stage; from an open stage to any closing one.
  IF f.terminal_kind <> 'none' THEN RETURN policy.back AND t.terminal_kind = 'none'; END IF;
  IF t.terminal_kind <> 'none' THEN RETURN true; END IF;
  IF t.position < f.position THEN RETURN policy.back; END IF;
  -- Forward: to the next open stage that takes deals, or past it when skipping is allowed.
  RETURN policy.skip OR NOT EXISTS (
    SELECT 1 FROM pipeline_stages m
     WHERE m.tenant_id = p_tenant AND m.pipeline_id = p_pipeline::uuid AND m.terminal_kind = 'none' AND NOT m.retired
       AND m.position > f.position AND m.position < t.position);
END $f$;

-- The lead lifecycle's check, as before, through the same engine.
CREATE OR REPLACE FUNCTION leads_check_transition() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  SELECT o.id, o.status AS from_state, n.status AS to_state, n.status_trigger AS trigger,
         o.previous_status AS came_from, o.status_trigger AS reached_by
    INTO bad
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE (n.status IS DISTINCT FROM o.status OR n.pipeline IS DISTINCT FROM o.pipeline)
     AND (n.pipeline IS DISTINCT FROM o.pipeline
          OR NOT pipeline_move_allowed(o.tenant_id, o.pipeline, o.status, n.status, n.status_trigger, o.previous_status, o.status_trigger))
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

-- A deal's stage bookkeeping is the database's: where it came from, when it entered, when it closed,
-- and its status as its stage's terminal kind says (a move into an open stage keeps a pause).
CREATE FUNCTION deals_follow_stage() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE kind text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.previous_stage_id := NULL;
    NEW.stage_entered_at := clock_timestamp();
    NEW.closed_at := NULL;
  ELSIF NEW.stage_id IS DISTINCT FROM OLD.stage_id THEN
    SELECT terminal_kind INTO kind FROM pipeline_stages WHERE tenant_id = NEW.tenant_id AND pipeline_id = NEW.pipeline_id AND id = NEW.stage_id;
    NEW.previous_stage_id := OLD.stage_id;
    NEW.stage_entered_at := clock_timestamp();
    NEW.status := CASE WHEN kind IN ('won', 'lost') THEN kind WHEN NEW.status IN ('won', 'lost') THEN 'active' ELSE NEW.status END;
    NEW.closed_at := CASE WHEN kind IN ('won', 'lost') THEN NEW.stage_entered_at END;
  ELSIF NEW.previous_stage_id IS DISTINCT FROM OLD.previous_stage_id OR NEW.stage_entered_at IS DISTINCT FROM OLD.stage_entered_at
        OR NEW.closed_at IS DISTINCT FROM OLD.closed_at THEN
    RAISE EXCEPTION 'a deal''s previous stage, stage entry and close time change only with its stage'
      USING ERRCODE = 'CRM01', DETAIL = format('deal %s', OLD.id);
  END IF;
  IF NEW.status <> 'lost' THEN NEW.lost_reason := NULL; END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER deals_follow_stage BEFORE INSERT OR UPDATE ON deals FOR EACH ROW EXECUTE FUNCTION deals_follow_stage();

-- New deals start in an open stage that takes deals (active or paused), under their pipeline's shared lock.
CREATE FUNCTION deals_check_insert() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  PERFORM 1 FROM pipelines p WHERE (p.tenant_id, p.id) IN (SELECT n.tenant_id, n.pipeline_id FROM inserted n) ORDER BY p.tenant_id, p.id FOR SHARE;
  SELECT n.id, s.name, s.terminal_kind, s.retired, n.status INTO bad
    FROM inserted n LEFT JOIN pipeline_stages s ON s.tenant_id = n.tenant_id AND s.pipeline_id = n.pipeline_id AND s.id = n.stage_id
   WHERE s.id IS NULL OR s.terminal_kind <> 'none' OR s.retired OR n.status NOT IN ('active', 'paused')
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'a deal starts active or paused in an open stage that takes deals, not % in %', bad.status, coalesce(bad.name, 'an unknown stage')
      USING ERRCODE = 'CRM01', DETAIL = format('deal %s', bad.id);
  END IF;
  RETURN NULL;
END $f$;

-- Every move is one of its pipeline's (judged under the pipeline's shared lock, against its
-- definition as committed); a deal stays in its pipeline and with its lead; its status follows its stage.
CREATE FUNCTION deals_check_moves() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  PERFORM 1 FROM pipelines p
   WHERE (p.tenant_id, p.id) IN (SELECT o.tenant_id, o.pipeline_id FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
                                  WHERE n.stage_id IS DISTINCT FROM o.stage_id)
   ORDER BY p.tenant_id, p.id FOR SHARE;
  SELECT o.id, fs.name AS from_name, ts.name AS to_name, n.pipeline_id IS DISTINCT FROM o.pipeline_id OR n.lead_id IS DISTINCT FROM o.lead_id AS moved_away
    INTO bad
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
    LEFT JOIN pipeline_stages fs ON fs.tenant_id = o.tenant_id AND fs.id = o.stage_id
    LEFT JOIN pipeline_stages ts ON ts.tenant_id = n.tenant_id AND ts.id = n.stage_id
   WHERE n.pipeline_id IS DISTINCT FROM o.pipeline_id OR n.lead_id IS DISTINCT FROM o.lead_id
      OR (n.stage_id IS DISTINCT FROM o.stage_id
          AND NOT pipeline_move_allowed(o.tenant_id, o.pipeline_id::text, o.stage_id::text, n.stage_id::text, NULL, NULL, NULL))
   LIMIT 1;
  IF FOUND AND bad.moved_away THEN
    RAISE EXCEPTION 'a deal stays in its pipeline and with its lead' USING ERRCODE = 'CRM01', DETAIL = format('deal %s', bad.id);
  ELSIF FOUND THEN
    RAISE EXCEPTION 'illegal deal stage change from % to %', coalesce(bad.from_name, 'an unknown stage'), coalesce(bad.to_name, 'an unknown stage')
      USING ERRCODE = 'CRM01', DETAIL = format('deal %s', bad.id);
  END IF;
  SELECT n.id, n.status, s.terminal_kind INTO bad
    FROM new_rows n JOIN pipeline_stages s ON s.tenant_id = n.tenant_id AND s.pipeline_id = n.pipeline_id AND s.id = n.stage_id
   WHERE NOT CASE s.terminal_kind WHEN 'none' THEN n.status IN ('active', 'paused') ELSE n.status = s.terminal_kind END
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'a deal''s status follows its stage: not % in a % stage', bad.status, bad.terminal_kind USING ERRCODE = 'CRM01', DETAIL = format('deal %s', bad.id);
  END IF;
  IF (SELECT count(*) FROM old_rows) <> (SELECT count(*) FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id) THEN
    RAISE EXCEPTION 'a deal id cannot change' USING ERRCODE = 'CRM01';
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER deals_start AFTER INSERT ON deals REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION deals_check_insert();
CREATE TRIGGER deals_moves AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deals_check_moves();

-- A change to a pipeline's stages takes the pipeline's lock, as the app does (moves hold it shared),
-- and a stage that holds deals keeps its terminal kind (their status depends on it).
CREATE FUNCTION pipeline_stages_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM pipelines WHERE tenant_id = OLD.tenant_id AND id = OLD.pipeline_id FOR NO KEY UPDATE;
    RETURN OLD;
  END IF;
  PERFORM 1 FROM pipelines WHERE tenant_id = NEW.tenant_id AND id = NEW.pipeline_id FOR NO KEY UPDATE;
  IF TG_OP = 'UPDATE' AND NEW.terminal_kind IS DISTINCT FROM OLD.terminal_kind
     AND EXISTS (SELECT 1 FROM deals d WHERE d.tenant_id = OLD.tenant_id AND d.pipeline_id = OLD.pipeline_id AND d.stage_id = OLD.id) THEN
    RAISE EXCEPTION 'a stage that holds deals keeps its terminal kind' USING ERRCODE = 'CRM01', DETAIL = format('stage %s', OLD.id);
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER pipeline_stages_guard BEFORE INSERT OR UPDATE OR DELETE ON pipeline_stages FOR EACH ROW EXECUTE FUNCTION pipeline_stages_guard();

-- Live notices of deals (dealChanged), as for leads: one per row up to 50 rows, else one bulk notice per tenant.
CREATE FUNCTION notify_deal_changes() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE n integer; r record;
BEGIN
  SELECT count(*) INTO n FROM changed;
  IF n > 50 THEN
    FOR r IN SELECT tenant_id, count(*) AS c FROM changed GROUP BY tenant_id LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'deal_bulk', 'tenantId', r.tenant_id, 'count', r.c)::text);
    END LOOP;
  ELSE
    FOR r IN SELECT tenant_id, id, version FROM changed LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'deal', 'tenantId', r.tenant_id, 'id', r.id, 'version', r.version)::text);
    END LOOP;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER deals_notify_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_deal_changes();
CREATE TRIGGER deals_notify_update AFTER UPDATE ON deals REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_deal_changes();

-- The seed's default pipelines (seeds/ai-pipeline-crm-plan.md "Default Pipelines") and lost reasons
-- for one tenant. Backlink outreach may skip stages (a pitch answered at once goes straight to
-- Responded) and move back (a placed link that disappears goes back to follow-up).
CREATE FUNCTION seed_tenant_pipelines(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE previous text := current_setting('app.tenant_id', true); sales uuid := uuidv7(); backlink uuid := uuidv7();
BEGIN
  -- Row-level security checks the tenant of each row against the transaction's.
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO pipelines (tenant_id, id, name, kind, built_in, allow_skip_forward, allow_move_back) VALUES
    (p_tenant, sales, 'Sales', 'sales', true, false, false),
    (p_tenant, backlink, 'Backlink outreach', 'backlink', true, true, true);
  INSERT INTO pipeline_stages (tenant_id, pipeline_id, name, position, probability, auto_action, follow_up_days, rotting_days, terminal_kind) VALUES
    (p_tenant, sales, 'New Lead', 1, 10, 'send_initial_email', 0, 7, 'none'),
    (p_tenant, sales, 'Contacted', 2, 20, 'wait_for_reply', 3, 14, 'none'),
    (p_tenant, sales, 'Interested', 3, 40, 'schedule_call', 2, 10, 'none'),
    (p_tenant, sales, 'Proposal Sent', 4, 60, 'send_followup_1', 3, 14, 'none'),
    (p_tenant, sales, 'Negotiating', 5, 80, 'ai_monitor', 5, 21, 'none'),
    (p_tenant, sales, 'Won', 6, 100, 'send_welcome', NULL, NULL, 'won'),
    (p_tenant, sales, 'Lost', 7, 0, 'archive', NULL, NULL, 'lost'),
    (p_tenant, backlink, 'Opportunity Found', 1, 5, 'research_contact', 0, 7, 'none'),
    (p_tenant, backlink, 'Contact Found', 2, 10, 'send_pitch', 0, 7, 'none'),
    (p_tenant, backlink, 'Pitch Sent', 3, 20, 'wait_for_reply', 5, 14, 'none'),
    (p_tenant, backlink, 'Follow-up 1', 4, 25, 'send_followup_1', 5, 14, 'none'),
    (p_tenant, backlink, 'Follow-up 2', 5, 30, 'send_followup_2', 7, 14, 'none'),
    (p_tenant, backlink, 'Responded', 6, 60, 'classify_response', 0, 7, 'none'),
    (p_tenant, backlink, 'Link Placed', 7, 100, 'verify_link', NULL, NULL, 'won'),
    (p_tenant, backlink, 'Rejected', 8, 0, 'archive', NULL, NULL, 'lost');
  INSERT INTO deal_lost_reasons (tenant_id, position, reason) VALUES
    (p_tenant, 1, 'No budget'), (p_tenant, 2, 'Chose a competitor'), (p_tenant, 3, 'No response'),
    (p_tenant, 4, 'Not a fit'), (p_tenant, 5, 'Bad timing'), (p_tenant, 6, 'Other');
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END $f$;
REVOKE ALL ON FUNCTION seed_tenant_pipelines(uuid) FROM PUBLIC;

CREATE FUNCTION tenants_seed_pipelines() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
  PERFORM seed_tenant_pipelines(NEW.id);
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION tenants_seed_pipelines() FROM PUBLIC;
CREATE TRIGGER tenants_seed_pipelines AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION tenants_seed_pipelines();

SELECT seed_tenant_pipelines(id) FROM tenants;
`);
  }
}
