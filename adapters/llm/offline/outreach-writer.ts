import type { WriteOutreachInput } from '../../../core/ai/ai-assistant.ts';
import type { LeadProfile, OutreachDraft, SenderIdentity } from '../../../core/ai/ai.types.ts';
import { industryProfile, type IndustryProfile } from './industry.ts';
import { lowerFirst, nth, paragraphsToHtml, stableHash, truncate } from './text-utils.ts';

const VERB_PHRASE = /^(help|helps|run|runs|build|builds|offer|offers|provide|provides|create|creates|design|designs|grow|grows|make|makes|manage|manages|bring|brings|set up|sets up|deliver|delivers|organise|organize|install|installs)\b/i;

const SUBJECT_MAX = 80;

/** Everything a template may mention, worked out once per lead. */
interface OutreachFacts {
  greeting: string;
  business: string;
  city: string | null;
  inCity: string;
  kind: IndustryProfile;
  /** "dental clinics", "IT services businesses", "local gyms". */
  kindPhrase: string;
  sender: SenderIdentity;
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

function factsOf(lead: LeadProfile, sender: SenderIdentity, variant: number): OutreachFacts {
  const business = lead.businessName.trim();
  const city = lead.city?.trim() || null;
  const kind = industryProfile(lead.industry);
  const industry = lead.industry?.trim() ?? '';
  const industryLabel = /\p{Lu}{2}/u.test(industry) ? industry : industry.toLowerCase();
  const kindPhrase = !industry ? `local ${kind.nounPlural}` : industryLabel.includes(kind.noun) ? kind.nounPlural : `${industryLabel} ${kind.nounPlural}`;
  const pitch = sender.pitch.trim().replace(/[.!\s]+$/, '');
  const isSentence = /^(we|our|i)\b/i.test(pitch);
  // A pitch written as what we do ("run check-up camps for teams") reads as "we run check-up camps…".
  const isVerbPhrase = !isSentence && VERB_PHRASE.test(pitch);
  const pitchPhrase = pitch && !isSentence && !isVerbPhrase ? lowerFirst(pitch) : null;
  const company = sender.company.trim();
  const pitchSentence = !pitch
    ? `At ${company}, we help ${kind.nounPlural} like yours win more ${kind.customers}.`
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
    pitchPhrase,
    pitchSentence,
  };
}

function firstSubject(facts: OutreachFacts, variant: number): string {
  const { business, kind, inCity } = facts;
  return nth([`A quick idea for ${business}`, `More ${kind.customers} for ${business}${inCity}`, `Helping ${business} reach more ${kind.customers}`], variant);
}

function firstMessage(facts: OutreachFacts, variant: number): string[] {
  const { business, city, inCity, kind, kindPhrase } = facts;
  const opening = nth([
    city ? `I noticed your ${kind.noun} in ${city}, ${business}, and had a quick idea for you.` : `I noticed your ${kind.noun}, ${business}, and had a quick idea for you.`,
    `I came across ${business} while looking at ${kindPhrase}${inCity}.`,
    `${business} stood out to me while I was looking at ${kindPhrase}${inCity}.`,
  ], variant);
  const value = nth([
    `For a ${kind.noun} like yours, that usually means more ${kind.customers} finding you online and choosing you over the alternatives.`,
    `The idea is simple: make it easier for ${kind.customers}${inCity} to find ${business} and get in touch.`,
    `It is built for ${kind.nounPlural} that want more ${kind.customers} without adding work for the team.`,
  ], variant);
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
export function writeOutreachDraft({ lead, sender, step }: WriteOutreachInput): OutreachDraft {
  const variant = stableHash(lead.businessName.trim().toLowerCase()) % 3;
  const facts = factsOf(lead, sender, variant);
  const subject = step < 1 ? firstSubject(facts, variant) : `Following up: ${firstSubject(facts, variant)}`;
  const body = step < 1 ? firstMessage(facts, variant) : followUp(facts, step);
  const signOff = nth(['Best regards,', 'Warm regards,', 'Thanks,'], variant);
  const paragraphs = [facts.greeting, ...body, `${signOff}\n${sender.name.trim()}\n${sender.company.trim()}`];
  return { subject: truncate(subject, SUBJECT_MAX), text: paragraphs.join('\n\n'), html: paragraphsToHtml(paragraphs) };
}
