import { stripQuotedReply } from '../reply-text.ts';

/**
 * The words the lead wrote for this reply: no quoted history (stripQuotedReply), no "Sent from my
 * iPhone", no legal disclaimer and no signature block. Our own pitch in the quote and a clinic's
 * disclaimer ("if you are not the intended recipient, delete…") must not decide the intent.
 */

/** A line from which everything is boilerplate the mail client or the legal team added. */
const boilerplate = [
  /^-{2,}\s*(मूल संदेश|अग्रेषित संदेश)\s*-{2,}$/, // Outlook's "Original Message" line in Hindi
  /^(प्रेषक|भेजने वाला)\s*:/,
  /^(sent from|sent via|get outlook for|download outlook for)\b/i,
  /^(गोपनीयता सूचना|अस्वीकरण|गोपनीय सूचना)/,
  /^(यह|इस) (ई-?मेल|संदेश).*(गोपनीय|केवल .*प्राप्तकर्ता)/,
  /^(disclaimer|confidentiality notice|legal notice|important notice)\b/i,
  /^\**\s*(this (e-?mail|message|communication)( and any (files|attachments?))?|the information (contained )?in this (e-?mail|message))\b.*\b(confidential|intended (solely )?for|privileged)/i,
  /^(if you are not the intended recipient|if you have received this (e-?mail|message) in error)/i,
  /^(please consider the environment|think before you print)/i,
];

/** "Regards," and friends: what follows them is a name, a title and a phone number. */
const signOff = /^(all the best|best wishes|warmly|warm wishes|season'?s greetings|take care|respectfully|xo|yours|namaste|शुभेच्छा|सधन्यवाद|best|best regards|kind regards|warm regards|warmest regards|regards|rgds|thanks( and| &) regards|many thanks|thanks|thank you|thx|cheers|sincerely|yours (truly|sincerely|faithfully)|faithfully|with regards|thanks & rgds|saadar|sadar|dhanyavad|dhanyawad|shukriya|सादर|धन्यवाद|शुभकामनाओं सहित|भवदीय|आपका|आपकी)[\s,.!-]*$/i;

/** A signature is a sign-off and a few short lines (a "--" line is handled by stripQuotedReply); the sign-off itself stays. */
function dropSignature(lines: string[]): string[] {
  for (let index = lines.length - 2; index >= 0; index -= 1) {
    const tail = lines.slice(index + 1).filter((line) => line.trim());
    if (!signOff.test((lines[index] ?? '').trim())) continue;
    if (tail.length <= 6 && tail.every((line) => line.trim().length <= 80)) return lines.slice(0, index + 1);
  }
  return lines;
}

/** A line that names someone or something: "Nora Sullivan", "Chef/Owner", "Dr. Anand's Eye Hospital", "कविता जैन". */
const nameLine = /^(?:(?:dr|ca|adv|er|prof|chef|sri|shri|smt|mr|mrs|ms)\.?\s+)?[\p{Lu}(][\p{L}\p{N}.'’&/()-]*(?:[\s,]+(?:[\p{Lu}\p{N}(&|+][\p{L}\p{N}.'’&/()-]*|and|of|de|da|the)){0,5},?$/u;
const hindiNameLine = /^\p{Script=Devanagari}[\p{Script=Devanagari}\p{Script=Latin}\s.(),-]{1,50}$/u;
const hindiSentenceEnd = /(है|हैं|हूँ|हूं|था|थी|थे|करें|कीजिए|कीजिये|भेजें|दें|गा|गी|गे|ए|एं|एँ)\s*[।.!?]?$/u;

/** The last paragraph, when it is only a name, a title, a business or a phone number (a signature without a sign-off). */
function dropSignatureBlock(lines: string[]): string[] {
  const lastBlank = lines.findLastIndex((line, index) => !line.trim() && lines.slice(0, index).some((before) => before.trim()));
  if (lastBlank < 0) return lines;
  const block = lines.slice(lastBlank + 1).map((line) => line.trim()).filter(Boolean);
  const first = block[0] ?? '';
  const looksSigned = nameLine.test(first) || (hindiNameLine.test(first) && !hindiSentenceEnd.test(first));
  const short = block.length <= 5 && block.every((line) => line.length <= 70 && !line.endsWith('?'));
  return block.length && looksSigned && short ? lines.slice(0, lastBlank) : lines;
}

export function ownWords(body: string): string {
  const lines = stripQuotedReply(body).split('\n');
  const end = lines.findIndex((line) => boilerplate.some((pattern) => pattern.test(line.trim())));
  const kept = end >= 0 ? lines.slice(0, end) : lines;
  return dropSignatureBlock(dropSignature(kept)).join('\n').trim();
}
