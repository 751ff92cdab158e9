import type { DraftAnswerInput } from '../../../core/ai/ai-assistant.ts';
import type { AnswerDraft } from '../../../core/ai/ai.types.ts';
import { addresseeOf } from './outreach-writer.ts';
import { detectLanguage, stripQuotedReply } from './reply-text.ts';
import { collapseWhitespace, truncate } from './text-utils.ts';

interface AnswerParts {
  name: string | null;
  business: string;
  company: string;
  quote: string;
}

/** The same answer in the lead's language: it quotes the question, promises a specialist's confirmation and offers a call. */
const templates: Record<ReturnType<typeof detectLanguage>, (parts: AnswerParts) => string[]> = {
  en: ({ name, business, company, quote }) => [
    name ? `Hi ${name},` : `Hi ${business} team,`,
    quote ? `Thank you for your question: "${quote}"` : 'Thank you for your question.',
    `A specialist on our team at ${company} will confirm the exact details for ${business} and get back to you shortly. ` +
      'If it is easier, we can also go through it on a quick 15-minute call; just reply with a time that suits you.',
    'Best regards,',
  ],
  hinglish: ({ name, business, company, quote }) => [
    name ? `Namaste ${name},` : `Namaste ${business} team,`,
    quote ? `Aapke sawaal ke liye dhanyavaad: "${quote}"` : 'Aapke sawaal ke liye dhanyavaad.',
    `${company} ki team ke ek specialist ${business} ke liye exact details confirm karke jaldi aapko batayenge. ` +
      'Agar aap chahein to ek chhoti 15-minute call par bhi baat kar sakte hain; bas apna convenient time reply kar dijiye.',
    'Dhanyavaad,',
  ],
  hi: ({ name, business, company, quote }) => [
    name ? `नमस्ते ${name},` : `नमस्ते ${business} टीम,`,
    quote ? `आपके सवाल के लिए धन्यवाद: "${quote}"` : 'आपके सवाल के लिए धन्यवाद।',
    `${company} की टीम के एक विशेषज्ञ ${business} के लिए सही जानकारी की पुष्टि करके जल्द ही आपको बताएंगे। ` +
      'अगर आप चाहें तो हम 15 मिनट की एक छोटी कॉल पर भी बात कर सकते हैं; बस अपना सुविधाजनक समय बता दीजिए।',
    'धन्यवाद,',
  ],
};

/** A holding answer to a lead's question: never invents facts, hands over to a person. */
export function writeAnswerDraft({ lead, sender, question }: DraftAnswerInput): AnswerDraft {
  const quote = truncate(collapseWhitespace(stripQuotedReply(question)), 300);
  const parts: AnswerParts = { name: addresseeOf(lead.contactName), business: lead.businessName.trim(), company: sender.company.trim(), quote };
  const [greeting, ...body] = templates[detectLanguage(quote)](parts);
  const signOff = body.pop() ?? '';
  return { text: [greeting, ...body, `${signOff}\n${sender.name.trim()}\n${sender.company.trim()}`].join('\n\n') };
}
