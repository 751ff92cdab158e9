/** Small text helpers for the offline templates. */

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

/** FNV-1a: a stable hash so the same lead always gets the same wording (no randomness in tests or retries). */
export function stableHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The option at `index` (wrapping around), for template variants. */
export function nth<T>(options: readonly T[], index: number): T {
  const choice = options[index % options.length];
  if (choice === undefined) throw new Error('nth needs at least one option');
  return choice;
}

/** Cuts at a word boundary and adds an ellipsis, so a long business name cannot break a length limit. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** "Websites and Google reviews" → "websites and Google reviews"; acronyms ("SEO") stay. */
export function lowerFirst(value: string): string {
  return /^\p{Lu}\p{Ll}/u.test(value) ? value.charAt(0).toLowerCase() + value.slice(1) : value;
}

export function upperFirst(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Plain-text paragraphs (blank-line separated) as <p> HTML; every value is escaped, line breaks become <br>. */
export function paragraphsToHtml(paragraphs: string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('\n');
}
