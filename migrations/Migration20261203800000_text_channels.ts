import { Migration } from '@mikro-orm/migrations';

/**
 * SMS and WhatsApp (issue 15): messages travel by email, sms or whatsapp; providers report delivery
 * (delivered, read) after accepting a message; an inbound text is stored once by the provider's id
 * (Twilio's MessageSid); the offline outbox keeps a thread per channel; a number that replied STOP
 * is on the suppression list as an opt-out; each tenant chooses its text channels, Twilio senders
 * and the WhatsApp template used outside the 24-hour window.
 */
export class Migration20261203800000_text_channels extends Migration {
  override up(): void {
    this.addSql(`
ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('email', 'sms', 'whatsapp'));
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ADD CONSTRAINT messages_status_check
  CHECK (status IN ('composing', 'draft', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'suppressed', 'received'));
-- A redelivered inbound text is the same message; a delivery report finds its message by the provider's id.
CREATE UNIQUE INDEX messages_provider_in ON messages (tenant_id, provider, provider_message_id) WHERE direction = 'in' AND provider_message_id IS NOT NULL;
CREATE INDEX messages_provider_id ON messages (tenant_id, provider_message_id) WHERE provider_message_id IS NOT NULL;
-- Threading an inbound text: the lead we last wrote to at that number.
CREATE INDEX messages_text_to ON messages (tenant_id, to_address, id) WHERE direction = 'out' AND channel <> 'email';

ALTER TABLE outbox ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'whatsapp'));

ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check CHECK (reason IN ('unsubscribe', 'bounce', 'complaint', 'manual', 'opt_out'));

ALTER TABLE tenant_settings
  ADD COLUMN sms_provider text NOT NULL DEFAULT 'default' CONSTRAINT tenant_settings_sms_provider CHECK (sms_provider IN ('default', 'off', 'outbox', 'twilio')),
  ADD COLUMN whatsapp_provider text NOT NULL DEFAULT 'default' CONSTRAINT tenant_settings_whatsapp_provider CHECK (whatsapp_provider IN ('default', 'off', 'outbox', 'twilio')),
  ADD COLUMN twilio_messaging_service_sid text CONSTRAINT tenant_settings_twilio_service CHECK (twilio_messaging_service_sid ~ '^MG[0-9a-fA-F]{32}$'),
  ADD COLUMN sms_from text CONSTRAINT tenant_settings_sms_from CHECK (sms_from ~ '^\\+[1-9][0-9]{6,14}$'),
  ADD COLUMN whatsapp_from text CONSTRAINT tenant_settings_whatsapp_from CHECK (whatsapp_from ~ '^\\+[1-9][0-9]{6,14}$'),
  ADD COLUMN whatsapp_template_sid text CONSTRAINT tenant_settings_whatsapp_template CHECK (whatsapp_template_sid ~ '^HX[0-9a-fA-F]{32}$'),
  ADD COLUMN whatsapp_template_variables jsonb NOT NULL DEFAULT '[]';
`);
  }
}
