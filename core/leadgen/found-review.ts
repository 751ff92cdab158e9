// The review queue: businesses a search held because the tenant approves found businesses first.
// Approved ones become leads exactly as a run makes them (the one lead creation path, the same
// source, tags and timeline words, the autopilot told); rejected ones keep their claim, so no
// search proposes them again.
import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { validationError } from '../errors.ts';
import { insertLeads } from '../leads/lead-creation.ts';
import { duplicateWords } from './duplicate-keys.ts';
import { foundLead } from './found-lead.ts';
import type { ItemDecision, LeadSearchDeps } from './lead-search.ports.ts';
import { FoundOutcome, type FoundItem } from './lead-search.types.ts';
import { foundByWords } from './page-taking.ts';
import { candidateOf } from './page-screening.ts';

export const MAX_REVIEW = 200;
export type ReviewDecision = 'approve' | 'reject';

export interface ReviewResult {
  id: string;
  /** What the business is now; null when there is no such found business. */
  outcome: FoundOutcome | null;
  leadId: string | null;
  /** What happened, in words. */
  message: string;
  /** This review changed it (it was waiting for review). */
  changed: boolean;
}

export async function reviewFound(deps: LeadSearchDeps, ctx: TenantContext, ids: readonly string[], decision: ReviewDecision): Promise<ReviewResult[]> {
  assertCan(ctx, Permission.WRITE_LEADS);
  const unique = [...new Set(ids)];
  if (!unique.length || unique.length > MAX_REVIEW) throw validationError([{ field: 'ids', message: `must list 1 to ${MAX_REVIEW} found businesses` }]);
  return deps.uow.run(async (tx) => {
    const items = new Map((await tx.searches.findItems(unique, { forUpdate: true })).map((item) => [item.id, item]));
    const pending = [...items.values()].filter((item) => item.outcome === FoundOutcome.PENDING_REVIEW);
    const results = new Map<string, ReviewResult>();
    const decisions: ItemDecision[] = [];
    if (decision === 'reject') {
      for (const item of pending) {
        decisions.push({ id: item.id, outcome: FoundOutcome.REJECTED_BY_USER, reasons: [...item.reasons, `Rejected by ${ctx.actor.name}.`], leadId: null, duplicateOf: null, duplicateBy: null });
        results.set(item.id, { id: item.id, outcome: FoundOutcome.REJECTED_BY_USER, leadId: null, message: 'Rejected: no search will propose it again.', changed: true });
      }
    } else {
      const country = await tx.searches.tenantCountry();
      // A lead made by hand (or imported) since the business was held is seen now.
      const matches = await tx.searches.matchLeads(pending.map((item, index) => candidateOf(item, index, country)));
      const matched = new Map(matches.map((m) => [m.index, m]));
      const creatable: Array<{ item: FoundItem; lead: NonNullable<ReturnType<typeof foundLead>['lead']> }> = [];
      pending.forEach((item, index) => {
        const match = matched.get(index);
        const lead = foundLead(item, item.searchName, country).lead;
        if (match || !lead) {
          const message = match ? `Already a lead: ${match.businessName} has ${duplicateWords(match.by, '')}`.replace(/ \(\)$/, '.') : 'It can no longer be a lead: it has no way to be reached.';
          decisions.push({ id: item.id, outcome: match ? FoundOutcome.DUPLICATE : FoundOutcome.REJECTED, reasons: [...item.reasons, message], leadId: null, duplicateOf: match?.leadId ?? null, duplicateBy: match?.by ?? null });
          results.set(item.id, { id: item.id, outcome: match ? FoundOutcome.DUPLICATE : FoundOutcome.REJECTED, leadId: match?.leadId ?? null, message, changed: true });
        } else creatable.push({ item, lead });
      });
      const outcomes = await insertLeads(tx.leads, tx.jobs, deps.tenantId, creatable.map(({ item, lead }) => ({
        lead,
        actor: ctx.actor,
        reason: `${foundByWords(item.searchName, item.fitSentence)} Approved by ${ctx.actor.name}.`,
        data: { via: 'lead_search', searchId: item.searchId, searchName: item.searchName, runId: item.runId, foundBusinessId: item.id },
      })));
      const released: string[] = [];
      creatable.forEach(({ item, lead }, i) => {
        const outcome = outcomes[i]!;
        if ('lead' in outcome) {
          decisions.push({ id: item.id, outcome: FoundOutcome.APPROVED, reasons: [...item.reasons, `Approved by ${ctx.actor.name}: created as a lead.`], leadId: outcome.lead.id, duplicateOf: null, duplicateBy: null });
          results.set(item.id, { id: item.id, outcome: FoundOutcome.APPROVED, leadId: outcome.lead.id, message: 'Approved: created as a lead.', changed: true });
        } else {
          const message = `Already a lead: another lead has the same email (${lead.email}).`;
          released.push(item.id);
          decisions.push({ id: item.id, outcome: FoundOutcome.DUPLICATE, reasons: [...item.reasons, message], leadId: null, duplicateOf: outcome.duplicateOf, duplicateBy: 'email' });
          results.set(item.id, { id: item.id, outcome: FoundOutcome.DUPLICATE, leadId: outcome.duplicateOf, message, changed: true });
        }
      });
      if (released.length) await tx.searches.releaseClaims(released);
    }
    await tx.searches.decideItems(decisions, ctx.actor);
    return unique.map((id) => {
      const item = items.get(id);
      if (!item) return { id, outcome: null, leadId: null, message: 'No such found business in this workspace.', changed: false };
      return results.get(id) ?? { id, outcome: item.outcome, leadId: item.leadId, message: `Not waiting for review: it is already ${item.outcome.replace(/_/g, ' ')}.`, changed: false };
    });
  });
}
