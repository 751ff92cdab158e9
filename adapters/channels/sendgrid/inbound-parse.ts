import type { InboundMessage } from '../../../core/channels/channel.ts';
import { htmlToText } from './html-to-text.ts';
import { readInboundForm } from './inbound-form.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import { decodeEncodedWords, messageIds, parseAddress, parseAddressList, parseHeaderBlock } from './mail-headers.ts';

export { InboundParseError } from './inbound-parse-error.ts';
export type { InboundParseErrorCode } from './inbound-parse-error.ts';

/** 10 MB: replies with attachments; anything bigger is refused while it streams in. */
export const DEFAULT_INBOUND_MAX_BYTES = 10 * 1024 * 1024;

export interface InboundParseLimits {
  maxBytes?: number;
}

/** An InboundMessage plus what Inbound Parse tells us beyond it. */
export interface ParsedInboundEmail extends InboundMessage {
  attachmentCount: number;
  /** SendGrid's SPF verdict, e.g. "pass". */
  spf: string | null;
}

/**
 * Reads SendGrid Inbound Parse's POST (the parsed, not the raw, format): a multipart form with
 * from, to, subject, text, html, headers (the raw header block), envelope, charsets, SPF and attachments.
 */
export async function parseInboundParse(
  body: Buffer | NodeJS.ReadableStream,
  contentType: string,
  limits: InboundParseLimits = {},
): Promise<ParsedInboundEmail> {
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) {
    throw new InboundParseError('not_multipart', `expected multipart/form-data, got ${contentType || 'no content type'}`);
  }
  const { fields, attachmentCount } = await readInboundForm(body, contentType, limits.maxBytes ?? DEFAULT_INBOUND_MAX_BYTES);

  const fromField = fields.get('from')?.trim();
  if (!fromField) throw new InboundParseError('missing_from', 'the inbound email has no "from" field');
  const from = parseAddress(fromField);
  if (!from) throw new InboundParseError('bad_from', `cannot read a sender address from "${fromField.slice(0, 200)}"`);

  const headers = parseHeaderBlock(fields.get('headers') ?? '');
  const header = (name: string) => headers.get(name)?.[0];
  const html = nonBlank(fields.get('html'));
  const text = nonBlank(fields.get('text')) ?? (html ? htmlToText(html) : '');
  const subject = nonBlank(fields.get('subject')) ?? nonBlank(header('subject'));

  return {
    from,
    to: recipients(fields.get('to'), fields.get('envelope')),
    subject: subject === null ? null : decodeEncodedWords(subject),
    text,
    html,
    messageId: messageIds(header('message-id'))[0] ?? nonBlank(header('message-id')),
    inReplyTo: messageIds(header('in-reply-to'))[0] ?? null,
    references: messageIds(headers.get('references')?.join(' ')),
    attachmentCount,
    spf: nonBlank(fields.get('SPF')),
  };
}

/** The To header's addresses, then any envelope recipient they miss (a Bcc, or a forward to our parse domain). */
function recipients(toField: string | undefined, envelopeField: string | undefined): string[] {
  const addresses = parseAddressList(toField).map((a) => a.email);
  for (const email of envelopeRecipients(envelopeField)) {
    if (!addresses.some((a) => a.toLowerCase() === email.toLowerCase())) addresses.push(email);
  }
  return addresses;
}

function envelopeRecipients(value: string | undefined): string[] {
  try {
    const envelope = JSON.parse(value ?? 'null') as { to?: unknown } | null;
    return Array.isArray(envelope?.to) ? envelope.to.filter((t): t is string => typeof t === 'string' && t.includes('@')) : [];
  } catch {
    return [];
  }
}

function nonBlank(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
