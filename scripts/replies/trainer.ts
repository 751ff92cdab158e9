import type { ReplyClassification, ReplyIntent } from '../../core/ai/ai.types.ts';
import { replyFeatures, type FeatureOptions } from '../../adapters/llm/offline/model/reply-features.ts';
import { ReplyModel, type ReplyModelFile } from '../../adapters/llm/offline/model/reply-model.ts';
import { classifyReplyText, modelInput } from '../../adapters/llm/offline/reply-classifier.ts';
import { readByRules, type RuleKind } from '../../adapters/llm/offline/reply-rules.ts';
import { inputOf, intents, sentiments, type LabelledReply } from './corpus.ts';
import { buildVocabulary, fitHead, pruneHeads, type Featurised } from './fit-heads.ts';

/** The training run's steps: read each reply once, fit both heads, choose the rules that stand. */

export const defaults: FeatureOptions = { charMin: 2, charMax: 5, blocks: { w: 1, b: 0.6, c: 1, s: 0.5, m: 0.3, r: 0.5 } };
export const variants: Array<[string, FeatureOptions]> = [
  ['no rule cues', { ...defaults, blocks: { ...defaults.blocks, r: 0 } }],
  ['no char n-grams', { ...defaults, blocks: { ...defaults.blocks, c: 0 } }],
  ['char 3-5', { ...defaults, charMin: 3 }],
  ['no subject', { ...defaults, blocks: { ...defaults.blocks, s: 0 } }],
  ['strong rule cues', { ...defaults, blocks: { ...defaults.blocks, r: 1 } }],
];
const l2s = [3e-4, 1e-3, 3e-3, 1e-2];
const MIN_COUNT = 2;
const PRUNE_BELOW = 0.01;
/** A rule may override the model only if it is this precise on train and dev together. */
const RULE_PRECISION = 0.95;

export interface Prepared {
  reply: LabelledReply;
  rule: RuleKind;
  ruleIntent: ReplyIntent;
  text: ReturnType<typeof modelInput>;
}

export function prepare(reply: LabelledReply): Prepared {
  const { input, now } = inputOf(reply);
  const rules = readByRules(input, now);
  return { reply, rule: rules.decision.rule, ruleIntent: rules.decision.intent, text: modelInput(input, rules) };
}

export function train(train: Prepared[], dev: Prepared[], options: FeatureOptions, log: boolean): ReplyModel {
  const featurise = (rows: Prepared[]) => rows.map((row) => ({ row, features: replyFeatures(row.text, options) }));
  const trainRows = featurise(train);
  const devRows = featurise(dev);
  const vocabulary = buildVocabulary(trainRows.map((row) => row.features), MIN_COUNT);
  const rowsFor = <L extends string>(rows: typeof trainRows, label: (reply: LabelledReply) => L): Array<Featurised<L>> => rows.map(({ row, features }) => ({ features, label: label(row.reply) }));
  const intentFit = fitHead(intents, rowsFor(trainRows, (r) => r.intent), rowsFor(devRows, (r) => r.intent), vocabulary, l2s, true);
  const sentimentFit = fitHead<ReplyClassification['sentiment']>(sentiments, rowsFor(trainRows, (r) => r.sentiment), rowsFor(devRows, (r) => r.sentiment), vocabulary, l2s, true);
  if (log) {
    console.log(`vocabulary: ${vocabulary.length} features seen in >= ${MIN_COUNT} training replies`);
    for (const [name, fit] of [['intent', intentFit], ['sentiment', sentimentFit]] as const) {
      console.log(`${name} head: L2 ${fit.l2}, temperature ${fit.head.temperature}; dev accuracy by L2: ${fit.tried.map((t) => `${t.l2} → ${(100 * t.devAccuracy).toFixed(1)}%`).join(', ')}`);
    }
  }
  const pruned = pruneHeads(vocabulary, [intentFit.head, sentimentFit.head], PRUNE_BELOW);
  const [intent, sentiment] = pruned.heads;
  if (!intent || !sentiment) throw new Error('pruneHeads lost a head');
  const file: ReplyModelFile = {
    version: 1,
    features: options,
    vocabulary: pruned.vocabulary,
    intent,
    sentiment,
    rulesStand: [],
    trainedOn: { lines: train.length, l2: { intent: intentFit.l2, sentiment: sentimentFit.l2 } },
  };
  return new ReplyModel(file);
}

export const accuracyOn = (model: ReplyModel, rows: Prepared[]) => rows.filter(({ reply }) => classifyWith(model, reply).intent === reply.intent).length / Math.max(1, rows.length);
export const classifyWith = (model: ReplyModel, reply: LabelledReply) => {
  const { input, now } = inputOf(reply);
  return classifyReplyText(input, now, model);
};

/**
 * Which rules stand over the model: those precise on train+dev (rules are not fitted, so train is
 * fair evidence) and that do not lower dev accuracy, added most helpful first.
 */
export function chooseRulesThatStand(model: ReplyModel, train: Prepared[], dev: Prepared[]): string[] {
  const byKind = new Map<RuleKind, { right: number; total: number }>();
  for (const row of [...train, ...dev]) {
    const tally = byKind.get(row.rule) ?? { right: 0, total: 0 };
    tally.total += 1;
    if (row.ruleIntent === row.reply.intent) tally.right += 1;
    byKind.set(row.rule, tally);
  }
  console.log('rule precision on train+dev:', [...byKind].map(([kind, t]) => `${kind} ${t.right}/${t.total}`).join(', '));
  const candidates = [...byKind].filter(([, t]) => t.total >= 5 && t.right / t.total >= RULE_PRECISION).map(([kind]) => kind);
  const chosen: string[] = [];
  let accuracy = accuracyOn(model, dev);
  for (;;) {
    const scored = candidates
      .filter((kind) => !chosen.includes(kind))
      .map((kind) => {
        model.file.rulesStand = [...chosen, kind];
        return { kind, accuracy: accuracyOn(model, dev) };
      })
      .sort((a, b) => b.accuracy - a.accuracy);
    const best = scored[0];
    if (!best || best.accuracy < accuracy) break;
    chosen.push(best.kind);
    accuracy = best.accuracy;
  }
  model.file.rulesStand = chosen;
  return chosen;
}

