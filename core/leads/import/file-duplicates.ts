// Duplicates within one file, decided in file order before anything is written, so the first row
// always wins. A lead with email is the same lead as an earlier one with that email; a lead without
// email is the same as an earlier one with its phone, or with its business name and city (or
// address). Memory stays flat for any file: the first MAX_REMEMBERED keys are kept for the whole
// file, and the keys of the batch being read and of the one before it always; a repeat of an older
// row is then found by the database, which holds that row by then (batches are written in order,
// at most two at once: the batch before is the only one not yet committed). Only the message
// differs: "same email as row 12 of this file" here, "a lead with the email … already exists" there.
//
// Keys are kept as two independent 32-bit hashes in typed arrays, not as strings in Maps: a row of
// a million-row import then allocates nothing here (strings kept across batches were promoted to the
// old generation and grew the process by ~50 MB). Two hashes make a false match about 1 in 10^13.
import type { NormalizedLead } from '../lead-input.ts';

export const MAX_REMEMBERED = 100_000;
/** Keys a batch window holds: a batch's rows (IMPORT_BATCH_SIZE) times three keys, with room to spare. */
const WINDOW_SLOTS = 16_384;
const FILE_SLOTS = 262_144; // a power of two, over twice MAX_REMEMBERED

export interface FileDuplicate {
  field: 'email' | 'phone' | 'businessName';
  /** The row of the file this one repeats. */
  row: number;
  value: string;
}

/** The business name and where it is, as a key: "sharma dental|jaipur". Null without a place. */
export function placeKey(lead: Pick<NormalizedLead, 'businessName' | 'city' | 'customFields'>): string | null {
  const place = placeOf(lead);
  return place === null ? null : `${lead.businessName.toLowerCase()}|${place.toLowerCase()}`;
}

function placeOf(lead: Pick<NormalizedLead, 'city' | 'customFields'>): string | null {
  const address = lead.customFields.Address;
  return lead.city ?? (typeof address === 'string' ? address : null);
}

/** Lower-cases A-Z and Latin-1 capitals without allocating (what PostgreSQL's lower() does to them). */
function fold(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

let h1 = 0;
let h2 = 0;
/** Hashes `kind`, then the text(s), folded, into h1 and h2 (two unrelated 32-bit hashes); allocates nothing. */
function hash(kind: number, a: string, b: string | null = null): void {
  let x = 0x811c9dc5 ^ kind;
  let y = 0x9747b28c ^ Math.imul(kind, 0x5bd1e995);
  const total = b === null ? a.length : a.length + 1 + b.length;
  for (let i = 0; i < total; i++) {
    const c = i < a.length ? fold(a.charCodeAt(i)) : i === a.length ? 0x7c : fold((b as string).charCodeAt(i - a.length - 1));
    x = Math.imul(x ^ c, 0x01000193);
    y = Math.imul(y ^ c, 0x5bd1e995);
    y ^= y >>> 15;
  }
  h1 = x | 1; // never 0: 0 marks an empty slot
  h2 = y;
}

/** An open-addressing table of (h1, h2) → row, in typed arrays. */
class KeyTable {
  private readonly k1: Int32Array;
  private readonly k2: Int32Array;
  private readonly rows: Int32Array;
  size = 0;

  constructor(private readonly slots: number) {
    this.k1 = new Int32Array(slots);
    this.k2 = new Int32Array(slots);
    this.rows = new Int32Array(slots);
  }

  /** The row under the current (h1, h2), or 0. */
  find(): number {
    for (let i = h1 & (this.slots - 1); this.k1[i] !== 0; i = (i + 1) & (this.slots - 1)) {
      if (this.k1[i] === h1 && this.k2[i] === h2) return this.rows[i] as number;
    }
    return 0;
  }

  /** Adds the current (h1, h2) unless present (the first row keeps its key); false when full. */
  add(row: number): boolean {
    if (this.size * 4 >= this.slots * 3) return false;
    let i = h1 & (this.slots - 1);
    for (; this.k1[i] !== 0; i = (i + 1) & (this.slots - 1)) if (this.k1[i] === h1 && this.k2[i] === h2) return true;
    this.k1[i] = h1;
    this.k2[i] = h2;
    this.rows[i] = row;
    this.size += 1;
    return true;
  }

  clear(): void {
    this.k1.fill(0);
    this.size = 0;
  }
}

const EMAIL = 1;
const PHONE = 2;
const PLACE = 3;

export class FileDuplicates {
  private readonly remembered = new KeyTable(FILE_SLOTS);
  private current = new KeyTable(WINDOW_SLOTS);
  private previous = new KeyTable(WINDOW_SLOTS);

  /** The earlier row this lead repeats, if any; otherwise the lead is remembered under its keys. */
  check(row: number, lead: NormalizedLead): FileDuplicate | null {
    const place = placeOf(lead);
    if (lead.email !== null) {
      hash(EMAIL, lead.email);
      const earlier = this.find();
      if (earlier) return { field: 'email', row: earlier, value: lead.email };
      this.remember(row, true);
    } else {
      if (lead.phone !== null) {
        hash(PHONE, lead.phone);
        const earlier = this.find();
        if (earlier) return { field: 'phone', row: earlier, value: lead.phone };
      }
      if (place !== null) {
        hash(PLACE, lead.businessName, place);
        const earlier = this.find();
        if (earlier) return { field: 'businessName', row: earlier, value: `${lead.businessName}, ${place}` };
      }
    }
    // A lead's phone and place are claimed too: a later row without email repeats them. A lead with
    // email claims them for the batch window only; its row is stored by the time a later batch is
    // written, and the database finds it then.
    if (lead.phone !== null) {
      hash(PHONE, lead.phone);
      this.remember(row, lead.email === null);
    }
    if (place !== null) {
      hash(PLACE, lead.businessName, place);
      this.remember(row, lead.email === null);
    }
    return null;
  }

  /** A new batch starts filling: the one before it is now being written, the one before that is stored. */
  nextBatch(): void {
    const done = this.previous;
    done.clear();
    this.previous = this.current;
    this.current = done;
  }

  private find(): number {
    return this.remembered.find() || this.current.find() || this.previous.find();
  }

  private remember(row: number, wholeFile: boolean): void {
    if (this.remembered.find()) return; // the first row keeps the key
    if (wholeFile && this.remembered.size < MAX_REMEMBERED && this.remembered.add(row)) return;
    this.current.add(row);
  }
}
