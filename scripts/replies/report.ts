import type { ReplyClassification } from '../../core/ai/ai.types.ts';
import { intents, type LabelledReply } from './corpus.ts';

/** The figures of issue 13's table for a set of labelled replies and what a classifier said about them. */

export interface Scored {
  reply: LabelledReply;
  result: ReplyClassification;
}

interface Rate {
  right: number;
  total: number;
}

export interface Figures {
  intent: Rate;
  byLanguage: Record<string, Rate>;
  byIntent: Record<string, Rate>;
  sentiment: Rate;
  /** Out-of-office replies whose label has a return date: day and month right. */
  returnDate: Rate;
  referralName: Rate;
  referralEmail: Rate;
  /** gold → predicted → count. */
  confusion: Record<string, Record<string, number>>;
  /** Replies under the product's confidence bar (reply-effects.ts), and intent accuracy over the rest. */
  lowConfidence: { threshold: number; below: number; accuracyAbove: Rate };
}

const rate = (): Rate => ({ right: 0, total: 0 });
const count = (target: Rate, right: boolean) => {
  target.total += 1;
  if (right) target.right += 1;
};
const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export function figuresOf(scored: Scored[], threshold: number): Figures {
  const figures: Figures = {
    intent: rate(),
    byLanguage: {},
    byIntent: Object.fromEntries(intents.map((intent) => [intent, rate()])),
    sentiment: rate(),
    returnDate: rate(),
    referralName: rate(),
    referralEmail: rate(),
    confusion: Object.fromEntries(intents.map((gold) => [gold, Object.fromEntries(intents.map((predicted) => [predicted, 0]))])),
    lowConfidence: { threshold, below: 0, accuracyAbove: rate() },
  };
  for (const { reply, result } of scored) {
    const right = result.intent === reply.intent;
    count(figures.intent, right);
    count((figures.byLanguage[reply.lang] ??= rate()), right);
    count(figures.byIntent[reply.intent] as Rate, right);
    count(figures.sentiment, result.sentiment === reply.sentiment);
    const row = figures.confusion[reply.intent] as Record<string, number>;
    row[result.intent] = (row[result.intent] ?? 0) + 1;
    if (result.confidence < threshold && reply.intent !== 'question') figures.lowConfidence.below += 1;
    else count(figures.lowConfidence.accuracyAbove, right);
    if (reply.intent === 'out_of_office' && reply.extract.returnDate) count(figures.returnDate, result.returnDate?.slice(5) === reply.extract.returnDate.slice(5));
    if (reply.intent === 'wrong_person' && reply.extract.referralName) count(figures.referralName, same(result.referral?.name, reply.extract.referralName));
    if (reply.intent === 'wrong_person' && reply.extract.referralEmail) count(figures.referralEmail, same(result.referral?.email, reply.extract.referralEmail));
  }
  return figures;
}

const percent = (r: Rate) => (r.total ? `${((100 * r.right) / r.total).toFixed(1)}%` : '-');
const line = (label: string, r: Rate) => `  ${label.padEnd(26)} ${percent(r).padStart(6)}  (${r.right}/${r.total})`;

/** The figures as the text `npm run eval:replies` prints. */
export function formatFigures(figures: Figures): string {
  const out = [line('intent, all', figures.intent)];
  for (const [language, r] of Object.entries(figures.byLanguage).sort()) out.push(line(`intent, ${language}`, r));
  for (const intent of intents) out.push(line(`  ${intent}`, figures.byIntent[intent] as Rate));
  out.push(line('sentiment', figures.sentiment), line('return date (day, month)', figures.returnDate), line('referral name', figures.referralName), line('referral email', figures.referralEmail));
  const { threshold, below, accuracyAbove } = figures.lowConfidence;
  out.push(`  to a human (confidence < ${threshold}, not a question): ${below}; intent accuracy on the rest ${percent(accuracyAbove)}`);
  const short = (intent: string) => intent.replace('not_interested', 'not_int').replace('out_of_office', 'ooo').replace('asking_price', 'price').replace('wrong_person', 'wrong').replace('unsubscribe', 'unsub').replace('interested', 'int').replace('question', 'quest');
  out.push('', `  confusion (rows: label, columns: said)`, `  ${''.padEnd(9)}${intents.map((intent) => short(intent).padStart(8)).join('')}`);
  for (const gold of intents) out.push(`  ${short(gold).padEnd(9)}${intents.map((said) => String(figures.confusion[gold]?.[said] ?? 0).padStart(8)).join('')}`);
  return out.join('\n');
}

/** The wrong answers the classifier was surest of: where to look first. */
export function worstExamples(scored: Scored[], limit: number): string {
  const wrong = scored.filter(({ reply, result }) => reply.intent !== result.intent).sort((a, b) => b.result.confidence - a.result.confidence);
  return wrong
    .slice(0, limit)
    .map(({ reply, result }) => {
      const text = `${reply.subject ? `[${reply.subject}] ` : ''}${reply.body}`.replace(/\s+/g, ' ').slice(0, 160);
      return `  ${reply.id} (${reply.lang}) label ${reply.intent}, said ${result.intent} at ${result.confidence}: ${text}`;
    })
    .join('\n');
}
