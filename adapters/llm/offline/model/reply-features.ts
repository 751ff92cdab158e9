import type { CueHit } from '../reply-hits.ts';
import { normalizeReply, tokenize } from './reply-tokens.ts';

/**
 * The features of one reply, by name: word unigrams and bigrams (w:, b:), character n-grams inside
 * words (c:, they carry Hinglish spelling variants and Devanagari), the subject when the lead or
 * their mail system wrote it (s:), a few shape features (m:) and the rules' cues (r:). Each block is
 * scaled to unit length and weighted, so a long email and a one-word WhatsApp weigh the same.
 */

export interface FeatureOptions {
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
  /** The weight of each block after it is scaled to unit length; a block missing here is left out. */
  blocks: Partial<Record<Block, number>>;
}

export type Block = 'w' | 'b' | 'c' | 's' | 'm' | 'r';

export interface Feature {
  value: number;
  /** The words it was read from, for the reasoning ("kitna", "back on <date>"). */
  source: string;
}

export interface ReplyText {
  /** The lead's own words (see ownWords). */
  body: string;
  subject: string | null;
  /** Known names (the lead's contact and business) to mask. */
  names?: string[];
  /** The rules' cues found in the same text, and the intent the rules would give. */
  cues?: CueHit[];
  ruleIntent?: string;
}

const isWord = (token: string) => /^[\p{L}\p{M}]/u.test(token);

/** "Re: <our subject>" says nothing; "Automatic reply: …", "Out of Office: …" or the lead's own subject does. */
export function subjectWords(subject: string | null): string[] {
  const text = (subject ?? '').trim();
  if (!text || /^(re|fw|fwd|aw|wg|antw)\s*:/i.test(text)) return [];
  const label = text.includes(':') ? text.slice(0, text.indexOf(':')) : text;
  return tokenize(normalizeReply(label));
}

function add(block: Map<string, Feature>, name: string, source: string, value = 1) {
  const found = block.get(name);
  if (found) found.value += value;
  else block.set(name, { value, source });
}

function lengthBucket(count: number): string {
  if (count === 0) return 'empty';
  if (count <= 2) return 'words:1-2';
  if (count <= 6) return 'words:3-6';
  if (count <= 20) return 'words:7-20';
  return count <= 60 ? 'words:21-60' : 'words:61+';
}

function blocksOf(reply: ReplyText, options: FeatureOptions): Record<Block, Map<string, Feature>> {
  const blocks: Record<Block, Map<string, Feature>> = { w: new Map(), b: new Map(), c: new Map(), s: new Map(), m: new Map(), r: new Map() };
  const tokens = tokenize(normalizeReply(reply.body, reply.names));
  const words = tokens.filter((token) => token !== '!');
  for (const [index, token] of words.entries()) {
    add(blocks.w, `w:${token}`, token);
    const previous = index === 0 ? '^' : words[index - 1];
    add(blocks.b, `b:${previous} ${token}`, index === 0 ? token : `${previous} ${token}`);
    if (!isWord(token)) continue;
    const padded = `_${token}_`;
    // Code units are letters here unless the word has a character outside the BMP (then split by code point).
    const letters = /[\uD800-\uDFFF]/.test(padded) ? [...padded] : padded;
    for (let n = options.charMin; n <= options.charMax; n += 1) {
      for (let start = 0; start + n <= letters.length; start += 1) {
        add(blocks.c, `c:${typeof letters === 'string' ? letters.slice(start, start + n) : letters.slice(start, start + n).join('')}`, token);
      }
    }
  }
  if (words.length) add(blocks.b, `b:${words.at(-1)} $`, words.at(-1) ?? '');
  for (const word of subjectWords(reply.subject)) add(blocks.s, `s:${word}`, `subject "${word}"`);
  add(blocks.m, `m:${lengthBucket(words.length)}`, 'the length of the reply');
  if (tokens.includes('?')) add(blocks.m, 'm:question-mark', 'the question mark');
  if (tokens.includes('!')) add(blocks.m, 'm:exclamation', 'the exclamation mark');
  for (const cue of reply.cues ?? []) {
    const kind = `${cue.group}${cue.negated ? ':negated' : ''}:${cue.strength}`;
    add(blocks.r, `r:${kind}`, cue.text);
  }
  if (reply.ruleIntent) add(blocks.r, `r:says:${reply.ruleIntent}`, 'the phrases the rules know');
  return blocks;
}

/** The weighted, length-normalised features of a reply. */
export function replyFeatures(reply: ReplyText, options: FeatureOptions): Map<string, Feature> {
  const features = new Map<string, Feature>();
  for (const [block, entries] of Object.entries(blocksOf(reply, options)) as Array<[Block, Map<string, Feature>]>) {
    const weight = options.blocks[block];
    if (!weight || !entries.size) continue;
    // Sub-linear counts: a word said three times is not three times the evidence.
    for (const feature of entries.values()) feature.value = 1 + Math.log(feature.value);
    const length = Math.sqrt([...entries.values()].reduce((sum, feature) => sum + feature.value ** 2, 0));
    for (const [name, feature] of entries) features.set(name, { value: (weight * feature.value) / length, source: feature.source });
  }
  return features;
}
