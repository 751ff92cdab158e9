// Cells that exports fill with a word meaning "nothing here". They are empty values, in any column:
// imported as data they would become a city called "N/A" or an email that bounces.

/** Compared after lower-casing and trimming; only short cells can be one (checked first, so long text costs nothing). */
const PLACEHOLDERS = new Set([
  'n/a', 'n.a.', 'n.a', 'na', '#n/a', 'n\\a', 'none', '-none-', '--none--', 'nil', 'null', '(null)', 'undefined', '-', '--', '---',
  '?', '??', '.', '..', '...', 'not available', 'not applicable', 'not provided', 'not given', 'unknown',
  '(blank)', 'blank', 'empty', '(empty)', 'no data', 'nothing', 'tbd', 'tba', '—', '–', '#ref!', '#value!', '#name?',
  'no email', 'no phone', 'no number', 'not known', 'nan', '[not provided]', '[blank]', '[none]', '<blank>', 'not specified',
]);
const LONGEST = 20;

/** Addresses that data vendors put where an email is hidden or missing (Apollo's email_not_unlocked@domain.com). */
const PLACEHOLDER_EMAIL = /^(?:email_not_unlocked|emailnotunlocked|no[-_.]?email|not[-_.]?available|none|null|na|n\/a|unknown|noreply-placeholder)@|@(?:domain\.com|example\.com|email\.com|noemail\.com)$/i;

export function isPlaceholder(cell: string): boolean {
  return cell.length <= LONGEST && PLACEHOLDERS.has(cell.toLowerCase());
}

export function isPlaceholderEmail(cell: string): boolean {
  return PLACEHOLDER_EMAIL.test(cell);
}
