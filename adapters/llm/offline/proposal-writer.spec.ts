import { describe, expect, it } from 'vitest';
import { AiOutputError } from '../../../core/ai/ai-assistant.ts';
import { proposalDraftSchema, type ConversationTurn } from '../../../core/ai/ai.types.ts';
import { leadProfile, senderIdentity, serviceCatalog } from '../testing/ai-fixtures.ts';
import { writeProposalDraft } from './proposal-writer.ts';

const sender = senderIdentity();
const said = (body: string): ConversationTurn[] => [
  { direction: 'out', subject: 'A quick idea', body: 'We do websites, SEO, reviews and gym funnels.' },
  { direction: 'in', subject: 'Re: A quick idea', body },
];

describe('offline proposal writer', () => {
  it('chooses the services that fit the industry and the conversation, at their lowest listed price', () => {
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile(), sender, catalog: serviceCatalog, conversation: said('We need more patient reviews, what is the price?') }));
    expect(draft.lineItems.map((item) => item.serviceId)).toEqual(['svc-reviews', 'svc-web']);
    expect(draft.lineItems.map((item) => item.unitAmount)).toEqual([800_000, 2_500_000]);
    expect(draft.lineItems.every((item) => item.quantity === 1)).toBe(true);
    expect(draft.currency).toBe('INR');
    expect(draft.validDays).toBe(14);
    expect(draft.expectedResults).toHaveLength(3);
    expect(draft.summary).toContain('Smile Dental');
    expect(draft.summary).toContain('Jaipur');
    expect(draft.summary).toContain('₹33,000.00');
    expect(draft.title).toContain('Smile Dental');
  });

  it('picks the single cheapest fitting service when the lead mentions budget (also in Hinglish and Hindi)', () => {
    for (const body of ['Our budget is small', 'koi sasta option hai?', 'कुछ सस्ता बताइए']) {
      const draft = writeProposalDraft({ lead: leadProfile(), sender, catalog: serviceCatalog, conversation: said(body) });
      expect(draft.lineItems, body).toEqual([expect.objectContaining({ serviceId: 'svc-reviews', unitAmount: 800_000 })]);
    }
  });

  it('matches a gym to the membership funnel with gym results', () => {
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ businessName: 'IronCore Gyms', industry: 'Fitness', city: 'Bangalore' }), sender, catalog: serviceCatalog, conversation: [] }));
    expect(draft.lineItems[0]?.serviceId).toBe('svc-gym');
    expect(draft.expectedResults.join(' ')).toMatch(/member/);
  });

  it('falls back to the first service when nothing matches, in the catalog currency', () => {
    const catalog = [{ id: 'a', name: 'Bookkeeping', description: 'Monthly accounts', priceMin: 500_00, priceMax: 900_00, currency: 'usd' }];
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ industry: null }), sender, catalog, conversation: [] }));
    expect(draft.lineItems).toEqual([{ serviceId: 'a', description: 'Bookkeeping: Monthly accounts', quantity: 1, unitAmount: 500_00 }]);
    expect(draft.currency).toBe('USD');
    expect(draft.summary).toContain('$500.00');
  });

  it('refuses an empty catalog with an output error', () => {
    expect(() => writeProposalDraft({ lead: leadProfile(), sender, catalog: [], conversation: [] })).toThrow(AiOutputError);
  });
});
