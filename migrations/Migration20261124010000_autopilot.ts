import { Migration } from '@mikro-orm/migrations';

/**
 * The autopilot: tenant settings and secrets, service catalog, messages in and out, AI decisions,
 * proposals, payment events, clients, tasks and the suppression list. Same rules as the foundation:
 * tenant_id leads every key, FORCE RLS everywhere, one unique key per side effect.
 */
export class Migration20261124010000_autopilot extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE tenant_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  autopilot boolean NOT NULL DEFAULT false,
  sender_name text NOT NULL,
  sender_email text NOT NULL,
  sender_company text NOT NULL,
  sender_pitch text NOT NULL,
  daily_send_limit integer NOT NULL DEFAULT 200 CHECK (daily_send_limit BETWEEN 0 AND 1000000),
  ai_provider text NOT NULL DEFAULT 'default',
  ai_model text,
  channel_provider text NOT NULL DEFAULT 'default',
  payments_provider text NOT NULL DEFAULT 'default',
  currency text NOT NULL DEFAULT 'INR' CHECK (currency ~ '^[A-Z]{3}$'),
  onboarding_checklist jsonb NOT NULL DEFAULT '[]',
  inbound_secret text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Provider credentials, encrypted by the app (AES-256-GCM); never returned by the API.
CREATE TABLE tenant_secrets (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  ciphertext bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE services (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT uuidv7(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  price_min bigint NOT NULL CHECK (price_min >= 0),
  price_max bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (price_max >= price_min)
);

CREATE TABLE suppressions (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  address text NOT NULL CHECK (address = lower(address)),
  reason text NOT NULL CHECK (reason IN ('unsubscribe', 'bounce', 'complaint', 'manual')),
  lead_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, address)
);

CREATE TABLE proposals (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid NOT NULL,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'superseded')),
  title text NOT NULL,
  summary text NOT NULL,
  line_items jsonb NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  total bigint NOT NULL CHECK (total >= 0),
  expected_results jsonb NOT NULL,
  valid_until date NOT NULL,
  payment_provider text,
  payment_url text,
  payment_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  paid_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, lead_id, version),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX proposals_payment_ref ON proposals (tenant_id, payment_ref) WHERE payment_ref IS NOT NULL;

-- Every message in or out. An outbound message exists once per lead, purpose and step: the
-- unique key that makes a retried or duplicated job harmless.
CREATE TABLE messages (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid,
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  channel text NOT NULL DEFAULT 'email',
  purpose text NOT NULL CHECK (purpose IN ('outreach', 'follow_up', 'proposal', 'welcome', 'answer', 'reply')),
  step integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('composing', 'draft', 'queued', 'sending', 'sent', 'failed', 'suppressed', 'received')),
  subject text,
  text_body text,
  html_body text,
  from_address text,
  to_address text,
  rfc_message_id text,
  in_reply_to text,
  reference_ids text[] NOT NULL DEFAULT '{}',
  provider text,
  provider_message_id text,
  proposal_id uuid,
  classification jsonb,
  classified_at timestamptz,
  error text,
  scheduled_for timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX messages_once ON messages (tenant_id, lead_id, purpose, step) WHERE direction = 'out';
CREATE UNIQUE INDEX messages_rfc_id ON messages (tenant_id, rfc_message_id) WHERE rfc_message_id IS NOT NULL;
CREATE INDEX messages_lead ON messages (tenant_id, lead_id, created_at);
CREATE INDEX messages_sent_today ON messages (tenant_id, sent_at) WHERE direction = 'out' AND sent_at IS NOT NULL;
CREATE INDEX messages_inbox ON messages (tenant_id, created_at DESC) WHERE direction = 'in';

-- What the offline channel delivered (viewable in the outbox); keyed by message so a retry adds nothing.
CREATE TABLE outbox (
  tenant_id uuid NOT NULL,
  message_id text NOT NULL,
  lead_id uuid,
  to_address text,
  from_address text,
  subject text,
  text_body text NOT NULL,
  html_body text,
  headers jsonb NOT NULL DEFAULT '{}',
  delivered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX outbox_recent ON outbox (tenant_id, delivered_at DESC);

CREATE TABLE ai_decisions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid,
  message_id uuid,
  kind text NOT NULL CHECK (kind IN ('write_outreach', 'classify_reply', 'write_proposal', 'draft_answer', 'correction')),
  status text NOT NULL CHECK (status IN ('ok', 'failed')),
  provider text NOT NULL,
  model text NOT NULL,
  input jsonb NOT NULL,
  output jsonb,
  reasoning text,
  error text,
  attempts integer NOT NULL DEFAULT 1,
  latency_ms integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ai_decisions_lead ON ai_decisions (tenant_id, lead_id, created_at);

-- Every provider event once: the primary key is the idempotency key of webhooks.
CREATE TABLE payment_events (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  lead_id uuid,
  proposal_id uuid,
  amount bigint,
  currency text,
  paid boolean NOT NULL,
  outcome text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, provider, event_id)
);

CREATE TABLE clients (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid NOT NULL,
  proposal_id uuid,
  business_name text NOT NULL,
  contact_name text,
  email text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, lead_id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE tasks (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT uuidv7(),
  lead_id uuid,
  client_id uuid,
  kind text NOT NULL CHECK (kind IN ('onboarding', 'answer_question', 'follow_up', 'manual')),
  title text NOT NULL,
  body text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  due_at timestamptz,
  assignee_id uuid,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX tasks_once ON tasks (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX tasks_open ON tasks (tenant_id, status, created_at);

-- The offline checkout's links are /pay/<token>: the one lookup that starts without a tenant. The token
-- (192 random bits) is the credential: a row is visible to its tenant, or to whoever names its token.
CREATE TABLE checkout_tokens (
  token text PRIMARY KEY CHECK (length(token) >= 32),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE checkout_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE checkout_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY token_holder ON checkout_tokens
  USING (tenant_id = app_current_tenant() OR token = current_setting('app.checkout_token', true))
  WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT ON checkout_tokens TO crm_app;

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_settings', 'tenant_secrets', 'services', 'suppressions', 'proposals', 'messages',
                           'outbox', 'ai_decisions', 'payment_events', 'clients', 'tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO crm_app', t);
  END LOOP;
END $$;

-- Live updates across processes: lead changes and timeline entries are announced on one channel,
-- per statement (a batch of more than 50 rows becomes one "bulk" notice, so imports stay cheap).
CREATE FUNCTION notify_lead_changes() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE n integer; r record;
BEGIN
  SELECT count(*) INTO n FROM changed;
  IF n > 50 THEN
    FOR r IN SELECT tenant_id, count(*) AS c FROM changed GROUP BY tenant_id LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', TG_ARGV[0] || '_bulk', 'tenantId', r.tenant_id, 'count', r.c)::text);
    END LOOP;
  ELSIF TG_ARGV[0] = 'lead' THEN
    FOR r IN SELECT tenant_id, id, status, version FROM changed LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'lead', 'tenantId', r.tenant_id, 'id', r.id, 'status', r.status, 'version', r.version)::text);
    END LOOP;
  ELSE
    FOR r IN SELECT tenant_id, id, lead_id FROM changed LOOP
      PERFORM pg_notify('crm_events', json_build_object('kind', 'event', 'tenantId', r.tenant_id, 'id', r.id, 'leadId', r.lead_id)::text);
    END LOOP;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER leads_notify_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_changes('lead');
CREATE TRIGGER leads_notify_update AFTER UPDATE ON leads REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_changes('lead');
CREATE TRIGGER lead_events_notify AFTER INSERT ON lead_events REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lead_changes('event');
`);
  }
}
