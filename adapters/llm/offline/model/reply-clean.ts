import { stripQuotedReply } from '../reply-text.ts';

/**
 * The words the lead wrote for this reply: no quoted history (stripQuotedReply), no "Sent from my
 * iPhone", no legal disclaimer and no signature block. Our own pitch in the quote and a clinic's
 * disclaimer ("if you are not the intended recipient, delete…") must not decide the intent.
 */

/** A line from which everything is boilerplate the mail client or the legal team added. */
const boilerplate = [
  /^(sent from|sent via|get outlook for|download outlook for)\b/i,
  /^(disclaimer|confidentiality notice|legal notice|important notice)\b/i,
  /^\**\s*(this (e-?mail|message|communication)( and any (files|attachments?))?|the information (contained )?in this (e-?mail|message))\b.*\b(confidential|intended (solely )?for|privileged)/i,
  /^(if you are not the intended recipient|if you have received this (e-?mail|message) in error)/i,
  /^(please consider the environment|think before you print)/i,
];

/** "Regards," and friends: what follows them is a name, a title and a phone number. */
const signOff = /^(best|best regards|kind regards|warm regards|warmest regards|regards|rgds|thanks( and| &) regards|many thanks|thanks|thank you|thx|cheers|sincerely|yours (truly|sincerely|faithfully)|faithfully|with regards|thanks & rgds|saadar|sadar|dhanyavad|dhanyawad|shukriya|सादर|धन्यवाद|शुभकामनाओं सहित|भवदीय|आपका|आपकी)[\s,.!-]*$/i;

/** A signature is a sign-off and a few short lines (a "--" line is handled by stripQuotedReply); the sign-off itself stays. */
function dropSignature(lines: string[]): string[] {
  for (let index = lines.length - 2; index >= 0; index -= 1) {
    const tail = lines.slice(index + 1).filter((line) => line.trim());
    if (!signOff.test((lines[index] ?? '').trim())) continue;
    if (tail.length <= 6 && tail.every((line) => line.trim().length <= 80)) return lines.slice(0, index + 1);
  }
  return lines;
}

export function ownWords(body: string): string {
  const lines = stripQuotedReply(body).split('\n');
  const end = lines.findIndex((line) => boilerplate.some((pattern) => pattern.test(line.trim())));
  const kept = end >= 0 ? lines.slice(0, end) : lines;
  return dropSignature(kept).join('\n').trim();
}
