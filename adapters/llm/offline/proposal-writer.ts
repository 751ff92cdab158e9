import { AiOutputError, type WriteProposalInput } from '../../../core/ai/ai-assistant.ts';
import type { ConversationTurn, ProposalDraft, ServiceOffering } from '../../../core/ai/ai.types.ts';
import { industryProfile } from './industry.ts';
import { offerProfile } from './offer.ts';
import { normalizeForMatching } from './reply-text.ts';
import { formatMoney, money } from '../../../core/money/money.ts';
import { proposalTotal } from '../../../core/autopilot/proposal-lines.ts';
import { truncate } from './text-utils.ts';

const MAX_SERVICES = 3;
const VALID_DAYS = 14;

const stopWords = new Set(
  'and the for with your our you that this are from more per month monthly one all can will get new any into their them have has was were what how who when which its also plus up to of in on at by an or as is be it we us'.split(' '),
);

/** Content words, lower case, with a plural "s" dropped so "reviews" meets "review". */
function wordsOf(text: string): Set<string> {
  const words = normalizeForMatching(text).match(/[\p{L}\p{M}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length >= 3 && !stopWords.has(word)).map((word) => (word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word)));
}

const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((word) => b.has(word)).length;

/** "budget", "cheap", "sasta", "सस्ता", "बजट": the lead wants the lowest price. */
const budgetWords = /budget|cheap|afford|low[- ]cost|inexpensive|sast[aei]|kam (paise|daam|price|rate)|सस्त|बजट|कम दाम/u;

/**
 * Conversation words count double: what the lead asked for matters more than the industry. On a
 * budget, the one cheapest service that fits at all; otherwise the best fits (up to three).
 */
function chooseServices(catalog: ServiceOffering[], leadWords: Set<string>, talkWords: Set<string>, onBudget: boolean): ServiceOffering[] {
  const scored = catalog.map((service, order) => {
    const serviceWords = wordsOf(`${service.name} ${service.description}`);
    return { service, order, score: overlap(serviceWords, leadWords) + 2 * overlap(serviceWords, talkWords) };
  });
  const best = Math.max(...scored.map(({ score }) => score));
  if (best === 0) return catalog.slice(0, 1); // nothing matches: the catalog's first (main) service
  if (onBudget) {
    const fitting = scored.filter(({ score }) => score > 0).map(({ service }) => service);
    return [fitting.reduce((cheapest, service) => (service.priceMin < cheapest.priceMin ? service : cheapest))];
  }
  return scored
    .filter(({ score }) => score >= Math.max(1, Math.ceil(best / 2)))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_SERVICES)
    .map(({ service }) => service);
}

function inboundText(conversation: ConversationTurn[]): string {
  return conversation
    .filter((turn) => turn.direction === 'in')
    .map((turn) => `${turn.subject ?? ''} ${turn.body}`)
    .join('\n');
}

/** A proposal from the tenant's catalog: the services that fit the lead, at their lowest listed price. */
export function writeProposalDraft({ lead, sender, catalog, conversation }: WriteProposalInput): ProposalDraft {
  const [first] = catalog;
  if (!first) throw new AiOutputError('The service catalog is empty: add at least one service before writing proposals', null);
  const kind = industryProfile(lead.industry);
  const said = inboundText(conversation);
  const leadWords = wordsOf([lead.industry ?? '', ...lead.tags, ...kind.keywords].join(' '));
  const currency = first.currency.toUpperCase();
  const sameCurrency = catalog.filter((service) => service.currency.toUpperCase() === currency);
  const onBudget = budgetWords.test(normalizeForMatching(said));
  const chosen = chooseServices(sameCurrency, leadWords, wordsOf(said), onBudget);

  const lines = chosen.map((service) => ({
    serviceId: service.id,
    description: truncate(service.description.trim() ? `${service.name.trim()}: ${service.description.trim()}` : service.name.trim(), 500),
    quantity: 1,
    unitAmount: service.priceMin,
  }));
  const total = proposalTotal(lines);
  const business = lead.businessName.trim();
  const city = lead.city?.trim() || null;
  const names = chosen.map((service) => service.name.trim());
  const nameList = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  const budgetNote = onBudget ? ' As you mentioned budget, this starts with our most affordable option.' : '';
  // What the SENDER sells decides what is promised: only growth services promise the recipient more of its own customers.
  const offer = offerProfile(sender, catalog.map((service) => service.name));
  const buyer = { business, kind, city };
  const why = offer.key === 'growth' ? `, to help your ${kind.noun} win more ${kind.customers}.` : offer.key === 'general' ? '.' : `. ${offer.value(buyer)}`;
  const summary = `${sender.company.trim()} proposes ${nameList} for ${business}${city ? ` in ${city}` : ''}${why}${budgetNote} Total: ${formatMoney(money(total, currency))}, valid for ${VALID_DAYS} days.`;
  // Without outcomes known for the offer, the proposal says what it delivers, in the catalog's own words.
  const delivered = chosen.map((service) => truncate(service.description.trim() ? `${service.name.trim()}: ${service.description.trim()}` : service.name.trim(), 300));

  return {
    title: truncate(`${names.join(' & ')} for ${business}`, 200),
    summary: truncate(summary, 3000),
    // Amounts as the schema wants them from any model: strings of digits.
    lineItems: lines.map((line) => ({ ...line, unitAmount: line.unitAmount.toString() })),
    currency,
    expectedResults: offer.results ? offer.results(buyer) : delivered,
    validDays: VALID_DAYS,
  };
}
