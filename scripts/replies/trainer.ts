import type { ReplyClassification, ReplyIntent } from '../../core/ai/ai.types.ts';
import { replyFeatures, type FeatureOptions } from '../../adapters/llm/offline/model/reply-features.ts';
import { ReplyModel, type Prediction, type ReplyModelFile } from '../../adapters/llm/offline/model/reply-model.ts';
import { classifyReplyText, combine, modelInput, RULE_STANDS } from '../../adapters/llm/offline/reply-classifier.ts';
import { readByRules, type RuleKind } from '../../adapters/llm/offline/reply-rules.ts';
import { inputOf, intents, sentiments, type LabelledReply } from './corpus.ts';
import { buildVocabulary, fitHead, pruneHeads, type Featurised } from './fit-heads.ts';

/** The training run's steps: read each reply once, fit both heads, choose the rules that stand. */

export const defaults: FeatureOptions = { charMin: 2, charMax: 5, blocks: { w: 1, b: 0.6, c: 1, s: 0.5, m: 0.3, r: 0.3 } };
export const variants: Array<[string, FeatureOptions]> = [
  ['no rule cues', { ...defaults, blocks: { ...defaults.blocks, r: 0 } }],
  ['no char n-grams', { ...defaults, blocks: { ...defaults.blocks, c: 0 } }],
  ['char 3-5', { ...defaults, charMin: 3 }],
  ['no subject', { ...defaults, blocks: { ...defaults.blocks, s: 0 } }],
  ['strong rule cues', { ...defaults, blocks: { ...defaults.blocks, r: 1 } }],
  ['strong bigrams', { ...defaults, blocks: { ...defaults.blocks, b: 1 } }],
];
const l2s = [3e-5, 1e-4, 3e-4, 1e-3];
const MIN_COUNT = 2;
const PRUNE_BELOW = 0.01;

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
    ruleBonus: {},
    trainedOn: { lines: train.length, l2: { intent: intentFit.l2, sentiment: sentimentFit.l2 } },
  };
  return new ReplyModel(file);
}

export const accuracyOn = (model: ReplyModel, rows: Prepared[]) => rows.filter(({ reply }) => classifyWith(model, reply).intent === reply.intent).length / Math.max(1, rows.length);
export const classifyWith = (model: ReplyModel, reply: LabelledReply) => {
  const { input, now } = inputOf(reply);
  return classifyReplyText(input, now, model);
};

/** A rule kind's log-odds bonuses to try; RULE_STANDS only for a kind this precise on train+dev together (rules are not fitted, so train is fair evidence). */
const BONUSES = [0, 0.5, 1, 1.5, 2, 3, 5];
const RULE_PRECISION = 0.95;

/** The rules' fallbacks (no phrase found): they never get a bonus the dev split does not ask for. */
const FALLBACKS: ReadonlySet<string> = new Set<RuleKind>(['no_cue', 'leaning_positive']);
/** The most a tie can give a rule that found an explicit phrase: e^1, enough to decide when the model is torn. */
const TIE_BONUS = 1;

/**
 * How much each rule kind weighs against the model (see combine in reply-classifier.ts): per kind,
 * the bonus with the best dev accuracy, two passes over the kinds, most frequent first. Ties: a
 * certain rule stands (the rules' certain decisions stand); a rule that found an explicit phrase
 * gets up to TIE_BONUS (it breaks the model's near-ties, which replies from other writers bring more
 * of than the dev split); a fallback gets the smallest.
 */
export function chooseRuleBonus(model: ReplyModel, train: Prepared[], dev: Prepared[]): Record<string, number> {
  const tally = new Map<RuleKind, { right: number; total: number }>();
  for (const row of [...train, ...dev]) {
    const t = tally.get(row.rule) ?? { right: 0, total: 0 };
    t.total += 1;
    if (row.ruleIntent === row.reply.intent) t.right += 1;
    tally.set(row.rule, t);
  }
  console.log('rule precision on train+dev:', [...tally].map(([kind, t]) => `${kind} ${t.right}/${t.total}`).join(', '));
  const seen = dev.map((row) => {
    const { input, now } = inputOf(row.reply);
    const rules = readByRules(input, now);
    return { row, rules, prediction: model.predict(model.file.intent, model.features(modelInput(input, rules))) as Prediction<ReplyIntent> };
  });
  const bonus: Record<string, number> = {};
  const accuracy = () => seen.filter(({ row, rules, prediction }) => combine(prediction, rules.decision, bonus[rules.decision.rule] ?? 0).intent === row.reply.intent).length;
  const kinds = [...tally].sort((a, b) => b[1].total - a[1].total);
  for (let pass = 0; pass < 2; pass += 1) {
    for (const [kind, t] of kinds) {
      const allowed = t.total >= 5 && t.right / t.total >= RULE_PRECISION ? [...BONUSES, RULE_STANDS] : BONUSES;
      const scored = allowed.map((value) => {
        bonus[kind] = value;
        return { value, right: accuracy() };
      });
      const best = Math.max(...scored.map((s) => s.right));
      const tied = scored.filter((s) => s.right === best).map((s) => s.value);
      const modest = tied.filter((value) => value <= TIE_BONUS);
      bonus[kind] = tied.includes(RULE_STANDS) ? RULE_STANDS : FALLBACKS.has(kind) || !modest.length ? Math.min(...tied) : Math.max(...modest);
    }
  }
  model.file.ruleBonus = bonus;
  return bonus;
}
