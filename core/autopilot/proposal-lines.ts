import type { FieldError } from '../errors.ts';
import { parseMinorUnits, readAmount } from '../money/money-input.ts';
import { MAX_MINOR_UNITS, lineTotal, sumAmounts } from '../money/money.ts';
import type { ProposalLineItem } from './autopilot.types.ts';

/** A proposal line as a caller writes it: the unit amount is minor units as text, checked here. */
export interface ProposalLineInput {
  serviceId?: string | null;
  description: string;
  quantity: number;
  unitAmount: string;
}

/** Changes to a draft proposal; the total is never given, it follows the lines. */
export interface ProposalPatch {
  title?: string | null;
  summary?: string | null;
  lineItems?: ProposalLineInput[] | null;
  expectedResults?: string[] | null;
  validUntil?: string | null;
}

/** The total of a proposal's lines, exactly. */
export function proposalTotal(lines: readonly ProposalLineItem[]): bigint {
  return sumAmounts(lines.map((line) => lineTotal(line.unitAmount, line.quantity)));
}

const TOO_LARGE = `add up to more than ${MAX_MINOR_UNITS} minor units, the largest total stored: split the proposal`;
const NOTHING = 'must add up to more than 0: a proposal asks for a payment';

/** What a proposal may hold (documented in the schema). */
export const PROPOSAL_LIMITS = { lines: 100, description: 500, quantity: 1_000_000, expectedResults: 20, expectedResult: 300, validForDays: 730 } as const;

/** Lines checked field by field (`lineItems.<i>.<field>`), and their total against what one proposal can hold (more than 0, at most the largest amount). */
export function readLineItems(lines: readonly ProposalLineInput[], errors: FieldError[]): ProposalLineItem[] {
  const before = errors.length;
  const max = PROPOSAL_LIMITS;
  if (!lines.length) errors.push({ field: 'lineItems', message: 'need at least one line' });
  if (lines.length > max.lines) errors.push({ field: 'lineItems', message: `at most ${max.lines} lines` });
  const items = lines.slice(0, max.lines).map((line, i) => {
    const description = line.description.trim();
    if (!description) errors.push({ field: `lineItems.${i}.description`, message: 'is required' });
    else if (description.length > max.description) errors.push({ field: `lineItems.${i}.description`, message: `must be at most ${max.description} characters` });
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > max.quantity) errors.push({ field: `lineItems.${i}.quantity`, message: `must be a whole number from 1 to ${max.quantity}` });
    const unitAmount = readAmount(`lineItems.${i}.unitAmount`, line.unitAmount, errors);
    return { serviceId: line.serviceId ?? null, description, quantity: line.quantity, unitAmount: unitAmount ?? 0n };
  });
  if (errors.length === before && proposalTotal(items) > MAX_MINOR_UNITS) errors.push({ field: 'lineItems', message: TOO_LARGE });
  if (errors.length === before && proposalTotal(items) === 0n) errors.push({ field: 'lineItems', message: NOTHING });
  return items;
}

/** What the client can expect: at most 20 points of 1-300 characters each (`expectedResults.<i>`). */
export function readExpectedResults(results: readonly string[], errors: FieldError[]): string[] {
  const max = PROPOSAL_LIMITS;
  if (results.length > max.expectedResults) {
    errors.push({ field: 'expectedResults', message: `at most ${max.expectedResults} points (got ${results.length})` });
    return [];
  }
  return results.map((result, i) => {
    const text = result.trim();
    if (!text || text.length > max.expectedResult) errors.push({ field: `expectedResults.${i}`, message: `must be 1-${max.expectedResult} characters` });
    return text;
  });
}

/** A date that exists (YYYY-MM-DD), from `today` (UTC) to PROPOSAL_LIMITS.validForDays after it. */
export function readValidUntil(value: string, today: Date, errors: FieldError[]): string | null {
  const first = today.toISOString().slice(0, 10);
  const last = new Date(today.getTime() + PROPOSAL_LIMITS.validForDays * 86_400_000).toISOString().slice(0, 10);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    errors.push({ field: 'validUntil', message: 'must be a date that exists, such as 2026-12-31' });
    return null;
  }
  if (value < first || value > last) {
    errors.push({ field: 'validUntil', message: `must be from today (${first}) to ${last}` });
    return null;
  }
  return value;
}

/**
 * An AI draft's lines (amounts as digit strings, as the schema asks) as exact line items; the reason
 * when an amount or the total cannot be stored.
 */
export function draftLineItems(lines: ReadonlyArray<{ serviceId: string | null; description: string; quantity: number; unitAmount: string }>): { items: ProposalLineItem[] } | { problem: string } {
  const items: ProposalLineItem[] = [];
  for (const [i, line] of lines.entries()) {
    const amount = parseMinorUnits(line.unitAmount);
    if (!amount.ok) return { problem: `line ${i + 1}'s unit amount ${amount.message}` };
    items.push({ serviceId: line.serviceId, description: line.description, quantity: line.quantity, unitAmount: amount.value });
  }
  const total = proposalTotal(items);
  return total > MAX_MINOR_UNITS ? { problem: `its lines ${TOO_LARGE}` } : total === 0n ? { problem: `its lines ${NOTHING}` } : { items };
}
