// Just enough HTML reading for contact details on a small business's site: no DOM, no network. The
// pages are untrusted and may be large or malformed, so every scan is a linear regular expression
// over text already capped in size by the fetcher.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', commat: '@', period: '.', lbrack: '[', rbrack: ']', lpar: '(', rpar: ')' };

/** Decodes character references (&#64; &#x40; &commat; &amp;), which sites use to hide addresses from naive scrapers. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** The text a visitor sees: scripts, styles, comments and tags removed, entities decoded, blanks collapsed. */
export function visibleText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d|address|section|footer)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(text).replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/** The value of every `attribute` on every `tag` (e.g. all href of a), decoded. */
export function attributeValues(html: string, tag: string, attribute: string): string[] {
  const values: string[] = [];
  const tags = new RegExp(`<${tag}\\b[^>]*>`, 'gi');
  const attr = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
  for (const match of html.matchAll(tags)) {
    const found = attr.exec(match[0]);
    const value = found?.[1] ?? found?.[2] ?? found?.[3];
    if (value !== undefined) values.push(decodeEntities(value).trim());
  }
  return values;
}

/** Links with their visible text: <a href="/contact-us">Contact us</a>. */
export function anchors(html: string): Array<{ href: string; text: string }> {
  const out: Array<{ href: string; text: string }> = [];
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]{0,500}?)<\/a\s*>/gi)) {
    const attr = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(` ${match[1]}`);
    const href = attr?.[1] ?? attr?.[2] ?? attr?.[3];
    if (href !== undefined) out.push({ href: decodeEntities(href).trim(), text: visibleText(match[2] ?? '') });
  }
  return out;
}

/** The bodies of <script type="application/ld+json"> blocks, parsed; unparseable ones are skipped. */
export function jsonLdBlocks(html: string): unknown[] {
  const out: unknown[] = [];
  for (const match of html.matchAll(/<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    try {
      out.push(JSON.parse(match[1] ?? ''));
    } catch {
      // A broken block on a real site: the rest of the page still counts.
    }
  }
  return out;
}
