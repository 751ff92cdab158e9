import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DomainError, ErrorCode } from '../../core/errors.ts';

/**
 * Streams CSV records from a byte stream: UTF-8 (a BOM is fine), quoted fields with commas and
 * newlines, ragged rows. Bytes that are not UTF-8 stop the import with a message that says so.
 */
export async function* csvRecords(input: Readable, options: { maxBytes?: number } = {}): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1024 * 1024 });
  let bytes = 0;
  const feed = (async () => {
    try {
      for await (const chunk of input) {
        bytes += (chunk as Buffer).length;
        if (options.maxBytes && bytes > options.maxBytes) {
          throw new DomainError(ErrorCode.VALIDATION, `The file is larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB limit.`);
        }
        let text: string;
        try {
          text = decoder.decode(chunk as Buffer, { stream: true });
        } catch {
          throw new DomainError(ErrorCode.VALIDATION, 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.');
        }
        if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError(ErrorCode.VALIDATION, `The file is not valid CSV: ${message}`);
  } finally {
    await feed;
  }
}
