import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts people can trust: server-side sessions (every session token names one, so signing out,
 * revoking, removing a user or changing a password ends its access), invitations and password
 * resets answered by one-time links (only a hash of each link is stored), and the offline outbox of
 * account emails. All agency-owned: agency_id leads every key, FORCE row-level security by agency.
 */
export class Migration20261203200000_accounts extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE sessions (
  agency_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  user_agent text CHECK (length(user_agent) <= 300),
  address text CHECK (length(address) <= 100),
  PRIMARY KEY (agency_id, id),
  FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (agency_id, user_id, created_at DESC);

CREATE TABLE invitations (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  tenant_ids uuid[] NOT NULL DEFAULT '{}',
  -- Who invited (the name stays should they leave).
  invited_by uuid,
  invited_by_name text,
  -- Each resend is a new version with a new link; the link is derived from (id, version), only its hash is kept.
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  token_hash bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  emailed_version integer NOT NULL DEFAULT 0,
  last_sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  accepted_user_id uuid,
  revoked_at timestamptz,
  PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX invitations_pending_email ON invitations (agency_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE password_resets (
  agency_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  -- One reset per request, however often the job that makes it runs.
  request_key uuid NOT NULL,
  token_hash bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  emailed_at timestamptz,
  used_at timestamptz,
  PRIMARY KEY (agency_id, id),
  UNIQUE (agency_id, request_key),
  FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX password_resets_user ON password_resets (agency_id, user_id) WHERE used_at IS NULL;

-- Account emails the offline mailer delivered (no email provider configured); keyed by message so a retry adds nothing.
CREATE TABLE account_outbox (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  message_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invitation', 'password_reset')),
  to_address text NOT NULL,
  from_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, message_id)
);
CREATE INDEX account_outbox_recent ON account_outbox (agency_id, delivered_at DESC);

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['sessions', 'invitations', 'password_resets', 'account_outbox'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY agency_isolation ON %I USING (agency_id = app_current_agency()) WITH CHECK (agency_id = app_current_agency())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO crm_app', t);
  END LOOP;
END $$;`);
  }
}
