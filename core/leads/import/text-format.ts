// How a file's bytes become text, decided from its first bytes: the encoding (UTF-8 with or without
// a BOM, UTF-16 LE/BE with or without a BOM — Excel's "Unicode text" — or Windows-1252 for bytes that
// are not UTF-8) and the delimiter (, ; tab |). Pure: TextDecoder is the platform's, no I/O.

/** The encodings a file is read in, by the names the API gives them. */
export const TextEncoding = { UTF_8: 'utf-8', UTF_16LE: 'utf-16le', UTF_16BE: 'utf-16be', WINDOWS_1252: 'windows-1252' } as const;
export type TextEncoding = (typeof TextEncoding)[keyof typeof TextEncoding];
/** The delimiters a file may use, by the names the API gives them. */
export const Delimiter = { COMMA: ',', SEMICOLON: ';', TAB: '\t', PIPE: '|' } as const;
export type Delimiter = (typeof Delimiter)[keyof typeof Delimiter];
export const DELIMITERS: readonly Delimiter[] = Object.values(Delimiter);

/** What was detected from the first bytes; `bom` says whether the encoding was declared by one. */
export interface TextFormat {
  encoding: TextEncoding;
  bom: boolean;
}

/** Bytes enough to decide: the first lines of any export. */
export const SNIFF_BYTES = 64 * 1024;

export function detectEncoding(sample: Uint8Array): TextFormat {
  const [a, b, c] = sample;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: true };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: true };
  // Text in UTF-16 without a BOM: ASCII characters leave a zero byte beside each one.
  let evenZeros = 0;
  let oddZeros = 0;
  const n = Math.min(sample.length, 4096) & ~1;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (pairs >= 2 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return { encoding: 'utf-16le', bom: false };
  if (pairs >= 2 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return { encoding: 'utf-16be', bom: false };
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bom: false };
}

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes chunk by chunk in the detected encoding (a character split across chunks is joined).
 * A file that began as UTF-8 and later holds bytes that are not (a sheet pasted together from two
 * sources) goes on as Windows-1252 from that chunk: nothing is refused or lost; `switched` says so.
 */
export class StreamDecoder {
  private decoder: InstanceType<typeof TextDecoder>;
  private tail: Uint8Array | null = null;
  switched = false;

  constructor(private encoding: TextEncoding) {
    // ignoreBOM: false drops a leading BOM of the declared encoding, as a spreadsheet does.
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  get current(): TextEncoding {
    return this.encoding;
  }

  write(chunk: Uint8Array): string {
    if (this.encoding !== 'utf-8') return this.decoder.decode(chunk, { stream: true });
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.tail = incompleteUtf8Tail(chunk);
      return text;
    } catch {
      this.switchToWindows1252();
      const bytes = this.tail ? concat(this.tail, chunk) : chunk;
      this.tail = null;
      return this.decoder.decode(bytes, { stream: true });
    }
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      this.switchToWindows1252();
      const text = this.tail ? this.decoder.decode(this.tail) : '';
      this.tail = null;
      return text;
    }
  }

  private switchToWindows1252(): void {
    this.encoding = 'windows-1252';
    this.decoder = new TextDecoder('windows-1252');
    this.switched = true;
  }
}

/** The bytes of a UTF-8 character that the chunk's end cut in two (the decoder holds them for the next chunk). */
function incompleteUtf8Tail(chunk: Uint8Array): Uint8Array | null {
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? chunk.subarray(chunk.length - back) : null;
  }
  return null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The delimiter of the text's first lines: the candidate found the same number of times (at least
 * once) on the most lines, outside quotes; a tie goes to the one found more often per line. A file
 * of one column has none of them: comma then.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = firstLines(sample, 30);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter)).filter((n) => n > 0);
    if (!counts.length) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [n, times] of frequency) if (times > modeLines || (times === modeLines && n > mode)) [mode, modeLines] = [n, times];
    const score = modeLines * 1000 + Math.min(mode, 999);
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

/** Up to `max` non-blank lines, a quoted line break not ending a line. */
function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The sample's last line may be cut short: it counts only when it is the only one.
  if (lines.length === 0 && start < text.length) lines.push(text.slice(start));
  return lines.filter((line) => line.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) n += 1;
  }
  return n;
}
