import { negatorsAfter, negatorsBefore, replyCues, type Cue, type CueGroup } from './reply-cues.ts';

/** One cue found in a reply. */
export interface CueHit {
  group: CueGroup;
  strength: Cue['strength'];
  /** The words as written (normalised), quoted in the reasoning. */
  text: string;
  index: number;
  /** A positive cue turned around by a nearby negation ("not interested", "interested nahi hoon"). */
  negated: boolean;
}

/** Negation does not reach across punctuation or "but" ("not sure, but interested" is interested). */
const clauseBreak = /[.!?;,:\n।|]|\s(?:but|lekin|magar|however|though|par|पर|लेकिन|मगर)\s/gu;
const wordsOf = (text: string) => text.match(/[\p{L}\p{M}\p{N}']+/gu) ?? [];
const negatable: ReadonlySet<CueGroup> = new Set(['interested', 'positive']);

function isNegated(text: string, start: number, end: number): boolean {
  let clauseStart = 0;
  let clauseEnd = text.length;
  for (const match of text.matchAll(clauseBreak)) {
    const breakStart = match.index ?? 0;
    const breakEnd = breakStart + match[0].length;
    if (breakEnd <= start) clauseStart = breakEnd;
    else if (breakStart >= end) {
      clauseEnd = breakStart;
      break;
    }
  }
  const before = wordsOf(text.slice(clauseStart, start)).slice(-3);
  const after = wordsOf(text.slice(end, clauseEnd)).slice(0, 3);
  return before.some((word) => negatorsBefore.has(word)) || after.some((word) => negatorsAfter.has(word));
}

/** Every cue in the (normalised) text; within a group a cue inside a longer one is dropped ("interested" inside "interested hoon"). */
export function findCueHits(text: string): CueHit[] {
  const hits: Array<CueHit & { end: number }> = [];
  for (const cue of replyCues) {
    for (const match of text.matchAll(cue.pattern)) {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      const negated = negatable.has(cue.group) && isNegated(text, index, end);
      hits.push({ group: cue.group, strength: cue.strength, text: match[0].trim(), index, end, negated });
    }
  }
  const kept = hits.filter(
    (hit) => !hits.some((other) => other !== hit && other.group === hit.group && other.index <= hit.index && other.end >= hit.end && other.end - other.index > hit.end - hit.index),
  );
  return kept
    .filter((hit, position) => kept.findIndex((other) => other.group === hit.group && other.index === hit.index && other.end === hit.end) === position)
    .sort((a, b) => a.index - b.index)
    .map(({ end: _end, ...hit }) => hit);
}
