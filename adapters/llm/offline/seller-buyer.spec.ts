import { describe, expect, it } from 'vitest';
import type { LeadProfile, SenderIdentity, ServiceOffering } from '../../../core/ai/ai.types.ts';
import { leadProfile } from '../testing/ai-fixtures.ts';
import { writeOutreachDraft } from './outreach-writer.ts';
import { writeProposalDraft } from './proposal-writer.ts';

/**
 * The sender sells, the recipient buys: outreach and proposals pitch the SENDER's offer (its pitch,
 * else its catalog) to the RECIPIENT's business. The recipient's own trade (its customers, orders,
 * patients) is promised only by a sender that sells growth; nothing comes from any demo.
 */
interface Seller {
  sender: SenderIdentity;
  catalog: ServiceOffering[];
  /** Words that say what this seller sells: the email must carry at least one. */
  sells: RegExp;
}

const service = (id: string, name: string, description: string): ServiceOffering => ({ id, name, description, priceMin: 100_000n, priceMax: 100_000n, currency: 'INR' });
const sellers: Record<string, Seller> = {
  dental: {
    sender: { name: 'Asha Verma', company: 'Smile Dental Clinics', email: 'asha@smile.example', pitch: 'run on-site dental check-up camps and discounted family dental plans for your team' },
    catalog: [service('d1', 'On-site dental check-up camp', 'A one-day camp at your office for up to 100 people')],
    sells: /dental check-up camps/,
  },
  bakery: {
    sender: { name: 'Ravi Kapoor', company: 'Kapoor Bakery', email: 'ravi@kapoor.example', pitch: '' },
    catalog: [service('b1', 'Office cake boxes', 'Fresh cakes delivered for your team every Friday'), service('b2', 'Event catering', 'Snacks and sweets for up to 200 guests')],
    sells: /cake boxes/,
  },
  gym: {
    sender: { name: 'Rahul Menon', company: 'IronCore Gyms', email: 'rahul@ironcore.example', pitch: 'offer corporate gym memberships and on-site fitness sessions' },
    catalog: [service('g1', 'Corporate membership', 'Access to every gym, classes included')],
    sells: /gym memberships/,
  },
  software: {
    sender: { name: 'Meera Iyer', company: 'LedgerLite', email: 'meera@ledgerlite.example', pitch: 'build billing and payroll automation software' },
    catalog: [service('s1', 'Payroll automation', 'Salaries, slips and filings without spreadsheets')],
    sells: /payroll automation software/,
  },
  agency: {
    sender: { name: 'Asha Verma', company: 'Growth Co', email: 'asha@growth.example', pitch: 'websites and Google reviews for local businesses' },
    catalog: [service('w1', 'Website', 'A fast website with online booking'), service('w2', 'Google reviews programme', 'Every customer asked for a review')],
    sells: /websites and Google reviews/,
  },
};

const buyers: Record<string, { lead: LeadProfile; ownTrade: RegExp }> = {
  bakery: { lead: leadProfile({ businessName: 'Sweet Crumbs Bakery', industry: 'Bakery', contactName: 'Neha Gupta' }), ownTrade: /\b(diners|orders|more customers|restaurant)\b/i },
  clinic: { lead: leadProfile({ businessName: 'Sharma Dental Care', industry: 'Dental clinic' }), ownTrade: /\b(patients|appointment slots|online booking)\b/i },
  software: { lead: leadProfile({ businessName: 'Pink City Software Park', industry: 'IT services', contactName: 'Anil Rao' }), ownTrade: /\b(clients|enquiries)\b/i },
  hotel: { lead: leadProfile({ businessName: 'Amer Heritage Hotels', industry: 'Hospitality', contactName: 'Meera Rathore' }), ownTrade: /\b(guests finding|bookings|travellers)\b/i },
  gym: { lead: leadProfile({ businessName: 'Koramangala Fitness', industry: 'Fitness', contactName: 'Priya Nair', city: 'Bangalore' }), ownTrade: /\b(members|trial sign-ups)\b/i },
};

/** The demo's own words: they appear only when a tenant's own input says them. */
const DEMO = /smile|ironcore|check-?up|dental|camp|jaipur|bangalore/gi;
const demoWordsIn = (text: string, inputs: string) => (text.match(DEMO) ?? []).filter((word) => !inputs.toLowerCase().includes(word.toLowerCase()));

describe('offline AI: the sender\'s offer, pitched to the recipient\'s business', () => {
  for (const [sellerName, seller] of Object.entries(sellers)) {
    for (const [buyerName, buyer] of Object.entries(buyers)) {
      if (sellerName === buyerName) continue;
      it(`${sellerName} → ${buyerName}`, () => {
        const offers = seller.catalog.map((s) => s.name);
        const email = writeOutreachDraft({ lead: buyer.lead, sender: seller.sender, step: 0, offers });
        const proposal = writeProposalDraft({ lead: buyer.lead, sender: seller.sender, catalog: seller.catalog, conversation: [] });
        const written = [email.subject, email.text, proposal.summary, ...proposal.expectedResults].join('\n');
        // The seller's offer is what the email is about, and the recipient is who it is for.
        expect(email.text).toMatch(seller.sells);
        expect(email.text).toContain(buyer.lead.businessName);
        expect(email.text).toMatch(new RegExp(`${seller.sender.name}\\n${seller.sender.company}$`));
        // Only a seller of growth promises the recipient more of its own trade; no one sells it its own business.
        if (sellerName === 'agency') expect(written).toMatch(buyer.ownTrade);
        else expect(written, written).not.toMatch(buyer.ownTrade);
        // Nothing from the demo that the seller's and buyer's own words do not say.
        const inputs = JSON.stringify([seller, buyer.lead], (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
        expect(demoWordsIn(written, inputs)).toEqual([]);
      });
    }
  }

  it('a bakery is called a bakery, a hotel a hotel (not a restaurant or a clinic)', () => {
    const sender = sellers.gym!.sender;
    expect(writeOutreachDraft({ lead: buyers.bakery!.lead, sender, step: 1 }).text).toContain('running a bakery');
    expect(writeOutreachDraft({ lead: buyers.hotel!.lead, sender, step: 1 }).text).toContain('running a hotel');
  });

  it('with neither a pitch nor a catalog, it promises nothing it does not know', () => {
    const sender = { name: 'Tina', company: 'Acme Works', email: 't@acme.example', pitch: '' };
    const { text } = writeOutreachDraft({ lead: buyers.bakery!.lead, sender, step: 0 });
    expect(text).toContain('I am Tina from Acme Works. I would like to show you what we could do for Sweet Crumbs Bakery.');
    expect(text).not.toMatch(/more customers|win|finding you/i);
  });

  it('a proposal of a seller whose outcomes are unknown lists what it delivers, in the catalog\'s words', () => {
    const sender = { name: 'Tina', company: 'Acme Works', email: 't@acme.example', pitch: 'custom uniforms' };
    const catalog = [service('u1', 'Staff uniforms', 'Two sets per person, embroidered with your logo')];
    const draft = writeProposalDraft({ lead: buyers.hotel!.lead, sender, catalog, conversation: [] });
    expect(draft.expectedResults).toEqual(['Staff uniforms: Two sets per person, embroidered with your logo']);
    expect(draft.summary).toBe('Acme Works proposes Staff uniforms for Amer Heritage Hotels in Jaipur. Total: ₹1,000.00, valid for 14 days.');
  });
});
