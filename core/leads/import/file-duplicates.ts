// Duplicates within one file, decided in file order before anything is written, so the first row
// always wins. A lead with email is the same lead as an earlier one with that email; a lead without
// email is the same as an earlier one with its phone, or with its business name and city (or
// address). Memory stays flat for any file: the first MAX_REMEMBERED keys are kept for the whole
// file, and the keys of the batch being read and of the one before it always; a repeat of an older
// row is then found by the database, which holds that row by then (batches are written in order,
// at most two at once: the batch before is the only one not yet committed).
import type { NormalizedLead } from '../lead-input.ts';

export const MAX_REMEMBERED = 150_000;

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

export class FileDuplicates {
  private readonly remembered = new Map<string, number>();
  private current = new Map<string, number>();
  private previous = new Map<string, number>();

  /** The earlier row this lead repeats, if any; otherwise the lead is remembered under its keys. */
  check(row: number, lead: NormalizedLead): FileDuplicate | null {
    const email = lead.email === null ? null : `e:${lead.email}`;
    const phone = lead.phone === null ? null : `p:${lead.phone}`;
    const placeText = placeKey(lead);
    const place = placeText === null ? null : `n:${placeText}`;
    if (email !== null) {
      const earlier = this.find(email);
      if (earlier !== undefined) return { field: 'email', row: earlier, value: lead.email as string };
    } else {
      const byPhone = phone === null ? undefined : this.find(phone);
      if (byPhone !== undefined) return { field: 'phone', row: byPhone, value: lead.phone as string };
      const byPlace = place === null ? undefined : this.find(place);
      if (byPlace !== undefined) return { field: 'businessName', row: byPlace, value: `${lead.businessName}, ${lead.city ?? lead.customFields.Address}` };
    }
    // A lead with email still claims its phone and place: a later row without email repeats it.
    for (const key of [email, phone, place]) if (key !== null) this.remember(key, row);
    return null;
  }

  /** A new batch starts filling: the one before it is now being written, the one before that is stored. */
  nextBatch(): void {
    const done = this.previous;
    done.clear();
    this.previous = this.current;
    this.current = done;
  }

  private find(key: string): number | undefined {
    return this.remembered.get(key) ?? this.current.get(key) ?? this.previous.get(key);
  }

  private remember(key: string, row: number): void {
    if (this.remembered.has(key) || this.current.has(key)) return; // the first row keeps the key
    if (this.remembered.size < MAX_REMEMBERED) this.remembered.set(key, row);
    else this.current.set(key, row);
  }
}
