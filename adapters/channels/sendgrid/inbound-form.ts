import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { decodeCharset } from './mail-headers.ts';
import { InboundParseError } from './inbound-parse-error.ts';

export interface InboundForm {
  /** Text fields, each decoded with the charset SendGrid names for it in `charsets`. */
  fields: Map<string, string>;
  attachmentCount: number;
}

const tooLarge = (maxBytes: number) => new InboundParseError('too_large', `inbound email is larger than ${maxBytes} bytes`);

/**
 * Streams a multipart/form-data body through busboy. Attachments are counted and drained, never kept;
 * the byte count is checked as data arrives, so an oversized post is refused without buffering it.
 */
export async function readInboundForm(body: Buffer | NodeJS.ReadableStream, contentType: string, maxBytes: number): Promise<InboundForm> {
  if (Buffer.isBuffer(body) && body.length > maxBytes) throw tooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    // latin1 keeps every field's raw bytes: the real charset is only known once `charsets` has arrived.
    parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1', limits: { fieldSize: maxBytes } });
  } catch (error) {
    throw new InboundParseError('malformed', `malformed multipart: ${(error as Error).message}`);
  }
  const raw = new Map<string, string>();
  let attachmentCount = 0;
  parser.on('field', (name, value) => raw.set(name, value));
  parser.on('file', (_name, file) => {
    attachmentCount++;
    // Aborting the form destroys the open file stream with the same error; the pipeline reports it.
    file.on('error', () => {});
    file.resume();
  });

  try {
    await pipeline(countedChunks(body, maxBytes), parser);
  } catch (error) {
    if (error instanceof InboundParseError) throw error;
    throw new InboundParseError('malformed', `malformed multipart: ${(error as Error).message}`);
  }
  return { fields: decodeFields(raw), attachmentCount };
}

/**
 * The body's chunks, refused past maxBytes. A caller's stream is left undestroyed when we stop early,
 * so the webhook can still answer 413 (Node discards the unread rest).
 */
async function* countedChunks(body: Buffer | NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<Buffer | string> {
  const chunks = Buffer.isBuffer(body) ? [body] : body instanceof Readable ? body.iterator({ destroyOnReturn: false }) : body;
  let seen = 0;
  for await (const chunk of chunks) {
    seen += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (seen > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

function decodeFields(raw: Map<string, string>): Map<string, string> {
  const charsets = parseCharsets(raw.get('charsets'));
  const fields = new Map<string, string>();
  for (const [name, value] of raw) {
    // A character above U+00FF means busboy already decoded the part with its own Content-Type charset.
    const decoded = /[^\u0000-\u00ff]/.test(value) ? value : decodeCharset(Buffer.from(value, 'latin1'), charsets[name] ?? 'utf-8');
    // NUL characters carry nothing in an email and PostgreSQL cannot store them: the reply keeps the rest.
    fields.set(name, (decoded ?? Buffer.from(value, 'latin1').toString('utf8')).replaceAll('\u0000', ''));
  }
  return fields;
}

function parseCharsets(value: string | undefined): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(value ?? '{}');
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
