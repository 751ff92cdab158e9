import { validationError, type FieldError } from '../errors.ts';
import { readAmount, readCurrency } from '../money/money-input.ts';
import type { Money } from '../money/money.ts';
import { readDate, readInstant, readText } from './input-text.ts';

export const DEAL_LIMITS = { aiNotes: 10_000, reason: 1_000 } as const;

export interface MoneyInput {
  amount: string | bigint;
  currency: string;
}

/** What a caller may set on a deal (creating it, or later). */
export interface DealFields {
  value?: MoneyInput | null;
  nextActionAt?: Date | null;
  expectedClose?: string | null;
  aiNotes?: string | null;
  ownerId?: string | null;
}

export interface CreateDealInput extends DealFields {
  leadId: string;
  pipelineId: string;
  /** An open stage that takes deals; the pipeline's first one when left out. */
  stageId?: string | null;
}

export interface UpdateDealInput extends DealFields {
  /** True pauses an open deal, false resumes it. */
  paused?: boolean | null;
}

/** Checked deal fields; a key is present only when the caller gave it (null clears). */
export interface DealPatch {
  value?: Money;
  nextActionAt?: Date | null;
  expectedClose?: string | null;
  aiNotes?: string | null;
  ownerId?: string | null;
  paused?: boolean;
}

/** Checks the fields given, naming each problem under `input.<field>`. */
export function readDealFields(input: UpdateDealInput): DealPatch {
  const errors: FieldError[] = [];
  const patch: DealPatch = {};
  if (input.value != null) {
    const amount = readAmount('input.value.amount', input.value.amount, errors);
    const currency = readCurrency('input.value.currency', input.value.currency, errors);
    if (amount !== null && currency !== null) patch.value = { amount, currency };
  }
  if (input.nextActionAt !== undefined) patch.nextActionAt = input.nextActionAt === null ? null : readInstant('input.nextActionAt', input.nextActionAt, errors);
  if (input.expectedClose !== undefined) patch.expectedClose = input.expectedClose === null ? null : readDate('input.expectedClose', input.expectedClose, errors);
  if (input.aiNotes !== undefined) patch.aiNotes = readText('input.aiNotes', input.aiNotes, DEAL_LIMITS.aiNotes, errors);
  if (input.ownerId !== undefined) patch.ownerId = input.ownerId;
  if (input.paused != null) patch.paused = input.paused;
  if (errors.length) throw validationError(errors);
  return patch;
}

/** A move's reason: at most 1000 characters; empty is none. */
export function readReason(reason: string | null | undefined, field = 'reason'): string | null {
  const errors: FieldError[] = [];
  const text = readText(field, reason, DEAL_LIMITS.reason, errors);
  if (errors.length) throw validationError(errors);
  return text;
}

/** The tenant's listed reason a lost deal gives (matched ignoring case and spaces around it), or a VALIDATION error naming `lostReason`. */
export function matchLostReason(given: string | null | undefined, listed: readonly string[]): string {
  const text = typeof given === 'string' ? given.trim() : '';
  if (!text) throw validationError([{ field: 'lostReason', message: `is required when a deal is lost: give one of the tenant's lost reasons (${listed.join('; ')})` }]);
  const found = listed.find((reason) => reason.toLowerCase() === text.toLowerCase());
  if (!found) throw validationError([{ field: 'lostReason', message: `is not a lost reason of this tenant; use one of: ${listed.join('; ')} (setLostReasons changes the list)` }]);
  return found;
}
