// What a search would bring, before it is saved or run: the first businesses the source has, each
// with its fit, whether it duplicates a lead, and how it could be reached. Writes nothing, reads
// no business's site (a run does that), checks no DNS: quick, and it costs one source request.
import { Permission, assertCan } from '../access.ts';
import type { TenantContext } from '../context.ts';
import { DomainError, ErrorCode, validationError } from '../errors.ts';
import { CATEGORIES } from './categories.ts';
import { findDuplicates } from './duplicates.ts';
import { usableEmail } from './email-choice.ts';
import { describeFit, idealCustomerFit } from './fit.ts';
import type { FoundBusiness } from './found-business.ts';
import { readNewSearch, type LeadSearchInput, type SearchValues } from './lead-search-input.ts';
import type { LeadSearchDeps } from './lead-search.ports.ts';
import { NO_IDEAL, type DuplicateBy } from './lead-search.types.ts';
import { SourceUnavailableError, UnknownAreaError } from './lead-source.ts';
import { candidateOf } from './page-screening.ts';
import { screen } from './screening.ts';

export const PREVIEW_MAX = 20;
export type Reachability = 'email' | 'phone' | 'website_to_read' | 'none';
export type PreviewVerdict = 'new' | 'duplicate' | 'rejected';

export interface PreviewedBusiness {
  business: FoundBusiness;
  verdict: PreviewVerdict;
  reachability: Reachability;
  fit: number | null;
  fitSentence: string | null;
  reasons: string[];
  duplicateOf: string | null;
  duplicateBy: DuplicateBy | null;
}

export interface SearchPreview {
  search: SearchValues;
  businesses: PreviewedBusiness[];
  /** The source has more than these. */
  more: boolean;
}

export async function previewSearch(deps: LeadSearchDeps, ctx: TenantContext, input: LeadSearchInput, count: number | null | undefined): Promise<SearchPreview> {
  assertCan(ctx, Permission.WRITE_LEADS);
  const size = count ?? 10;
  const read = readNewSearch(input);
  const errors = read.ok ? [] : [...read.errors];
  if (!Number.isInteger(size) || size < 1 || size > PREVIEW_MAX) errors.push({ field: 'size', message: `must be between 1 and ${PREVIEW_MAX}` });
  if (!read.ok || errors.length) throw validationError(errors);
  const search = read.value;
  const problem = await deps.sources.problem(deps.tenantId, search.source);
  if (problem) throw validationError([{ field: 'source', message: problem }]);
  const category = CATEGORIES.find((c) => c.id === search.category)!;
  let page;
  try {
    page = await (await deps.sources.source(deps.tenantId, search.source)).find({ category, area: search.area, limit: size, page: null });
  } catch (error) {
    if (error instanceof UnknownAreaError) throw validationError([{ field: 'area.placeName', message: `names no place the source knows ("${error.area}"): check its spelling, or give a circle` }]);
    if (error instanceof SourceUnavailableError) throw new DomainError(ErrorCode.UNAVAILABLE, `The source (${error.sourceId}) cannot answer now: ${error.message.replace(/^[a-z_]+: /, '')}`, { reason: 'PROVIDER', provider: error.sourceId });
    throw error;
  }
  const businesses = page.businesses.slice(0, size);
  const { settings, country, duplicates } = await deps.uow.run(async (tx) => {
    const country = await tx.searches.tenantCountry();
    return { settings: await tx.searches.settings(), country, duplicates: await findDuplicates(tx.searches, businesses.map((b, i) => candidateOf(b, i, country))) };
  });
  const context = { searchName: search.name, defaultCountry: country, ideal: search.idealCustomer ?? settings.idealCustomer ?? NO_IDEAL, minFit: search.minFit };
  return {
    search,
    more: page.next !== null || page.businesses.length > size,
    businesses: businesses.map((business, i): PreviewedBusiness => {
      const duplicate = duplicates.get(i);
      const listed = business.email && usableEmail(business.email).ok ? business.email : null;
      const asFound = { ...business, email: listed };
      if (duplicate) return { business, verdict: 'duplicate', reachability: reachabilityOf(asFound), fit: null, fitSentence: null, reasons: [duplicate.reason], duplicateOf: duplicate.leadId, duplicateBy: duplicate.by };
      if (!listed && business.website) {
        // Its site is read when the search runs; until then, only the fit can be told.
        const fit = idealCustomerFit(asFound, context.ideal);
        const fits = fit.score >= context.minFit;
        const sentence = describeFit(fit, business.name);
        return { business, verdict: fits ? 'new' : 'rejected', reachability: 'website_to_read', fit: fit.score, fitSentence: sentence, reasons: [fits ? 'Its website will be read for an email when the search runs.' : `Fits ${fit.score}/100, below this search's minimum of ${context.minFit}.`, sentence], duplicateOf: null, duplicateBy: null };
      }
      const screened = screen(asFound, context, listed ? 'its listing' : null);
      return { business, verdict: screened.accepted ? 'new' : 'rejected', reachability: reachabilityOf(screened.business), fit: screened.fit, fitSentence: screened.fitSentence, reasons: [...screened.reasons, ...screened.notes], duplicateOf: null, duplicateBy: null };
    }),
  };
}

function reachabilityOf(business: FoundBusiness): Reachability {
  return business.email ? 'email' : business.phone ? 'phone' : business.website ? 'website_to_read' : 'none';
}
