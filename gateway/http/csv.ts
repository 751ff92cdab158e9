import type { Readable } from 'node:stream';
import { DomainError, ErrorCode } from '../../core/errors.ts';
import { CsvReader, type CsvRecord } from '../../core/leads/import/csv-reader.ts';
import { SNIFF_BYTES, StreamDecoder, detectDelimiter, detectEncoding, type Delimiter, type TextEncoding } from '../../core/leads/import/text-format.ts';

export type { CsvRecord } from '../../core/leads/import/csv-reader.ts';

/**
 * Text is handed to the reader in slices, so a big chunk (a GraphQL upload is one) is not parsed far
 * ahead of the import: a slice's records live until the import has taken them all, and records kept
 * that long are promoted to the old generation (64 KB slices cost the import ~30 MB of RSS).
 */
const PARSE_SLICE = 8 * 1024;
/** Records between two turns of the event loop. */
const YIELD_EVERY = 32;

/** What was found out about the file; filled in once its first bytes are read. */
export interface CsvFileInfo {
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** The file began as UTF-8 and turned out not to be: read on as Windows-1252 from that point. */
  switchedToWindows1252: boolean;
}

export interface CsvFile {
  info: CsvFileInfo;
  records: AsyncGenerator<CsvRecord>;
}

/**
 * Streams CSV records from a byte stream in any encoding and delimiter an export uses (see
 * text-format.ts): quoted fields with delimiters and line breaks, ragged rows, stray quotes. The
 * bytes are decoded as they arrive; reading stops when the records' reader stops.
 */
export function readCsv(input: Readable, options: { maxBytes?: number } = {}): CsvFile {
  const info: CsvFileInfo = { encoding: null, delimiter: null, switchedToWindows1252: false };
  return { info, records: csvRecordsOf(input, info, options) };
}

/** The records alone (for callers that need no file info). */
export function csvRecords(input: Readable, options: { maxBytes?: number } = {}): AsyncGenerator<CsvRecord> {
  return readCsv(input, options).records;
}

async function* csvRecordsOf(input: Readable, info: CsvFileInfo, options: { maxBytes?: number }): AsyncGenerator<CsvRecord> {
  let size = 0;
  let decoder: StreamDecoder | null = null;
  let reader: CsvReader | null = null;
  const pending: Uint8Array[] = [];
  let count = 0;
  async function* emit(records: CsvRecord[]): AsyncGenerator<CsvRecord> {
    for (const record of records) {
      yield record;
      // Records come out of a slice at once: let I/O (the import's database replies) run between them.
      if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  /** Decides encoding and delimiter from the bytes held so far, then reads them. */
  function start(): string {
    const sample = Buffer.concat(pending);
    pending.length = 0;
    const format = detectEncoding(sample);
    decoder = new StreamDecoder(format.encoding);
    const text = decoder.write(sample);
    info.encoding = format.encoding;
    info.delimiter = detectDelimiter(text.slice(0, SNIFF_BYTES));
    reader = new CsvReader(info.delimiter);
    return text;
  }
  const feed = async function* (text: string): AsyncGenerator<CsvRecord> {
    for (let at = 0; at < text.length; at += PARSE_SLICE) yield* emit((reader as CsvReader).push(text.slice(at, at + PARSE_SLICE)));
  };
  // Not destroyed when left early: an HTTP request must stay open for its response.
  for await (const chunk of input.iterator({ destroyOnReturn: false })) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (options.maxBytes && size > options.maxBytes) {
      throw new DomainError(ErrorCode.VALIDATION, `The file is larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB limit.`);
    }
    if (!decoder) {
      pending.push(bytes);
      if (size >= SNIFF_BYTES) yield* feed(start());
      continue;
    }
    for (let at = 0; at < bytes.length; at += PARSE_SLICE) {
      yield* feed((decoder as StreamDecoder).write(bytes.subarray(at, at + PARSE_SLICE)));
    }
    info.switchedToWindows1252 ||= (decoder as StreamDecoder).switched;
  }
  if (!decoder) {
    if (size === 0) return;
    yield* feed(start());
  }
  const rest = (decoder as unknown as StreamDecoder).end();
  info.switchedToWindows1252 ||= (decoder as unknown as StreamDecoder).switched;
  yield* feed(rest);
  yield* emit((reader as unknown as CsvReader).end());
}

/** A plain number or phone number: a spreadsheet shows it as a number at worst, it runs nothing. */
const NUMERIC = /^[+-]?[\d\s().,]*$/;

/**
 * A cell as it is safe to open in a spreadsheet: text that Excel, Sheets or LibreOffice would run
 * as a formula (it starts with =, +, -, @, a tab or a carriage return: "CSV injection") gets a
 * leading apostrophe, so it shows as the text it is. Numbers and phone numbers such as
 * +919876543210 stay as they are.
 */
export function spreadsheetCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  if (!/^[=+\-@\t\r]/.test(text) || NUMERIC.test(text)) return text;
  return `'${text}`;
}
