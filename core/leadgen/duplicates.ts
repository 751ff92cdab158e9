// Whether found businesses are already known: as leads of the tenant (by email, website, phone,
// or name in the same city) or as businesses a search took before (their claimed keys). Two
// queries for a whole page, whatever its size.
import { claimKeys, duplicateWords, type ClaimKey } from './duplicate-keys.ts';
import type { ClaimHolder, LeadSearchStore, MatchCandidate } from './lead-search.ports.ts';
import { DuplicateBy, FoundOutcome } from './lead-search.types.ts';
import { siteKey } from './site-address.ts';

export interface Duplicate {
  /** The lead it is the same as; null when that is a business held for review, rejected by a user, or a lead since deleted. */
  leadId: string | null;
  by: DuplicateBy;
  reason: string;
}

export type Candidate = MatchCandidate & { source: string; externalId: string };

const valueOf = (candidate: Candidate, by: DuplicateBy): string => {
  switch (by) {
    case DuplicateBy.SAME_PLACE:
      return `${candidate.source} ${candidate.externalId}`;
    case DuplicateBy.WEBSITE:
      return siteKey(candidate.website) ?? candidate.website ?? '';
    case DuplicateBy.PHONE:
      return candidate.phone ?? '';
    case DuplicateBy.EMAIL:
      return candidate.email ?? '';
    case DuplicateBy.NAME_AND_PLACE:
      return `${candidate.name}, ${candidate.city ?? ''}`;
  }
};

export const keysOf = (candidate: Candidate): ClaimKey[] => claimKeys(candidate);

/** Words for a business that a search took before (the holder of a key it shares). */
export function heldReason(holder: ClaimHolder, by: DuplicateBy, value: string): string {
  const same = duplicateWords(by, value);
  const found = `found by the search "${holder.searchName}" as ${holder.name}`;
  if (holder.outcome === FoundOutcome.PENDING_REVIEW) return `Already waiting for review: ${same}, ${found}.`;
  if (holder.outcome === FoundOutcome.REJECTED_BY_USER) return `Rejected before by a person: ${same}, ${found}.`;
  if (!holder.leadId) return `Already found before: ${same}, ${found}; its lead has since been deleted.`;
  return `Already a lead: ${same}, ${found}.`;
}

/**
 * The first reason each candidate is a duplicate, by index: the same listing found before wins,
 * then a lead of the tenant (email, website, phone, name and city), then another business taken
 * by a search (a key it claimed).
 */
export async function findDuplicates(store: LeadSearchStore, candidates: readonly Candidate[]): Promise<Map<number, Duplicate>> {
  if (!candidates.length) return new Map();
  const keyed = candidates.map((candidate) => ({ candidate, keys: keysOf(candidate) }));
  const [matches, holders] = await Promise.all([store.matchLeads(candidates), store.claimHolders([...new Set(keyed.flatMap((k) => k.keys.map((key) => key.key)))])]);
  const holderOf = new Map(holders.map((holder) => [holder.key, holder]));
  const leadOf = new Map<number, (typeof matches)[number]>();
  for (const match of matches) if (!leadOf.has(match.index)) leadOf.set(match.index, match);
  const found = new Map<number, Duplicate>();
  for (const { candidate, keys } of keyed) {
    const samePlace = holderOf.get(keys[0]!.key);
    const lead = leadOf.get(candidate.index);
    if (samePlace) {
      found.set(candidate.index, { leadId: samePlace.leadId, by: DuplicateBy.SAME_PLACE, reason: heldReason(samePlace, DuplicateBy.SAME_PLACE, valueOf(candidate, DuplicateBy.SAME_PLACE)) });
    } else if (lead) {
      found.set(candidate.index, { leadId: lead.leadId, by: lead.by, reason: `Already a lead: ${lead.businessName} has ${duplicateWords(lead.by, valueOf(candidate, lead.by))}.` });
    } else {
      const shared = keys.find((key) => holderOf.has(key.key));
      if (shared) found.set(candidate.index, { leadId: holderOf.get(shared.key)!.leadId, by: shared.by, reason: heldReason(holderOf.get(shared.key)!, shared.by, valueOf(candidate, shared.by)) });
    }
  }
  return found;
}
