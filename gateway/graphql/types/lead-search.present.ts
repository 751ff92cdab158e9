import { findCategory } from '../../../core/leadgen/categories.ts';
import type { SearchArea } from '../../../core/leadgen/lead-source.ts';
import type { SearchPreview } from '../../../core/leadgen/search-preview.ts';
import type { ReviewResult } from '../../../core/leadgen/found-review.ts';
import { FoundOutcome, type FoundItem, type LeadSearch, type SearchRun } from '../../../core/leadgen/lead-search.types.ts';
import { nextPeriodStart } from '../../../core/leadgen/schedule.ts';
import type { FoundBusinessReviewType, LeadSearchPreviewType } from './lead-search-preview.types.ts';
import type { FoundBusinessType, LeadSearchRunType, LeadSearchType, SearchAreaType } from './lead-search.types.ts';

// Domain objects as the API shows them (GraphQL types are not the domain's).

export function presentArea(area: SearchArea): SearchAreaType {
  return area.kind === 'place'
    ? { placeName: area.name, country: area.country, latitude: null, longitude: null, radiusMeters: null }
    : { placeName: null, country: null, latitude: area.lat, longitude: area.lon, radiusMeters: area.radiusMeters };
}

export function presentSearch(search: LeadSearch, now: Date): LeadSearchType {
  return {
    id: search.id, name: search.name, category: search.category, categoryLabel: findCategory(search.category)?.label ?? search.category, area: presentArea(search.area),
    source: search.source, maxNewLeadsPerRun: search.maxNewPerRun, maxNewLeadsPerDay: search.maxNewPerDay, schedule: search.schedule, timeZone: search.timeZone,
    minFit: search.minFit, idealCustomer: search.idealCustomer, enabled: search.enabled, createdBy: search.createdBy,
    nextRunAt: search.enabled ? nextPeriodStart(search.schedule, now, search.timeZone) : null, createdAt: search.createdAt, updatedAt: search.updatedAt,
  };
}

export function presentRun(run: SearchRun): LeadSearchRunType {
  return {
    id: run.id, searchId: run.searchId, searchName: run.searchName, trigger: run.trigger, period: run.runKey.startsWith('manual:') ? null : run.runKey, status: run.status,
    reason: run.reason, found: run.found, created: run.created, duplicates: run.duplicates, rejected: run.rejected, heldForReview: run.held, pagesRead: run.pagesDone,
    startedBy: run.startedBy, createdAt: run.createdAt, startedAt: run.startedAt, endedAt: run.endedAt,
  };
}

export function presentItem(item: FoundItem): FoundBusinessType {
  return { ...item, latitude: item.lat, longitude: item.lon, foundAt: item.createdAt };
}

export function presentPreview(preview: SearchPreview): LeadSearchPreviewType {
  return {
    name: preview.search.name,
    category: preview.search.category,
    area: presentArea(preview.search.area),
    more: preview.more,
    businesses: preview.businesses.map((p) => ({
      name: p.business.name, externalId: p.business.externalId, address: p.business.address, city: p.business.city, phone: p.business.phone, website: p.business.website,
      email: p.business.email, rating: p.business.rating, verdict: p.verdict, reachability: p.reachability, fit: p.fit, fitSentence: p.fitSentence, reasons: p.reasons,
      duplicateOf: p.duplicateOf, duplicateBy: p.duplicateBy,
    })),
  };
}

export function presentReview(results: ReviewResult[]): FoundBusinessReviewType {
  const decisions = results.map((r) => ({ foundBusinessId: r.id, outcome: r.outcome, leadId: r.leadId, message: r.message }));
  const approved = results.filter((r) => r.changed && r.outcome === FoundOutcome.APPROVED).length;
  const rejected = results.filter((r) => r.changed && r.outcome === FoundOutcome.REJECTED_BY_USER).length;
  return { approved, rejected, unchanged: results.length - approved - rejected, decisions };
}
