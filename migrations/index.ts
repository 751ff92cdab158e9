import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_foundation } from './Migration20261124000000_foundation.ts';
import { Migration20261124010000_autopilot } from './Migration20261124010000_autopilot.ts';
import { Migration20261124020000_import_actor } from './Migration20261124020000_import_actor.ts';
import { Migration20261124030000_send_counters } from './Migration20261124030000_send_counters.ts';
import { Migration20261124040000_live_rows } from './Migration20261124040000_live_rows.ts';
import { Migration20261124050000_login_attempts } from './Migration20261124050000_login_attempts.ts';
import { Migration20261203100000_import_formats } from './Migration20261203100000_import_formats.ts';
import { Migration20261203200000_accounts } from './Migration20261203200000_accounts.ts';
import { Migration20261203400000_reopen_lost_leads } from './Migration20261203400000_reopen_lost_leads.ts';
import { Migration20261203410000_no_placeholder_pitch } from './Migration20261203410000_no_placeholder_pitch.ts';
import { Migration20261203500000_secrets_and_usage } from './Migration20261203500000_secrets_and_usage.ts';
import { Migration20261203510000_lead_deletions } from './Migration20261203510000_lead_deletions.ts';
import { Migration20261203520000_idempotency_keys } from './Migration20261203520000_idempotency_keys.ts';
import { Migration20261203600000_payment_event_reasons } from './Migration20261203600000_payment_event_reasons.ts';
import { Migration20261203610000_provider_settings } from './Migration20261203610000_provider_settings.ts';
import { Migration20261203700000_keyset_indexes } from './Migration20261203700000_keyset_indexes.ts';
import { Migration20261203730000_lead_searches } from './Migration20261203730000_lead_searches.ts';
import { Migration20261203740000_lead_search_lookups } from './Migration20261203740000_lead_search_lookups.ts';
import { Migration20261203760000_pipelines } from './Migration20261203760000_pipelines.ts';
import { Migration20261203800000_text_channels } from './Migration20261203800000_text_channels.ts';

/** Every migration, oldest first. Listed explicitly so that no file discovery is needed at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124000000_foundation', class: Migration20261124000000_foundation },
  { name: 'Migration20261124010000_autopilot', class: Migration20261124010000_autopilot },
  { name: 'Migration20261124020000_import_actor', class: Migration20261124020000_import_actor },
  { name: 'Migration20261124030000_send_counters', class: Migration20261124030000_send_counters },
  { name: 'Migration20261124040000_live_rows', class: Migration20261124040000_live_rows },
  { name: 'Migration20261124050000_login_attempts', class: Migration20261124050000_login_attempts },
  { name: 'Migration20261203100000_import_formats', class: Migration20261203100000_import_formats },
  { name: 'Migration20261203200000_accounts', class: Migration20261203200000_accounts },
  { name: 'Migration20261203400000_reopen_lost_leads', class: Migration20261203400000_reopen_lost_leads },
  { name: 'Migration20261203410000_no_placeholder_pitch', class: Migration20261203410000_no_placeholder_pitch },
  { name: 'Migration20261203500000_secrets_and_usage', class: Migration20261203500000_secrets_and_usage },
  { name: 'Migration20261203510000_lead_deletions', class: Migration20261203510000_lead_deletions },
  { name: 'Migration20261203520000_idempotency_keys', class: Migration20261203520000_idempotency_keys },
  { name: 'Migration20261203600000_payment_event_reasons', class: Migration20261203600000_payment_event_reasons },
  { name: 'Migration20261203610000_provider_settings', class: Migration20261203610000_provider_settings },
  { name: 'Migration20261203700000_keyset_indexes', class: Migration20261203700000_keyset_indexes },
  { name: 'Migration20261203730000_lead_searches', class: Migration20261203730000_lead_searches },
  { name: 'Migration20261203740000_lead_search_lookups', class: Migration20261203740000_lead_search_lookups },
  { name: 'Migration20261203760000_pipelines', class: Migration20261203760000_pipelines },
  { name: 'Migration20261203800000_text_channels', class: Migration20261203800000_text_channels },
];
