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
    expect(draft.lineItems.map((item) => item.unitAmount)).toEqual(['800000', '2500000']);
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
      expect(draft.lineItems, body).toEqual([expect.objectContaining({ serviceId: 'svc-reviews', unitAmount: '800000' })]);
    }
  });

  it('matches a gym to the membership funnel with gym results', () => {
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ businessName: 'IronCore Gyms', industry: 'Fitness', city: 'Bangalore' }), sender, catalog: serviceCatalog, conversation: [] }));
    expect(draft.lineItems[0]?.serviceId).toBe('svc-gym');
    expect(draft.expectedResults.join(' ')).toMatch(/member/);
  });

  it('falls back to the first service when nothing matches, in the catalog currency', () => {
    const catalog = [{ id: 'a', name: 'Bookkeeping', description: 'Monthly accounts', priceMin: 500_00n, priceMax: 900_00n, currency: 'usd' }];
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ industry: null }), sender, catalog, conversation: [] }));
    expect(draft.lineItems).toEqual([{ serviceId: 'a', description: 'Bookkeeping: Monthly accounts', quantity: 1, unitAmount: '50000' }]);
    expect(draft.currency).toBe('USD');
    expect(draft.summary).toContain('$500.00');
  });

  it('writes prices of any size exactly, in the words of the summary too (paise beyond 32 bits, rupiah beyond 2^53)', () => {
    const crore = [{ id: 'big', name: 'Hospital network website', description: 'Forty hospitals', priceMin: 30_000_000_000n, priceMax: 30_000_000_000n, currency: 'INR' }];
    const rupees = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ industry: null }), sender, catalog: crore, conversation: [] }));
    expect(rupees.lineItems.map((item) => item.unitAmount)).toEqual(['30000000000']);
    expect(rupees.summary).toContain('Total: ₹30,00,00,000.00');
    const rupiah = [
      { id: 'a', name: 'Toll road sponsorship', description: 'Signs on every toll plaza', priceMin: 9_007_199_254_740_993n, priceMax: 9_007_199_254_740_993n, currency: 'IDR' },
      { id: 'b', name: 'Toll road app', description: 'Signs on every toll plaza in the app', priceMin: 9_000_000_000_000n, priceMax: 9_000_000_000_000n, currency: 'IDR' },
    ];
    const draft = proposalDraftSchema.parse(writeProposalDraft({ lead: leadProfile({ industry: null }), sender, catalog: rupiah, conversation: said('We want signs on every toll plaza') }));
    expect(draft.lineItems.map((item) => item.unitAmount)).toEqual(['9007199254740993', '9000000000000']);
    expect(draft.summary).toContain('Total: IDR\u00a09,01,61,99,25,47,409.93'); // 9,016,199,254,740,993 minor units, to the last one
  });

  it('refuses an empty catalog with an output error', () => {
    expect(() => writeProposalDraft({ lead: leadProfile(), sender, catalog: [], conversation: [] })).toThrow(AiOutputError);
  });
});
