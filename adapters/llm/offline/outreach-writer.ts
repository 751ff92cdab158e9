import type { WriteOutreachInput } from '../../../core/ai/ai-assistant.ts';
import type { LeadProfile, OutreachDraft, SenderIdentity } from '../../../core/ai/ai.types.ts';
import { industryProfile, type IndustryProfile } from './industry.ts';
import { offerProfile, type OfferProfile } from './offer.ts';
import { lowerFirst, nth, paragraphsToHtml, stableHash, truncate } from './text-utils.ts';

const VERB_PHRASE = /^(help|helps|run|runs|build|builds|offer|offers|provide|provides|create|creates|design|designs|grow|grows|make|makes|manage|manages|bring|brings|set up|sets up|deliver|delivers|organise|organize|install|installs)\b/i;

const SUBJECT_MAX = 80;

/** Everything a template may mention, worked out once per lead. */
interface OutreachFacts {
  greeting: string;
  business: string;
  city: string | null;
  inCity: string;
  /** The recipient's kind of business (the buyer). */
  kind: IndustryProfile;
  /** "dental clinics", "IT services businesses", "local gyms". */
  kindPhrase: string;
  sender: SenderIdentity;
  /** What the sender sells (the seller): it decides what the email promises the recipient. */
  offer: OfferProfile;
  /** Neither a pitch nor a catalog: the email promises nothing it does not know. */
  unknownOffer: boolean;
  /** The pitch as a noun phrase ("websites and Google reviews for clinics"), or null when it is a full sentence. */
  pitchPhrase: string | null;
  pitchSentence: string;
}

/** A titled name keeps its title with the surname ("Dr. Anil Sharma" → "Dr. Sharma"); initials keep the full name. */
export function addresseeOf(contactName: string | null): string | null {
  const tokens = (contactName ?? '').trim().split(/\s+/).filter(Boolean);
  const [first] = tokens;
  if (!first) return null;
  if (/^(dr|prof|mr|mrs|ms|miss|shri|smt)\.?$/i.test(first)) return tokens.length > 1 ? `${first} ${tokens[tokens.length - 1]}` : first;
  if (/^\p{L}\.?$/u.test(first)) return tokens.join(' ');
  return first;
}

/** "A, B and C". */
const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));

function factsOf(lead: LeadProfile, sender: SenderIdentity, offers: readonly string[], variant: number): OutreachFacts {
  const business = lead.businessName.trim();
  const city = lead.city?.trim() || null;
  const kind = industryProfile(lead.industry);
  const industry = lead.industry?.trim() ?? '';
  const industryLabel = /\p{Lu}{2}/u.test(industry) ? industry : industry.toLowerCase();
  const kindPhrase = !industry ? `local ${kind.nounPlural}` : !kind.qualified || industryLabel.includes(kind.noun) ? kind.nounPlural : `${industryLabel} ${kind.nounPlural}`;
  const pitch = sender.pitch.trim().replace(/[.!\s]+$/, '');
  const isSentence = /^(we|our|i)\b/i.test(pitch);
  // A pitch written as what we do ("run check-up camps for teams") reads as "we run check-up camps…".
  const isVerbPhrase = !isSentence && VERB_PHRASE.test(pitch);
  const pitchPhrase = pitch && !isSentence && !isVerbPhrase ? lowerFirst(pitch) : null;
  const company = sender.company.trim();
  const services = offers.map((name) => name.trim()).filter(Boolean).slice(0, 3);
  // Without a pitch, the catalog says what the sender offers; without either, nothing is claimed.
  const pitchSentence = !pitch
    ? services.length
      ? `At ${company}, we offer ${listed(services.map(lowerFirst))}.`
      : `I am ${sender.name.trim()} from ${company}.`
    : isSentence
      ? `${pitch}.`
      : isVerbPhrase
        ? `At ${company}, we ${lowerFirst(pitch)}.`
        : nth([`At ${company}, we work on ${pitchPhrase}.`, `${company} helps with ${pitchPhrase}.`, `At ${company}, we specialise in ${pitchPhrase}.`], variant);
  const addressee = addresseeOf(lead.contactName);
  return {
    greeting: addressee ? `Hi ${addressee},` : `Hi ${business} team,`,
    business,
    city,
    inCity: city ? ` in ${city}` : '',
    kind,
    kindPhrase,
    sender,
    offer: offerProfile(sender, services),
    unknownOffer: !pitch && !services.length,
    pitchPhrase: pitchPhrase ?? (services.length ? listed(services.map(lowerFirst)) : null),
    pitchSentence,
  };
}

function firstSubject(facts: OutreachFacts, variant: number): string {
  const { business, kind, city, offer } = facts;
  return nth([`A quick idea for ${business}`, offer.subject({ business, kind, city }), `An idea for the ${business} team`], variant);
}

function firstMessage(facts: OutreachFacts, variant: number): string[] {
  const { business, city, inCity, kind, kindPhrase } = facts;
  const opening = nth([
    city ? `I noticed your ${kind.noun} in ${city}, ${business}, and had a quick idea for you.` : `I noticed your ${kind.noun}, ${business}, and had a quick idea for you.`,
    `I came across ${business} while looking at ${kindPhrase}${inCity}.`,
    `${business} stood out to me while I was looking at ${kindPhrase}${inCity}.`,
  ], variant);
  // What the SENDER's offer does for the recipient: the recipient's own trade is never pitched back to it.
  const value = facts.unknownOffer ? `I would like to show you what we could do for ${business}.` : facts.offer.value({ business, kind, city });
  const callToAction = nth([
    `Would you be open to a 15-minute call this week to see if it fits ${business}?`,
    `Could I send you a short, no-obligation plan for ${business}?`,
    'Is it worth a quick 15-minute chat this week? Just reply with a time that suits you.',
  ], variant);
  return [opening, `${facts.pitchSentence} ${value}`, callToAction];
}

function followUp(facts: OutreachFacts, step: number): string[] {
  const { business, kind, sender } = facts;
  const topic = facts.pitchPhrase ?? `how ${sender.company.trim()} could help`;
  if (step === 1) {
    return [
      `Just following up on my earlier note about ${topic}. I still think it could be a good fit for ${business}, and I know how busy running a ${kind.noun} can be, so I will keep this short.`,
      'If it helps, I am happy to walk you through it on a quick 15-minute call. Just reply with a time that suits you.',
    ];
  }
  return [
    'I have not heard back, so I will assume the timing is not right and close the loop for now.',
    `If ${business} wants to look at ${topic} later, just reply to this email and I will pick it up from there.`,
  ];
}

/** Writes a first email (step 0) or a follow-up (step ≥ 1); wording varies by lead but is stable for each lead. */
export function writeOutreachDraft({ lead, sender, step, offers }: WriteOutreachInput): OutreachDraft {
  const variant = stableHash(lead.businessName.trim().toLowerCase()) % 3;
  const facts = factsOf(lead, sender, offers ?? [], variant);
  const subject = step < 1 ? firstSubject(facts, variant) : `Following up: ${firstSubject(facts, variant)}`;
  const body = step < 1 ? firstMessage(facts, variant) : followUp(facts, step);
  const signOff = nth(['Best regards,', 'Warm regards,', 'Thanks,'], variant);
  const paragraphs = [facts.greeting, ...body, `${signOff}\n${sender.name.trim()}\n${sender.company.trim()}`];
  return { subject: truncate(subject, SUBJECT_MAX), text: paragraphs.join('\n\n'), html: paragraphsToHtml(paragraphs) };
}
