import { describe, expect, it } from 'vitest';
import { outreachDraftSchema } from '../../../core/ai/ai.types.ts';
import { leadProfile, senderIdentity } from '../testing/ai-fixtures.ts';
import { addresseeOf, writeOutreachDraft } from './outreach-writer.ts';

const sender = senderIdentity();

describe('offline outreach writer', () => {
  it('greets the contact as addressed, keeping a title', () => {
    expect(addresseeOf('Dr. Anil Sharma')).toBe('Dr. Sharma');
    expect(addresseeOf('Dr Sharma')).toBe('Dr Sharma');
    expect(addresseeOf('Meera Rathore')).toBe('Meera');
    expect(addresseeOf('R. K. Sharma')).toBe('R. K. Sharma');
    expect(addresseeOf('  ')).toBeNull();
  });

  it('personalises the first message with the contact, business, city, industry noun, pitch and sender', () => {
    const draft = outreachDraftSchema.parse(writeOutreachDraft({ lead: leadProfile(), sender, step: 0 }));
    expect(draft.text).toMatch(/^Hi Dr\. Sharma,/);
    expect(draft.text).toContain('Smile Dental');
    expect(draft.text).toContain('Jaipur');
    expect(draft.text).toMatch(/clinic/);
    expect(draft.text).toContain('websites and Google reviews for local businesses');
    expect(draft.text).toMatch(/Asha Verma\nGrowth Co$/);
    expect(draft.text.match(/\?/g)?.length).toBe(1); // one call to action
    expect(draft.subject.length).toBeLessThanOrEqual(80);
  });

  it('uses an industry-aware noun', () => {
    const nouns = [
      ['Fitness', /gym/],
      ['Yoga', /studio/],
      ['Food & Beverage', /restaurant/],
      ['Retail', /store/],
      ['Manufacturing', /business/],
    ] as const;
    for (const [industry, noun] of nouns) {
      const { text } = writeOutreachDraft({ lead: leadProfile({ industry, businessName: `${industry} Co` }), sender, step: 0 });
      expect(text, industry).toMatch(noun);
    }
  });

  it('greets the team when there is no contact name', () => {
    const { text } = writeOutreachDraft({ lead: leadProfile({ contactName: null, city: null }), sender, step: 0 });
    expect(text).toMatch(/^Hi Smile Dental team,/);
  });

  it('writes a short follow-up with a different "Following up:" subject', () => {
    const first = writeOutreachDraft({ lead: leadProfile(), sender, step: 0 });
    for (const step of [1, 2]) {
      const followUp = outreachDraftSchema.parse(writeOutreachDraft({ lead: leadProfile(), sender, step }));
      expect(followUp.subject).toMatch(/^Following up: /);
      expect(followUp.subject).not.toBe(first.subject);
      expect(followUp.subject.length).toBeLessThanOrEqual(80);
      expect(followUp.text.length).toBeLessThan(first.text.length + 200);
      expect(followUp.text).toMatch(/^Hi Dr\. Sharma,/);
    }
  });

  it('varies the wording between leads but not between calls', () => {
    const names = ['Smile Dental', 'Pearl Dental Care', 'Bright Teeth Clinic', 'Jaipur Dental Studio', 'Pink City Dentists', 'Amer Dental'];
    const subjects = new Set(names.map((businessName) => writeOutreachDraft({ lead: leadProfile({ businessName }), sender, step: 0 }).subject.replace(businessName, '')));
    expect(subjects.size).toBeGreaterThan(1);
    expect(writeOutreachDraft({ lead: leadProfile(), sender, step: 0 })).toEqual(writeOutreachDraft({ lead: leadProfile(), sender, step: 0 }));
  });

  it('escapes every interpolated value in the HTML', () => {
    const lead = leadProfile({ businessName: '<script>alert(1)</script> & Sons', contactName: 'Dr. "O\'Brien"', city: '<b>Pune</b>' });
    const draft = outreachDraftSchema.parse(writeOutreachDraft({ lead, sender: senderIdentity({ company: 'A&B <Media>' }), step: 0 }));
    expect(draft.html).not.toMatch(/<script|<b>|<Media>/);
    expect(draft.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons');
    expect(draft.html).toContain('A&amp;B &lt;Media&gt;');
    expect(draft.html).toMatch(/^<p>Hi Dr\. &quot;O&#39;Brien&quot;,<\/p>/);
    expect(draft.html.match(/<p>/g)?.length).toBe(draft.text.split('\n\n').length);
    expect(draft.text).toContain('<script>'); // plain text stays as typed; only HTML needs escaping
  });

  it('keeps the subject within 80 characters for a very long business name', () => {
    const lead = leadProfile({ businessName: 'The Extremely Long Named Multi Speciality Dental and Orthodontic Care Centre of Rajasthan' });
    for (const step of [0, 1]) expect(writeOutreachDraft({ lead, sender, step }).subject.length).toBeLessThanOrEqual(80);
  });

  it('uses a pitch written as a sentence as it is', () => {
    const { text } = writeOutreachDraft({ lead: leadProfile(), sender: senderIdentity({ pitch: 'We build booking websites for clinics.' }), step: 0 });
    expect(text).toContain('We build booking websites for clinics.');
  });
});
