import type { Actor } from '../../core/context.ts';
import type { IdealCustomer } from '../../core/leadgen/fit.ts';
import type { SearchArea } from '../../core/leadgen/lead-source.ts';
import type { EnrichmentRecord, FoundItem, LeadSearch, RunState, SearchPlan, SearchRun } from '../../core/leadgen/lead-search.types.ts';
import { toDate, toDateOrNull } from './values.ts';

type Timestamp = Date | string;

export interface SearchRow {
  id: string; tenant_id: string; name: string; category: string; place_name: string | null; country: string | null;
  latitude: number | null; longitude: number | null; radius_meters: number | null; source: string; max_new_per_run: number; max_new_per_day: number;
  schedule: string; time_zone: string; min_fit: number; ideal_customer: IdealCustomer | null; enabled: boolean;
  created_by_type: string; created_by_id: string | null; created_by_name: string; created_at: Timestamp; updated_at: Timestamp;
}

/** A run's columns, as selected and as the live notice carries them (without plan and page token). */
export interface RunRow {
  id: string; tenant_id: string; search_id: string; search_name: string; run_key: string; trigger: string; status: string; reason: string | null;
  pages_done: number; found: number; created: number; duplicates: number; rejected: number; held: number;
  started_by_type: string; started_by_id: string | null; started_by_name: string; created_at: Timestamp; started_at: Timestamp | null; ended_at: Timestamp | null;
}

export interface RunStateRow extends RunRow {
  plan: StoredPlan;
  page_token: string | null;
}

export interface ItemRow {
  id: string; tenant_id: string; run_id: string; search_id: string; search_name: string; source: string; external_id: string; name: string;
  category: string | null; address: string | null; city: string | null; country: string | null; latitude: number | null; longitude: number | null;
  phone: string | null; website: string | null; email: string | null; opening_hours: string | null; rating: number | null; rating_count: number | null;
  outcome: string; reasons: string[]; duplicate_of: string | null; duplicate_by: string | null; fit: number | null; fit_sentence: string | null;
  enrichment: Partial<EnrichmentRecord>; lead_id: string | null; reviewed_by_type: string | null; reviewed_by_id: string | null; reviewed_by_name: string | null;
  reviewed_at: Timestamp | null; created_at: Timestamp;
}

/** A plan as stored in a run's jsonb (the area as it is in SearchArea). */
export type StoredPlan = SearchPlan;

export const actorOf = (type: string, id: string | null, name: string): Actor => ({ type, id, name }) as Actor;

export function areaOf(row: Pick<SearchRow, 'place_name' | 'country' | 'latitude' | 'longitude' | 'radius_meters'>): SearchArea {
  return row.place_name !== null
    ? { kind: 'place', name: row.place_name, country: row.country }
    : { kind: 'circle', lat: Number(row.latitude), lon: Number(row.longitude), radiusMeters: Number(row.radius_meters) };
}

export function toSearch(row: SearchRow): LeadSearch {
  return {
    id: row.id, tenantId: row.tenant_id, name: row.name, category: row.category, area: areaOf(row), source: row.source as LeadSearch['source'],
    maxNewPerRun: row.max_new_per_run, maxNewPerDay: row.max_new_per_day, schedule: row.schedule as LeadSearch['schedule'], timeZone: row.time_zone,
    minFit: row.min_fit, idealCustomer: row.ideal_customer, enabled: row.enabled, createdBy: actorOf(row.created_by_type, row.created_by_id, row.created_by_name),
    createdAt: toDate(row.created_at), updatedAt: toDate(row.updated_at),
  };
}

export function toRun(row: RunRow): SearchRun {
  return {
    id: row.id, tenantId: row.tenant_id, searchId: row.search_id, searchName: row.search_name, runKey: row.run_key, trigger: row.trigger as SearchRun['trigger'],
    status: row.status as SearchRun['status'], reason: row.reason, pagesDone: row.pages_done, found: row.found, created: row.created, duplicates: row.duplicates,
    rejected: row.rejected, held: row.held, startedBy: actorOf(row.started_by_type, row.started_by_id, row.started_by_name),
    createdAt: toDate(row.created_at), startedAt: toDateOrNull(row.started_at), endedAt: toDateOrNull(row.ended_at),
  };
}

export function toRunState(row: RunStateRow): RunState {
  return { ...toRun(row), plan: row.plan, pageToken: row.page_token };
}

export function toItem(row: ItemRow): FoundItem {
  const e = row.enrichment ?? {};
  return {
    id: row.id, tenantId: row.tenant_id, runId: row.run_id, searchId: row.search_id, searchName: row.search_name, source: row.source, externalId: row.external_id,
    name: row.name, category: row.category, address: row.address, city: row.city, country: row.country, lat: row.latitude, lon: row.longitude, phone: row.phone,
    website: row.website, email: row.email, openingHours: row.opening_hours, rating: row.rating, ratingCount: row.rating_count,
    outcome: row.outcome as FoundItem['outcome'], reasons: row.reasons, duplicateOf: row.duplicate_of, duplicateBy: row.duplicate_by as FoundItem['duplicateBy'],
    fit: row.fit, fitSentence: row.fit_sentence, enrichment: { emails: e.emails ?? [], phones: e.phones ?? [], pagesRead: e.pagesRead ?? [], notes: e.notes ?? [] },
    leadId: row.lead_id, reviewedBy: row.reviewed_by_type ? actorOf(row.reviewed_by_type, row.reviewed_by_id, row.reviewed_by_name ?? row.reviewed_by_type) : null,
    reviewedAt: toDateOrNull(row.reviewed_at), createdAt: toDate(row.created_at),
  };
}
