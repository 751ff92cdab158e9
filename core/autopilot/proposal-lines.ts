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

/** Lines checked field by field (`lineItems.<i>.<field>`), and their total against what one proposal can hold. */
export function readLineItems(lines: readonly ProposalLineInput[], errors: FieldError[]): ProposalLineItem[] {
  const before = errors.length;
  if (!lines.length) errors.push({ field: 'lineItems', message: 'need at least one line' });
  if (lines.length > 100) errors.push({ field: 'lineItems', message: 'at most 100 lines' });
  const items = lines.slice(0, 100).map((line, i) => {
    if (!line.description.trim()) errors.push({ field: `lineItems.${i}.description`, message: 'is required' });
    if (!Number.isInteger(line.quantity) || line.quantity < 1) errors.push({ field: `lineItems.${i}.quantity`, message: 'must be a whole number, 1 or more' });
    const unitAmount = readAmount(`lineItems.${i}.unitAmount`, line.unitAmount, errors);
    return { serviceId: line.serviceId ?? null, description: line.description, quantity: line.quantity, unitAmount: unitAmount ?? 0n };
  });
  if (errors.length === before && proposalTotal(items) > MAX_MINOR_UNITS) errors.push({ field: 'lineItems', message: TOO_LARGE });
  return items;
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
  return proposalTotal(items) > MAX_MINOR_UNITS ? { problem: `its lines ${TOO_LARGE}` } : { items };
}
