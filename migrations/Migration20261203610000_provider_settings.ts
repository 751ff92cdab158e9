import { Migration } from '@mikro-orm/migrations';

/**
 * A tenant's provider settings are closed sets, now refused by the API when they are not: a value
 * stored before that can never work (any other text) goes back to "default" (what the server is
 * configured with), and so does an AI model name no provider has (over 100 characters). The
 * database refuses such values from now on too.
 */
export class Migration20261203610000_provider_settings extends Migration {
  override up(): void {
    this.addSql(`
UPDATE tenant_settings SET ai_provider = 'default' WHERE ai_provider NOT IN ('default', 'offline', 'openai', 'gemini');
UPDATE tenant_settings SET channel_provider = 'default' WHERE channel_provider NOT IN ('default', 'outbox', 'sendgrid');
UPDATE tenant_settings SET payments_provider = 'default' WHERE payments_provider NOT IN ('default', 'offline', 'stripe');
UPDATE tenant_settings SET ai_model = NULL WHERE length(ai_model) > 100 OR ai_model = '';
ALTER TABLE tenant_settings
  ADD CONSTRAINT tenant_settings_ai_provider CHECK (ai_provider IN ('default', 'offline', 'openai', 'gemini')),
  ADD CONSTRAINT tenant_settings_channel_provider CHECK (channel_provider IN ('default', 'outbox', 'sendgrid')),
  ADD CONSTRAINT tenant_settings_payments_provider CHECK (payments_provider IN ('default', 'offline', 'stripe')),
  ADD CONSTRAINT tenant_settings_ai_model CHECK (length(ai_model) BETWEEN 1 AND 100);
`);
  }
}
