// Duplicates within one file, decided in file order before anything is written, so the first row
// always wins. A lead with email is the same lead as an earlier one with that email; a lead without
// email is the same as an earlier one with its phone, or with its business name and city (or
// address). Memory stays flat for any file: the first MAX_REMEMBERED keys are kept for the whole
// file, and the keys of the batch being read and of the one before it always; a repeat of an older
// row is then found by the database, which holds that row by then (batches are written in order,
// at most two at once: the batch before is the only one not yet committed).
import type { NormalizedLead } from '../lead-input.ts';

/** Keys (emails, phones, places) kept for the whole file: about 10 MB. */
export const MAX_REMEMBERED = 100_000;

export interface FileDuplicate {
  field: 'email' | 'phone' | 'businessName';
  /** The row of the file this one repeats. */
  row: number;
  value: string;
}

/** The business name and where it is, as a key: "sharma dental|jaipur". Null without a place. */
export function placeKey(lead: Pick<NormalizedLead, 'businessName' | 'city' | 'customFields'>): string | null {
  const address = lead.customFields.Address;
  const place = lead.city ?? (typeof address === 'string' ? address : null);
  return place === null ? null : `${lead.businessName.toLowerCase()}|${place.toLowerCase()}`;
}

/** Keys of one kind: the first rows' for the whole file, and those of the batch being read and the one before. */
class Window<K> {
  readonly remembered = new Map<K, number>();
  current = new Map<K, number>();
  previous = new Map<K, number>();

  find(key: K): number | undefined {
    return this.remembered.get(key) ?? this.current.get(key) ?? this.previous.get(key);
  }

  /** True when the key joined the whole-file memory (false: known already, or kept for the batch window only). */
  remember(key: K, row: number, roomLeft: boolean): boolean {
    if (this.remembered.has(key) || this.current.has(key)) return false; // the first row keeps the key
    if (roomLeft) this.remembered.set(key, row);
    else this.current.set(key, row);
    return roomLeft;
  }

  rotate(): void {
    const done = this.previous;
    done.clear();
    this.previous = this.current;
    this.current = done;
  }
}

export class FileDuplicates {
  // Separate maps, and phones as numbers (E.164 digits fit a double exactly): small keys, flat memory.
  private readonly emails = new Window<string>();
  private readonly phones = new Window<number>();
  private readonly places = new Window<string>();
  private size = 0;

  /** The earlier row this lead repeats, if any; otherwise the lead is remembered under its keys. */
  check(row: number, lead: NormalizedLead): FileDuplicate | null {
    const phone = lead.phone === null ? null : Number(lead.phone.slice(1));
    const place = placeKey(lead);
    if (lead.email !== null) {
      const earlier = this.emails.find(lead.email);
      if (earlier !== undefined) return { field: 'email', row: earlier, value: lead.email };
    } else {
      const byPhone = phone === null ? undefined : this.phones.find(phone);
      if (byPhone !== undefined) return { field: 'phone', row: byPhone, value: lead.phone as string };
      const byPlace = place === null ? undefined : this.places.find(place);
      if (byPlace !== undefined) return { field: 'businessName', row: byPlace, value: `${lead.businessName}, ${lead.city ?? lead.customFields.Address}` };
    }
    // A lead with email still claims its phone and place: a later row without email repeats it.
    if (lead.email !== null && this.emails.remember(lead.email, row, this.size < MAX_REMEMBERED)) this.size += 1;
    if (phone !== null && this.phones.remember(phone, row, this.size < MAX_REMEMBERED)) this.size += 1;
    if (place !== null && this.places.remember(place, row, this.size < MAX_REMEMBERED)) this.size += 1;
    return null;
  }

  /** A new batch starts filling: the one before it is now being written, the one before that is stored. */
  nextBatch(): void {
    this.emails.rotate();
    this.phones.rotate();
    this.places.rotate();
  }
}
