import type { ReplyClassification, ServiceOffering } from '../../../core/ai/ai.types.ts';
import type { Proposal } from '../../../core/autopilot/autopilot.types.ts';
import { lineTotal } from '../../../core/money/money.ts';
import type { ProposalType, ServiceType } from './autopilot.types.ts';
import { idCursor } from '../connections.ts';
import { moneyOf } from './money.types.ts';

/** Cursors of the lists that hold messages (the inbox, a lead's messages), tasks and AI decisions. */
export const messageCursor = idCursor('messages');
export const taskCursor = idCursor('tasks');
export const decisionCursor = idCursor('aiDecisions');

/** A message as the API shows it: its classification says whether a user corrected it. */
export const withCorrected = <T extends { classification: (ReplyClassification & { corrected?: boolean }) | null }>(m: T) =>
  ({ ...m, classification: m.classification ? { ...m.classification, corrected: Boolean(m.classification.corrected) } : null });

/** A proposal as the API shows it: every amount a Money of the proposal's currency, each line with its own total. */
export function presentProposal(proposal: Proposal): ProposalType {
  const { currency } = proposal;
  return {
    ...proposal,
    total: moneyOf(proposal.total, currency),
    lineItems: proposal.lineItems.map((line) => ({ ...line, unitAmount: moneyOf(line.unitAmount, currency), amount: moneyOf(lineTotal(line.unitAmount, line.quantity), currency) })),
  };
}

export function presentService(service: ServiceOffering): ServiceType {
  return { ...service, priceMin: moneyOf(service.priceMin, service.currency), priceMax: moneyOf(service.priceMax, service.currency) };
}

/** A message as the API shows it: a classification always says whether a person corrected it. */
export const presentMessage = <T extends { classification: (ReplyClassification & { corrected?: boolean }) | null }>(m: T) =>
  ({ ...m, classification: m.classification ? { ...m.classification, corrected: Boolean(m.classification.corrected) } : null });
