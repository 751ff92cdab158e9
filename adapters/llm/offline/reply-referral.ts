/**
 * Who a "wrong person" reply points to: a name (without honorifics) and/or an email address, read
 * from the reply's own (not lower-cased) text. Never the replier themselves (their signature, "reach
 * me at"), never the person who left ("rahul@… is no longer monitored"), never the lead's own address
 * or ours (the sender's), never a no-reply mailbox.
 */
import { findReferralName } from './reply-referral-names.ts';

export interface Referral {
  name: string | null;
  email: string | null;
}

interface FoundEmail {
  address: string;
  index: number;
  end: number;
  /** Alone on its line, as in a signature: taken only right after the name it belongs to. */
  signatureLine: boolean;
}

/** Parts bounded as RFC 5321 bounds them, and starting at a word edge: a long run of letters without "@" stays linear. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;

/** A line that closes the message: what follows is the replier's signature. */
const SIGN_OFF =
  /^(?:(?:best|kind|warm|warmest|with|many)?\s*(?:regards|wishes|thanks)|thanks?(?: you)?(?: (?:and|&) regards)?|thx|cheers|best|sincerely|yours(?: sincerely| truly| faithfully)?|rgds|br|tc|take care|dhanyavad|dhanyawad|shukriya|dhanyvaad|धन्यवाद|सादर|आभार|शुभकामनाओं सहित|sent from my [\w ]+|get outlook for \w+)[\s,.!-]*$/i;
/** Lines of a quoted header, which name us or the lead, not a referral. */
const HEADER_LINE = /^\s*(?:from|to|sent|date|subject|reply-to)\s*:|wrote:?\s*$|ने लिखा:?\s*$/i;
/** What marks an address as the replier's own: "reach me at", "my email is", "mera email". */
const OWN_ADDRESS_BEFORE = /(?:\bme\s+(?:at|on|via)|\bmy\s+(?:e-?mail|mail|address|id)(?:\s+(?:id|address))?(?:\s+is)?|\bmera\s+(?:e-?mail|mail|id)(?:\s+id)?|मेरा\s+(?:ईमेल|मेल))\s*[:-]?\s*$/i;
/** Words after an address that say its owner has gone: "rahul@… is no longer monitored / has left". */
const DEPARTED_AFTER = /^[^.;!?\n]{0,60}?(?:no longer|has left|have left|left the|not with|not working|(?:does|do)\s*n[o']t work|deactivated|not (?:be )?monitored|inactive|not in use|chhod|छोड़|छोड)/i;
const NO_REPLY = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster)@/i;
/** A line holding only an address (and labels, a phone number): a signature line, unless the line before leads into it. */
const LABEL_ONLY = /^[\s|:,.()+\d/-]*(?:(?:e-?mail|mail|e|id|m|mob|mobile|ph|phone|tel|t|w|web)\b[\s|:,.()+\d/-]*)*$/i;

/** The text up to the replier's sign-off ("Regards,", "Sent from my iPhone", "धन्यवाद"), when one follows some text. */
function withoutSignature(text: string): string {
  const lines = text.split('\n');
  const signOff = lines.findIndex((line, index) => index > 0 && lines.slice(0, index).some((before) => before.trim()) && SIGN_OFF.test(line.trim()));
  return signOff === -1 ? text : lines.slice(0, signOff).join('\n');
}

const lineStart = (text: string, index: number) => text.lastIndexOf('\n', index - 1) + 1;

function lineAround(text: string, index: number): { line: string; previous: string } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  const previousStart = start > 0 ? text.lastIndexOf('\n', start - 2) + 1 : start;
  return { line: text.slice(start, end === -1 ? undefined : end), previous: start > 0 ? text.slice(previousStart, start - 1) : '' };
}

/** Addresses that could be the referral, in order. */
function candidateEmails(text: string, excluded: ReadonlySet<string>): FoundEmail[] {
  return [...text.matchAll(EMAIL)].flatMap((match) => {
    const address = match[0].replace(/\.$/, '');
    const index = match.index ?? 0;
    const end = index + address.length;
    const { line, previous } = lineAround(text, index);
    if (excluded.has(address.toLowerCase()) || NO_REPLY.test(address) || HEADER_LINE.test(line)) return [];
    if (OWN_ADDRESS_BEFORE.test(text.slice(Math.max(0, index - 30), index)) || DEPARTED_AFTER.test(text.slice(end))) return [];
    // "+ gm@…" (a Gmail/Outlook mention adding someone) is not a signature line.
    const signatureLine = LABEL_ONLY.test(line.replace(address, '')) && !/^\s*\+\s*$/.test(line.slice(0, index - lineStart(text, index))) && !/[:(-]\s*$|\b(?:contact|write to|email|reach|at)\s*$/i.test(previous.trim());
    return [{ address: address.slice(0, 254), index, end, signatureLine }];
  });
}

/** The address that goes with the name: right after it, else the one whose mailbox carries the name, else the first. */
function emailFor(text: string, found: FoundEmail[], name: { name: string; end: number } | null): FoundEmail | undefined {
  const emails = found.filter((email) => !email.signatureLine);
  if (!name) return emails[0];
  const adjacent = found.find((email) => email.index >= name.end && LABEL_ONLY.test(text.slice(name.end, email.index).replace(/\b(?:at|on)\b/gi, '')));
  const after = (email: FoundEmail) => email.index >= name.end && email.index - name.end <= 120;
  // A contact block below the name ("Rohit Khanna\nMarketing Head\nrohit.k@…") belongs to it; a new sentence does not.
  const block = found.find((email) => after(email) && !/[.!?]\s/.test(text.slice(name.end, email.index)));
  const near = emails.find(after);
  const first = name.name.split(' ')[0]?.toLowerCase() ?? '';
  const named = first.length >= 3 ? emails.find((email) => email.address.toLowerCase().split('@')[0]?.includes(first)) : undefined;
  return adjacent ?? named ?? block ?? near ?? emails[0];
}

/**
 * Finds the referral in the reply's own words. `ownEmail` (the lead's address, often in the
 * signature) and `senderEmail` (ours, in a quoted header) are never the referral.
 */
export function findReferral(text: string, ownEmail: string | null, senderEmail: string | null = null): Referral | null {
  const body = withoutSignature(text.normalize('NFC').replace(/\r\n?/g, '\n'));
  const excluded = new Set([ownEmail, senderEmail].flatMap((address) => (address?.trim() ? [address.trim().toLowerCase()] : [])));
  const name = findReferralName(body);
  const email = emailFor(body, candidateEmails(body, excluded), name)?.address ?? null;
  return name || email ? { name: name?.name ?? null, email } : null;
}
