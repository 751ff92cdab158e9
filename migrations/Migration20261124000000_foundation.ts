import { Migration } from '@mikro-orm/migrations';

/**
 * The foundation schema: agencies, tenants, users, API keys, leads with their lifecycle and timeline,
 * imports. Every tenant-owned table has `tenant_id` leading its keys and a FORCE RLS policy; the app
 * connects as a member of `crm_app`, which owns nothing and cannot bypass RLS.
 */
export class Migration20261124000000_foundation extends Migration {
  override up(): void {
    this.addSql(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crm_app') THEN
    CREATE ROLE crm_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The tenant and agency of the current transaction, set by the app with set_config(..., true).
CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $f$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $f$;
CREATE FUNCTION app_current_agency() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $f$ SELECT nullif(current_setting('app.agency_id', true), '')::uuid $f$;

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT uuidv7(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, id)
);

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT uuidv7(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  default_country text NOT NULL DEFAULT 'IN' CHECK (default_country ~ '^[A-Z]{2}$'),
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, id)
);

CREATE TABLE tenant_memberships (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  agency_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (agency_id, tenant_id) REFERENCES tenants (agency_id, id) ON DELETE CASCADE,
  FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX tenant_memberships_user ON tenant_memberships (agency_id, user_id);

CREATE TABLE api_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
  secret_hash bytea NOT NULL,
  hint text NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- The lead lifecycle as data: one engine (the app's table in core/ and this trigger) for every pipeline.
CREATE TABLE lifecycle_states (
  pipeline text NOT NULL,
  state text NOT NULL,
  position smallint NOT NULL,
  is_initial boolean NOT NULL DEFAULT false,
  is_terminal boolean NOT NULL DEFAULT false,
  PRIMARY KEY (pipeline, state)
);
CREATE TABLE lifecycle_transitions (
  pipeline text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  triggers text[] NOT NULL,
  PRIMARY KEY (pipeline, from_state, to_state),
  FOREIGN KEY (pipeline, from_state) REFERENCES lifecycle_states (pipeline, state),
  FOREIGN KEY (pipeline, to_state) REFERENCES lifecycle_states (pipeline, state)
);
INSERT INTO lifecycle_states (pipeline, state, position, is_initial, is_terminal) VALUES
  ('default', 'NEW', 1, true, false),
  ('default', 'CONTACTED', 2, false, false),
  ('default', 'INTERESTED', 3, false, false),
  ('default', 'PROPOSAL_SENT', 4, false, false),
  ('default', 'PAID', 5, false, true),
  ('default', 'LOST', 6, false, true);
INSERT INTO lifecycle_transitions (pipeline, from_state, to_state, triggers) VALUES
  ('default', 'NEW', 'CONTACTED', '{OUTREACH_SENT}'),
  ('default', 'CONTACTED', 'INTERESTED', '{REPLY_INTERESTED,MANUAL_OVERRIDE}'),
  ('default', 'INTERESTED', 'PROPOSAL_SENT', '{PROPOSAL_SENT}'),
  ('default', 'PROPOSAL_SENT', 'PAID', '{PAYMENT_CONFIRMED}'),
  ('default', 'NEW', 'LOST', '{CLOSED_BY_USER,NOT_INTERESTED,UNSUBSCRIBED,HARD_BOUNCE}'),
  ('default', 'CONTACTED', 'LOST', '{CLOSED_BY_USER,NOT_INTERESTED,UNSUBSCRIBED,HARD_BOUNCE}'),
  ('default', 'INTERESTED', 'LOST', '{CLOSED_BY_USER,NOT_INTERESTED,UNSUBSCRIBED,HARD_BOUNCE}'),
  ('default', 'PROPOSAL_SENT', 'LOST', '{CLOSED_BY_USER,NOT_INTERESTED,UNSUBSCRIBED,HARD_BOUNCE}');

CREATE TABLE lead_imports (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  filename text,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  rows_read integer NOT NULL DEFAULT 0,
  imported integer NOT NULL DEFAULT 0,
  invalid integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  failure text,
  actor_type text NOT NULL,
  actor_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE lead_import_issues (
  tenant_id uuid NOT NULL,
  import_id uuid NOT NULL,
  row_number integer NOT NULL,
  field text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invalid', 'duplicate')),
  reason text NOT NULL,
  existing_lead_id uuid,
  PRIMARY KEY (tenant_id, import_id, row_number, field),
  FOREIGN KEY (tenant_id, import_id) REFERENCES lead_imports (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE leads (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  pipeline text NOT NULL DEFAULT 'default',
  status text NOT NULL DEFAULT 'NEW',
  business_name text NOT NULL,
  contact_name text,
  email text CHECK (email = lower(email)),
  phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
  website text,
  industry text,
  city text,
  country text CHECK (country ~ '^[A-Z]{2}$'),
  source text,
  company_size text,
  tags text[] NOT NULL DEFAULT '{}',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  score smallint CHECK (score BETWEEN 0 AND 100),
  import_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_text text GENERATED ALWAYS AS (
    lower(business_name || ' ' || coalesce(contact_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(city, ''))
  ) STORED,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (pipeline, status) REFERENCES lifecycle_states (pipeline, state)
);
CREATE UNIQUE INDEX leads_tenant_email_key ON leads (tenant_id, email) WHERE email IS NOT NULL;
CREATE INDEX leads_tenant_created ON leads (tenant_id, created_at DESC, id DESC);
CREATE INDEX leads_tenant_status_created ON leads (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX leads_search_trgm ON leads USING gin (search_text gin_trgm_ops);
CREATE INDEX leads_tags ON leads USING gin (tags);

-- The lifecycle enforced a second time, per statement so that batch writes pay one check.
CREATE FUNCTION leads_check_initial_status() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  SELECT n.id, n.pipeline, n.status INTO bad FROM inserted n
   WHERE NOT EXISTS (SELECT 1 FROM lifecycle_states s
                      WHERE s.pipeline = n.pipeline AND s.state = n.status AND s.is_initial)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'illegal lead status: a lead starts in the initial state, not %', bad.status
      USING ERRCODE = 'CRM01', DETAIL = format('lead %s pipeline %s', bad.id, bad.pipeline);
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION leads_check_transition() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE bad record;
BEGIN
  SELECT o.id, o.status AS from_state, n.status AS to_state, o.pipeline AS old_pipeline, n.pipeline AS new_pipeline
    INTO bad
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
   WHERE (n.status IS DISTINCT FROM o.status OR n.pipeline IS DISTINCT FROM o.pipeline)
     AND (n.pipeline IS DISTINCT FROM o.pipeline
          OR NOT EXISTS (SELECT 1 FROM lifecycle_transitions t
                          WHERE t.pipeline = o.pipeline AND t.from_state = o.status AND t.to_state = n.status))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'illegal lead status change from % to %', bad.from_state, bad.to_state
      USING ERRCODE = 'CRM01', DETAIL = format('lead %s', bad.id);
  END IF;
  IF (SELECT count(*) FROM old_rows) <> (SELECT count(*) FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id) THEN
    RAISE EXCEPTION 'a lead id cannot change' USING ERRCODE = 'CRM01';
  END IF;
  RETURN NULL;
END $f$;

CREATE TRIGGER leads_initial_status AFTER INSERT ON leads
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION leads_check_initial_status();
CREATE TRIGGER leads_lifecycle AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_check_transition();

-- One timeline per lead: creation, edits, notes, transitions (and, later, messages, AI decisions, payments).
CREATE TABLE lead_events (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid NOT NULL,
  kind text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'provider')),
  actor_id text,
  actor_name text,
  from_status text,
  to_status text,
  trigger text,
  reason text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_events_timeline ON lead_events (tenant_id, lead_id, created_at, id);

-- Row-level security: FORCE on every tenant-owned table, so even the table owner is filtered.
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['api_keys', 'leads', 'lead_events', 'lead_imports', 'lead_import_issues'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['tenant_memberships'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY agency_isolation ON %I USING (agency_id = app_current_agency()) WITH CHECK (agency_id = app_current_agency())', t);
  END LOOP;
END $$;
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON agencies USING (id = app_current_agency()) WITH CHECK (id = app_current_agency());
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- An API key knows its tenant before its agency, so the tenant's own row is visible with the tenant set.
CREATE POLICY agency_isolation ON tenants
  USING (agency_id = app_current_agency() OR id = app_current_tenant())
  WITH CHECK (agency_id = app_current_agency());
-- users: not FORCE, so that the login lookup below (SECURITY DEFINER, run as the owner) can find an
-- email before the agency is known; the app's role is still filtered by agency.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_isolation ON users USING (agency_id = app_current_agency()) WITH CHECK (agency_id = app_current_agency());

CREATE FUNCTION auth_login_lookup(p_email text)
  RETURNS TABLE (user_id uuid, agency_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $f$ SELECT u.id, u.agency_id, u.password_hash FROM public.users u WHERE u.email = lower(p_email) $f$;
REVOKE ALL ON FUNCTION auth_login_lookup(text) FROM PUBLIC;

-- Whether anyone has signed up yet (the demo is seeded only into an empty database).
CREATE FUNCTION app_has_users() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $f$ SELECT EXISTS (SELECT 1 FROM public.users) $f$;
REVOKE ALL ON FUNCTION app_has_users() FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO crm_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, users, tenants, tenant_memberships, api_keys,
  leads, lead_events, lead_imports, lead_import_issues TO crm_app;
GRANT SELECT ON lifecycle_states, lifecycle_transitions TO crm_app;
GRANT EXECUTE ON FUNCTION auth_login_lookup(text), app_has_users(), app_current_tenant(), app_current_agency() TO crm_app;
GRANT SELECT ON mikro_orm_migrations TO crm_app;
`);
  }
}
