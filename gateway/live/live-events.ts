import { Permission, assertCan } from '../../core/access.ts';
import type { TenantContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { Lead, TimelineEntry } from '../../core/leads/lead.types.ts';
import type { Deal } from '../../core/pipelines/pipeline.types.ts';
import type { LeadRow, TimelineRow } from '../../adapters/db/lead-rows.ts';
import type { RunRow } from '../../adapters/db/lead-search-rows.ts';
import type { SearchRun } from '../../core/leadgen/lead-search.types.ts';

/**
 * What the database announces on the crm_events channel (notify_lead_changes in the autopilot
 * migration): one notice per row for statements of up to 50 rows, one `_bulk` notice per tenant
 * (with the count only) for bigger ones.
 */
export type CrmNotice = LeadNotice | EntryNotice | DeletedNotice | BulkNotice | RunNotice | DealNotice;
/** `row` is the changed row as the repositories read it, when it fitted in the notice. */
export type LeadNotice = { kind: 'lead'; tenantId: string; id: string; status: string; version: number; row?: LeadRow };
export type EntryNotice = { kind: 'event'; tenantId: string; id: string; leadId: string; row?: TimelineRow };
export type BulkNotice = { kind: 'lead_bulk' | 'event_bulk' | 'deal_bulk'; tenantId: string; count: number };
/** A lead search run that changed, with its row (always small enough to travel with the notice). */
export type RunNotice = { kind: 'search_run'; tenantId: string; id: string; row: RunRow };
/** A deal opened or changed (notify_deal_changes in the pipelines migration). */
export type DealNotice = { kind: 'deal'; tenantId: string; id: string; version: number };
/** A lead that was deleted (nothing left to read). */
export type DeletedNotice = { kind: 'lead_deleted'; tenantId: string; id: string };

/** The feeds a subscriber can follow: lead rows, timeline entries, lead search runs, or deals. */
export type LiveTopic = 'lead' | 'event' | 'search_run' | 'deal';

/** Where a read for a tenant runs: its row-level-security scope. */
export interface LiveScope {
  tenantId: string;
  agencyId: string | null;
}

/**
 * A notice with the row it names, read once per gateway under the tenant's row-level security and
 * shared by every subscriber of that tenant. `null` when the row is gone (deleted since).
 */
export type LeadChange = LeadNotice & { lead: Lead | null; failed: boolean };
export type EntryAdded = EntryNotice & { entry: TimelineEntry | null; failed: boolean };
export type SearchRunChange = RunNotice & { run: SearchRun };
export type DealChange = DealNotice & { deal: Deal | null; failed: boolean };
/** Bulk notices pass through as they are: leadChanged and activityAdded skip them (clients refetch). */
export type LiveEvent = LeadChange | EntryAdded | DeletedNotice | BulkNotice | SearchRunChange | DealChange;

export const topicOf = (notice: CrmNotice): LiveTopic =>
  notice.kind === 'search_run'
    ? 'search_run'
    : notice.kind === 'deal' || notice.kind === 'deal_bulk'
      ? 'deal'
      : notice.kind === 'lead' || notice.kind === 'lead_bulk' || notice.kind === 'lead_deleted'
        ? 'lead'
        : 'event';

/** The notice on the channel, or null for anything that is not one (the channel is ours, but still). */
export function parseNotice(payload: string | undefined): CrmNotice | null {
  if (!payload) return null;
  try {
    const notice = JSON.parse(payload) as Partial<CrmNotice> | null;
    if (typeof notice?.tenantId !== 'string') return null;
    const kind = notice.kind;
    if ((kind === 'lead' || kind === 'event' || kind === 'lead_deleted' || kind === 'deal') && typeof (notice as LeadNotice).id === 'string') return notice as CrmNotice;
    if (kind === 'search_run' && typeof (notice as RunNotice).id === 'string' && (notice as RunNotice).row?.tenant_id === notice.tenantId) return notice as CrmNotice;
    return kind === 'lead_bulk' || kind === 'event_bulk' || kind === 'deal_bulk' ? (notice as CrmNotice) : null;
  } catch {
    return null;
  }
}

/**
 * A subscriber's access to a loaded row, checked in memory: the role may read, the row is of the
 * subscriber's own tenant and still there. Missing and foreign look alike (not found).
 */
export function readableBy<T>(ctx: TenantContext, event: { tenantId: string; id: string; failed: boolean }, row: T | null, what: string): T {
  assertCan(ctx, Permission.READ);
  if (event.failed) throw new Error(`The ${what.toLowerCase()} ${event.id} changed but could not be read; refetch it.`);
  if (event.tenantId !== ctx.tenantId || !row) throw notFound(what, event.id);
  return row;
}
