import { z } from 'zod';

/** What a reply means (DESIGN.md "Reply intents"). */
export const ReplyIntent = {
  INTERESTED: 'interested',
  ASKING_PRICE: 'asking_price',
  QUESTION: 'question',
  NOT_INTERESTED: 'not_interested',
  OUT_OF_OFFICE: 'out_of_office',
  UNSUBSCRIBE: 'unsubscribe',
  WRONG_PERSON: 'wrong_person',
} as const;
export type ReplyIntent = (typeof ReplyIntent)[keyof typeof ReplyIntent];

/** The lead as the AI sees it: facts to personalise with, no ids or internal state. */
export interface LeadProfile {
  businessName: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  industry: string | null;
  city: string | null;
  country: string | null;
  source: string | null;
  companySize: string | null;
  tags: string[];
}

/** Who outreach comes from: the tenant's sender identity. */
export interface SenderIdentity {
  name: string;
  company: string;
  email: string;
  /** What the sender offers, in a sentence ("websites and Google reviews for clinics"). */
  pitch: string;
}

export interface ServiceOffering {
  id: string;
  name: string;
  description: string;
  /** Prices in minor units (paise, cents), exact (core/money); a fixed price has min = max. */
  priceMin: bigint;
  priceMax: bigint;
  currency: string;
}

export interface ConversationTurn {
  direction: 'in' | 'out';
  subject: string | null;
  body: string;
}

export const outreachDraftSchema = z.object({
  subject: z.string().min(3).max(200),
  text: z.string().min(20).max(5000),
  html: z.string().min(20).max(20000),
});
export type OutreachDraft = z.infer<typeof outreachDraftSchema>;

/** How a reply sounds. */
export const ReplySentiment = { POSITIVE: 'positive', NEUTRAL: 'neutral', NEGATIVE: 'negative' } as const;
export type ReplySentiment = (typeof ReplySentiment)[keyof typeof ReplySentiment];

export const replyClassificationSchema = z.object({
  intent: z.enum(['interested', 'asking_price', 'question', 'not_interested', 'out_of_office', 'unsubscribe', 'wrong_person']),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  confidence: z.number().min(0).max(1),
  reasoning: z.string().min(1).max(2000),
  /** The language the reply is written in: en, hi (Devanagari), hinglish (Hindi in Latin script), or another code. */
  language: z.string().min(2).max(20),
  /** out_of_office: the date they are back, YYYY-MM-DD, when the reply says it. */
  returnDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** wrong_person: whom they point to, when the reply says it. */
  referral: z.object({ name: z.string().max(200).nullable(), email: z.string().max(254).nullable() }).nullable(),
});
export type ReplyClassification = z.infer<typeof replyClassificationSchema>;

export const proposalDraftSchema = z.object({
  title: z.string().min(3).max(200),
  summary: z.string().min(10).max(3000),
  lineItems: z
    .array(
      z.object({
        serviceId: z.string().nullable(),
        description: z.string().min(2).max(500),
        quantity: z.number().int().min(1).max(1000),
        /** Minor units as a string of digits: a JSON number loses digits past 2^53. Checked against the largest stored amount when used. */
        unitAmount: z.string().regex(/^(0|[1-9][0-9]{0,18})$/, 'must be minor units written as a string of digits'),
      }),
    )
    .min(1)
    .max(20),
  currency: z.string().regex(/^[A-Z]{3}$/),
  expectedResults: z.array(z.string().min(2).max(500)).min(1).max(10),
  validDays: z.number().int().min(1).max(90),
});
export type ProposalDraft = z.infer<typeof proposalDraftSchema>;

export const answerDraftSchema = z.object({ text: z.string().min(5).max(5000) });
export type AnswerDraft = z.infer<typeof answerDraftSchema>;
