import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ClassifyReplyInput } from '../../core/ai/ai-assistant.ts';
import type { ReplyClassification, ReplyIntent } from '../../core/ai/ai.types.ts';
import { stableHash } from '../../adapters/llm/offline/text-utils.ts';

/** The labelled reply corpus (test/fixtures/replies/*.jsonl, format in its README) and its fixed split. */

export const corpusDir = join(import.meta.dirname, '../../test/fixtures/replies');

export const intents: ReplyIntent[] = ['interested', 'asking_price', 'question', 'not_interested', 'out_of_office', 'unsubscribe', 'wrong_person'];
export const sentiments: Array<ReplyClassification['sentiment']> = ['positive', 'neutral', 'negative'];

export interface LabelledReply {
  id: string;
  /** en, hinglish or hi; "?" when a file given to the eval does not say. */
  lang: string;
  receivedAt: Date | null;
  subject: string | null;
  body: string;
  intent: ReplyIntent;
  sentiment: ReplyClassification['sentiment'];
  extract: { returnDate: string | null; referralName: string | null; referralEmail: string | null };
  tags: string[];
}

export type Split = 'train' | 'dev' | 'test';

/** 70 / 15 / 15 by a hash of the id: a line never changes split when files are added. */
export function splitOf(id: string): Split {
  const bucket = stableHash(`reply-split:${id}`) % 100;
  return bucket < 70 ? 'train' : bucket < 85 ? 'dev' : 'test';
}

function fail(where: string, problem: string): never {
  throw new Error(`${where}: ${problem}`);
}

function parseLine(line: string, where: string, fallbackId: string): LabelledReply {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return fail(where, 'not JSON');
  }
  if (typeof raw.body !== 'string') fail(where, 'body must be a string');
  if (!intents.includes(raw.intent as ReplyIntent)) fail(where, `intent must be one of ${intents.join(', ')}`);
  if (!sentiments.includes(raw.sentiment as ReplyClassification['sentiment'])) fail(where, `sentiment must be one of ${sentiments.join(', ')}`);
  const extract = (raw.extract ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const receivedAt = typeof raw.receivedAt === 'string' ? new Date(raw.receivedAt) : null;
  if (receivedAt && Number.isNaN(receivedAt.getTime())) fail(where, 'receivedAt is not a date');
  return {
    id: text(raw.id) ?? fallbackId,
    lang: text(raw.lang) ?? '?',
    receivedAt,
    subject: text(raw.subject),
    body: raw.body as string,
    intent: raw.intent as ReplyIntent,
    sentiment: raw.sentiment as ReplyClassification['sentiment'],
    extract: { returnDate: text(extract.returnDate), referralName: text(extract.referralName), referralEmail: text(extract.referralEmail) },
    tags: Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : [],
  };
}

/** One JSONL file of labelled replies; every line is checked, and a bad one names its file and line. */
export function readReplies(path: string): LabelledReply[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.flatMap((line, index) => (line.trim() ? [parseLine(line, `${path}:${index + 1}`, `${basename(path)}:${index + 1}`)] : []));
}

/** Every corpus file, in name order; ids must be unique across them. */
export function readCorpus(dir = corpusDir): LabelledReply[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  const replies = files.flatMap((name) => readReplies(join(dir, name)));
  const seen = new Set<string>();
  for (const reply of replies) {
    if (seen.has(reply.id)) throw new Error(`The reply id ${reply.id} appears twice in ${dir}`);
    seen.add(reply.id);
  }
  return replies;
}

/** The classifier's input for a labelled reply, and the clock it is read at (when it arrived). */
export function inputOf(reply: LabelledReply): { input: ClassifyReplyInput; now: Date } {
  const now = reply.receivedAt ?? new Date();
  return { input: { lead: null, subject: reply.subject, body: reply.body, receivedAt: now }, now };
}
