// What a page's examined businesses become, decided in one transaction: duplicates checked again
// against the tenant's leads, then each business taken claims its keys. A key already claimed (a
// run that committed first, or an earlier business of this page) makes it a duplicate: the
// database decides, however many workers run. Taken businesses become leads through the one lead
// creation path (the autopilot hears of them), or wait for review when the tenant asks for that.
import type { Actor } from '../context.ts';
import { insertLeads } from '../leads/lead-creation.ts';
import { candidateOf, type Examined } from './page-screening.ts';
import { duplicateWords } from './duplicate-keys.ts';
import { findDuplicates, heldReason } from './duplicates.ts';
import type { LeadSearchTx, NewItem } from './lead-search.ports.ts';
import { FoundOutcome, type DuplicateBy, type RunCounts, type RunState } from './lead-search.types.ts';

export interface Taken {
  counts: RunCounts;
  /** Businesses taken (leads created or held for review). */
  taken: number;
}

interface Decision {
  examined: Examined;
  id: string;
  outcome: FoundOutcome;
  reasons: string[];
  leadId: string | null;
  duplicateOf: string | null;
  duplicateBy: DuplicateBy | null;
  /** An earlier business of the same page it shares a key with. */
  sameAs?: Decision;
}

/**
 * The page's acceptable businesses without repeats: one listed twice (a node and a way of one
 * clinic, two listings sharing a phone) is a duplicate of its first listing, said so.
 */
function onceEach(acceptable: Decision[]): Decision[] {
  const seen = new Map<string, Decision>();
  return acceptable.filter((d) => {
    const clash = d.examined.keys.find((k) => seen.has(k.key));
    if (clash) {
      const first = seen.get(clash.key)!;
      Object.assign(d, { outcome: FoundOutcome.DUPLICATE, duplicateBy: clash.by, sameAs: first, reasons: [`Listed twice: ${duplicateWords(clash.by, clash.key.replace(/^[a-z]+:/, ''))} as ${first.examined.business.name}, found just before it.`] });
      return false;
    }
    for (const k of d.examined.keys) seen.set(k.key, d);
    return true;
  });
}

/** The words a lead's timeline says about where it came from. */
export const foundByWords = (searchName: string, fitSentence: string | null) => `Found by the search "${searchName}".${fitSentence ? ` ${fitSentence}` : ''}`;

export async function takePage(tx: LeadSearchTx, context: { tenantId: string; run: RunState; allowance: number; requireApproval: boolean; actor: Actor; defaultCountry: string }, examined: readonly Examined[]): Promise<Taken> {
  const { run } = context;
  const ids = await tx.searches.newItemIds(examined.length);
  // Leads made since the page was examined (by hand, an import) are seen now.
  const accepted = examined.map((e, i) => ({ e, i })).filter(({ e }) => e.verdict === 'accepted');
  const late = await findDuplicates(tx.searches, accepted.map(({ e, i }) => candidateOf(e.business, i, context.defaultCountry)));
  const decisions: Decision[] = examined.map((e, i) => {
    const duplicate = e.duplicate ?? late.get(i) ?? null;
    if (duplicate) return { examined: e, id: ids[i]!, outcome: FoundOutcome.DUPLICATE, reasons: [duplicate.reason], leadId: null, duplicateOf: duplicate.leadId, duplicateBy: duplicate.by };
    return { examined: e, id: ids[i]!, outcome: e.verdict === 'accepted' ? FoundOutcome.CREATED : FoundOutcome.REJECTED, reasons: e.reasons, leadId: null, duplicateOf: null, duplicateBy: null };
  });
  const acceptable = onceEach(decisions.filter((d) => d.outcome === FoundOutcome.CREATED));
  let taking = acceptable.slice(0, Math.max(0, context.allowance));
  // From the first business past the allowance on, nothing is recorded (a later run finds them again).
  const cut = acceptable[taking.length];
  const recorded = cut ? decisions.slice(0, decisions.indexOf(cut)) : decisions;

  const claimed = await tx.searches.claim(taking.flatMap((d) => d.examined.keys.map((k) => ({ key: k.key, itemId: d.id }))));
  // Lost: a key of it was claimed before, or by another business of this claim (never left unnoticed).
  const lost = taking.filter((d) => d.examined.keys.some((k) => claimed.get(k.key) !== d.id));
  if (lost.length) {
    await tx.searches.releaseClaims(lost.map((d) => d.id));
    const holders = new Map((await tx.searches.claimHolders(lost.flatMap((d) => d.examined.keys.map((k) => k.key)))).map((h) => [h.key, h]));
    for (const d of lost) {
      const shared = d.examined.keys.find((k) => holders.has(k.key) && holders.get(k.key)!.itemId !== d.id);
      const holder = shared ? holders.get(shared.key)! : null;
      Object.assign(d, { outcome: FoundOutcome.DUPLICATE, duplicateOf: holder?.leadId ?? null, duplicateBy: shared?.by ?? null, reasons: [holder && shared ? heldReason(holder, shared.by, shared.key.replace(/^[a-z]+:/, '')) : 'Found at the same moment by another run.'] });
    }
    taking = taking.filter((d) => !lost.includes(d));
  }

  if (context.requireApproval) {
    for (const d of taking) Object.assign(d, { outcome: FoundOutcome.PENDING_REVIEW, reasons: [...d.reasons, 'Waiting for a person to approve it: this workspace reviews found businesses before they become leads.'] });
  } else if (taking.length) {
    const outcomes = await insertLeads(tx.leads, tx.jobs, context.tenantId, taking.map((d) => ({
      lead: d.examined.lead!,
      actor: context.actor,
      reason: foundByWords(run.searchName, d.examined.fitSentence),
      data: { via: 'lead_search', searchId: run.searchId, searchName: run.searchName, runId: run.id, foundBusinessId: d.id },
    })));
    const emailTaken: string[] = [];
    taking.forEach((d, i) => {
      const outcome = outcomes[i]!;
      if ('lead' in outcome) Object.assign(d, { leadId: outcome.lead.id, reasons: [...d.reasons, 'Created as a lead.'] });
      else {
        emailTaken.push(d.id);
        Object.assign(d, { outcome: FoundOutcome.DUPLICATE, duplicateOf: outcome.duplicateOf, duplicateBy: 'email', reasons: [`Already a lead: another lead has the same email (${d.examined.lead!.email}).`] });
      }
    });
    if (emailTaken.length) await tx.searches.releaseClaims(emailTaken);
  }
  // A business listed twice on the page duplicates the lead its first listing became.
  for (const d of decisions) if (d.sameAs) d.duplicateOf = d.sameAs.leadId ?? d.sameAs.duplicateOf;

  await tx.searches.insertItems(recorded.map((d) => itemOf(d, run)));
  const count = (outcome: FoundOutcome) => recorded.filter((d) => d.outcome === outcome).length;
  const counts = { found: recorded.length, created: count(FoundOutcome.CREATED), duplicates: count(FoundOutcome.DUPLICATE), rejected: count(FoundOutcome.REJECTED), held: count(FoundOutcome.PENDING_REVIEW) };
  return { counts, taken: counts.created + counts.held };
}

function itemOf(d: Decision, run: RunState): NewItem {
  const { business, fit, fitSentence, enrichment } = d.examined;
  return { ...business, id: d.id, runId: run.id, searchId: run.searchId, searchName: run.searchName, outcome: d.outcome, reasons: d.reasons, duplicateOf: d.duplicateOf, duplicateBy: d.duplicateBy, fit, fitSentence, enrichment, leadId: d.leadId };
}

