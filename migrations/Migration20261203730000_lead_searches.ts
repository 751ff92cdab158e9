import { Migration } from '@mikro-orm/migrations';

/**
 * Lead searches (issue 14): saved searches for businesses by category and area, their runs, and
 * every business a run found with what became of it. `lead_search_claims` is how the database
 * decides between two runs finding the same business at once (two workers, two searches): each
 * business taken (as a lead, or held for review) claims its keys (the source's place id, website,
 * phone, email, name and city), and a key can be claimed once per tenant. Deleting a search keeps
 * its runs and what they found (they name the search by id and name, without a foreign key).
 */
export class Migration20261203730000_lead_searches extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE lead_search_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  ideal_customer jsonb NOT NULL DEFAULT '{"industries": [], "places": [], "mustHave": [], "minRating": null}',
  require_approval boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lead_searches (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (category ~ '^[a-z_]{1,50}$'),
  place_name text CHECK (length(place_name) BETWEEN 1 AND 200),
  country text CHECK (country ~ '^[A-Z]{2}$'),
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  radius_meters integer CHECK (radius_meters BETWEEN 100 AND 50000),
  source text NOT NULL CHECK (source IN ('osm', 'google_places')),
  max_new_per_run integer NOT NULL CHECK (max_new_per_run BETWEEN 1 AND 1000),
  max_new_per_day integer NOT NULL CHECK (max_new_per_day BETWEEN 1 AND 10000),
  schedule text NOT NULL CHECK (schedule IN ('once', 'daily', 'weekly')),
  time_zone text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
  min_fit smallint NOT NULL DEFAULT 0 CHECK (min_fit BETWEEN 0 AND 100),
  -- null: the tenant's ideal customer (lead_search_settings) applies
  ideal_customer jsonb,
  enabled boolean NOT NULL DEFAULT true,
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'system')),
  created_by_id text,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK ((place_name IS NOT NULL AND latitude IS NULL AND longitude IS NULL AND radius_meters IS NULL)
      OR (place_name IS NULL AND country IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL AND radius_meters IS NOT NULL))
);

CREATE TABLE lead_search_runs (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  -- the search it ran for: kept after the search is deleted (its runs are history), so no foreign key
  search_id uuid NOT NULL,
  search_name text NOT NULL,
  -- manual:<uuid>, or the schedule's period (once, daily:2026-12-03, weekly:2026-W49): one run per period
  run_key text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
  -- what the run searches for, as the search said when it started (a later edit applies to later runs)
  plan jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  reason text CHECK (length(reason) <= 1000),
  page_token text CHECK (length(page_token) <= 2000),
  pages_done integer NOT NULL DEFAULT 0,
  found integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  held integer NOT NULL DEFAULT 0,
  started_by_type text NOT NULL CHECK (started_by_type IN ('user', 'api_key', 'system')),
  started_by_id text,
  started_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  ended_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
-- One run per search and period (schedules across workers), and one run of a search at a time.
CREATE UNIQUE INDEX lead_search_runs_key ON lead_search_runs (tenant_id, search_id, run_key);
CREATE UNIQUE INDEX lead_search_runs_active ON lead_search_runs (tenant_id, search_id) WHERE status IN ('queued', 'running');
CREATE INDEX lead_search_runs_latest ON lead_search_runs (tenant_id, search_id, id DESC);

CREATE TABLE lead_search_items (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  run_id uuid NOT NULL,
  search_id uuid NOT NULL,
  search_name text NOT NULL,
  source text NOT NULL,
  external_id text NOT NULL CHECK (length(external_id) <= 300),
  name text NOT NULL,
  category text,
  address text,
  city text,
  country text,
  latitude double precision,
  longitude double precision,
  phone text,
  website text,
  email text,
  opening_hours text,
  rating real,
  rating_count integer,
  outcome text NOT NULL CHECK (outcome IN ('created', 'duplicate', 'rejected', 'pending_review', 'approved', 'rejected_by_user')),
  reasons text[] NOT NULL DEFAULT '{}',
  duplicate_of uuid,
  duplicate_by text CHECK (duplicate_by IN ('same_place', 'website', 'phone', 'email', 'name_and_place')),
  fit smallint CHECK (fit BETWEEN 0 AND 100),
  fit_sentence text,
  -- what enrichment did: emails and phones found, pages read, notes in words
  enrichment jsonb NOT NULL DEFAULT '{}',
  lead_id uuid,
  reviewed_by_type text,
  reviewed_by_id text,
  reviewed_by_name text,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES lead_search_runs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE SET NULL (lead_id),
  FOREIGN KEY (tenant_id, duplicate_of) REFERENCES leads (tenant_id, id) ON DELETE SET NULL (duplicate_of)
);
CREATE INDEX lead_search_items_run ON lead_search_items (tenant_id, run_id, id);
CREATE INDEX lead_search_items_run_outcome ON lead_search_items (tenant_id, run_id, outcome, id);
-- Found businesses of every run by outcome: the review queue.
CREATE INDEX lead_search_items_outcome ON lead_search_items (tenant_id, outcome, id);
CREATE INDEX lead_search_items_lead ON lead_search_items (tenant_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX lead_search_items_duplicate_of ON lead_search_items (tenant_id, duplicate_of) WHERE duplicate_of IS NOT NULL;
-- New leads of a search today (the daily limit).
CREATE INDEX lead_search_items_search_day ON lead_search_items (tenant_id, search_id, created_at) WHERE outcome <> 'duplicate' AND outcome <> 'rejected';

CREATE TABLE lead_search_claims (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 600),
  item_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, key),
  -- Deferred: a page's claims are taken before its items are written, in the same transaction.
  FOREIGN KEY (tenant_id, item_id) REFERENCES lead_search_items (tenant_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX lead_search_claims_item ON lead_search_claims (tenant_id, item_id);

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['lead_search_settings', 'lead_searches', 'lead_search_runs', 'lead_search_items', 'lead_search_claims'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO crm_app', t);
  END LOOP;
END $$;
`);
  }
}
