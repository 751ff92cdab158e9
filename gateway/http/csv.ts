import { parse } from 'csv-parse';
import type { Readable, Writable } from 'node:stream';
import { DomainError, ErrorCode } from '../../core/errors.ts';

const PARSE_SLICE = 64 * 1024;
/** Records between two turns of the event loop. */
const YIELD_EVERY = 32;
const NOT_UTF8 = 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.';

/** A check that the bytes seen so far are UTF-8: a character split across chunks is checked with the next one, and a call without a chunk checks the end. */
function utf8Check(): (chunk?: Buffer) => void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (chunk) => {
    try {
      if (chunk) decoder.decode(chunk, { stream: true });
      else decoder.decode();
    } catch {
      throw new DomainError(ErrorCode.VALIDATION, NOT_UTF8);
    }
  };
}

function drainOrClose(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.once('drain', done).once('close', done);
  });
}

/**
 * Streams CSV records from a byte stream: UTF-8 (a BOM is fine), quoted fields with commas and
 * newlines, ragged rows. Bytes that are not UTF-8 stop the import with a message that says so.
 */
export async function* csvRecords(input: Readable, options: { maxBytes?: number } = {}): AsyncGenerator<string[]> {
  const checkUtf8 = utf8Check();
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1024 * 1024 });
  let size = 0;
  const feed = (async () => {
    try {
      // Not destroyed when left early: an HTTP request must stay open for its response.
      for await (const chunk of input.iterator({ destroyOnReturn: false })) {
        if (parser.destroyed) return; // the records' reader stopped (a bad header, a failed batch): read no further
        const bytes = chunk as Buffer;
        size += bytes.length;
        if (options.maxBytes && size > options.maxBytes) {
          throw new DomainError(ErrorCode.VALIDATION, `The file is larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB limit.`);
        }
        checkUtf8(bytes);
        // The parser takes the bytes as they are (it decodes each field), in slices: it turns a whole
        // slice into records at once, so a big chunk (a GraphQL upload is one) would parse ahead of
        // the import. Waiting for 'drain' keeps reading one slice ahead of the records being used.
        for (let at = 0; at < bytes.length; at += PARSE_SLICE) {
          if (!parser.write(bytes.subarray(at, at + PARSE_SLICE))) await drainOrClose(parser);
          if (parser.destroyed) return;
        }
      }
      checkUtf8();
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    let count = 0;
    for await (const record of parser) {
      yield record as string[];
      // Records already parsed arrive as microtasks, which would run a whole slice's worth before any
      // I/O: the import's database replies (the next batch's BEGIN, its INSERT) would wait for them.
      if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError(ErrorCode.VALIDATION, `The file is not valid CSV: ${message}`);
  } finally {
    await feed;
  }
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
