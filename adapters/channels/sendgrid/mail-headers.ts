/** The bits of RFC 5322 / RFC 2047 an inbound reply needs: headers, addresses, message ids, encoded words. */

export interface MailAddress {
  email: string;
  name: string | null;
}

/** Splits a raw header block into lower-cased names → values, unfolding continuation lines. */
export function parseHeaderBlock(raw: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = raw.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return headers;
}

/** Every `<id>` in a Message-ID, In-Reply-To or References value, brackets kept. */
export function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`); whitespace between two of them goes. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(word, (whole, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return decodeCharset(bytes, charset.split('*')[0] ?? 'utf-8') ?? whole;
    });
}

/** Decodes bytes in a named charset; null when Node does not know the charset. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    return null;
  }
}

const EMAIL = /^[^\s@<>(),;:\\"[\]]+@[^\s@<>(),;:\\"[\]]+$/;

/** One address: `Name <a@b>`, `"Last, First" <a@b>`, `a@b`, `a@b (Name)`; null when there is no usable address. */
export function parseAddress(raw: string): MailAddress | null {
  const value = raw.trim();
  const angled = /^(.*?)<([^<>]*)>\s*$/s.exec(value);
  if (angled) {
    const email = (angled[2] ?? '').trim();
    if (!EMAIL.test(email)) return null;
    return { email, name: displayName(angled[1] ?? '') };
  }
  const comment = /\(([^()]*)\)/.exec(value);
  const email = value.replace(/\([^()]*\)/g, '').trim();
  if (!EMAIL.test(email)) return null;
  return { email, name: displayName(comment?.[1] ?? '') };
}

/** A comma-separated list; commas inside quotes, brackets or comments do not split. Unparsable entries are dropped. */
export function parseAddressList(raw: string | undefined): MailAddress[] {
  if (!raw) return [];
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] ?? '';
    if (ch === '\\' && quoted) {
      current += ch + (raw[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '(')) depth++;
    else if (!quoted && (ch === '>' || ch === ')')) depth = Math.max(0, depth - 1);
    if (ch === ',' && !quoted && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(parseAddress).filter((a): a is MailAddress => a !== null);
}

function displayName(raw: string): string | null {
  let name = raw.trim();
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  name = decodeEncodedWords(name).trim();
  return name === '' ? null : name;
}
