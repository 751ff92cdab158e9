import type { Feature } from '../../adapters/llm/offline/model/reply-features.ts';
import { softmax, type LinearHead } from '../../adapters/llm/offline/model/reply-model.ts';
import { trainSoftmax, type Example } from './softmax-trainer.ts';

/**
 * From featurised replies to the model's linear heads: the vocabulary, the L2 strength and the
 * temperature, each chosen on the dev split; then small weights pruned and the rest rounded.
 */

export interface Featurised<L extends string> {
  features: Map<string, Feature>;
  label: L;
}

/** Features seen in at least `minCount` training replies, in first-seen order (deterministic). */
export function buildVocabulary(train: Array<Map<string, Feature>>, minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const features of train) for (const name of features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= minCount).map(([name]) => name);
}

function toExamples<L extends string>(rows: Array<Featurised<L>>, index: Map<string, number>, labels: L[], balanced: boolean): Example[] {
  const perLabel = new Map<L, number>();
  for (const row of rows) perLabel.set(row.label, (perLabel.get(row.label) ?? 0) + 1);
  return rows.map((row) => ({
    features: [...row.features].flatMap(([name, feature]): Array<[number, number]> => {
      const position = index.get(name);
      return position === undefined ? [] : [[position, feature.value]];
    }),
    label: labels.indexOf(row.label),
    weight: balanced ? rows.length / (labels.length * (perLabel.get(row.label) ?? 1)) : 1,
  }));
}

function logits(weights: Float64Array, bias: Float64Array, labelCount: number, example: Example): number[] {
  const scores = Array.from(bias);
  for (const [position, value] of example.features) for (let k = 0; k < labelCount; k += 1) scores[k] = (scores[k] ?? 0) + value * (weights[position * labelCount + k] ?? 0);
  return scores;
}

const argmax = (values: number[]) => values.indexOf(Math.max(...values));

/** The temperature that minimises the dev log-loss (a coarse then a fine grid). */
function fitTemperature(devLogits: number[][], dev: Example[]): number {
  const loss = (t: number) => dev.reduce((sum, example, i) => sum - Math.log(Math.max(1e-12, softmax((devLogits[i] ?? []).map((s) => s / t))[example.label] ?? 0)), 0);
  let best = 1;
  for (let t = 0.2; t <= 5; t += 0.1) if (loss(t) < loss(best)) best = t;
  for (let t = best - 0.1; t <= best + 0.1; t += 0.01) if (t > 0 && loss(t) < loss(best)) best = t;
  return Math.round(best * 100) / 100;
}

export interface HeadFit<L extends string> {
  head: Omit<LinearHead<L>, 'weights' | 'scale'> & { weights: Float64Array };
  l2: number;
  devAccuracy: number;
  /** Dev accuracy per L2 tried, for the training log. */
  tried: Array<{ l2: number; devAccuracy: number }>;
}

/**
 * Trains one head per L2 strength on train and keeps the strongest L2 whose dev accuracy is within
 * one standard error of the best (the "one standard error" rule: the dev set is small and written by
 * the same people as the training set, so the most regularised of the equally good models is the
 * one that carries best to other writers); then calibrates it on dev.
 */
export function fitHead<L extends string>(labels: L[], train: Array<Featurised<L>>, dev: Array<Featurised<L>>, vocabulary: string[], l2s: number[], balanced: boolean): HeadFit<L> {
  const index = new Map(vocabulary.map((name, position) => [name, position]));
  const trainExamples = toExamples(train, index, labels, balanced);
  const devExamples = toExamples(dev, index, labels, false);
  const fits = [...l2s]
    .sort((a, b) => b - a)
    .map((l2) => {
      const fit = trainSoftmax(trainExamples, vocabulary.length, labels.length, { l2 });
      const right = devExamples.filter((example) => argmax(logits(fit.weights, fit.bias, labels.length, example)) === example.label).length;
      return { l2, accuracy: devExamples.length ? right / devExamples.length : 0, weights: fit.weights, bias: fit.bias };
    });
  const top = Math.max(...fits.map((fit) => fit.accuracy));
  const standardError = Math.sqrt((top * (1 - top)) / Math.max(1, devExamples.length));
  const best = fits.find((fit) => fit.accuracy >= top - standardError);
  if (!best) throw new Error('fitHead needs at least one L2 strength');
  const tried = fits.map(({ l2, accuracy }) => ({ l2, devAccuracy: accuracy }));
  const devLogits = devExamples.map((example) => logits(best.weights, best.bias, labels.length, example));
  const temperature = devExamples.length ? fitTemperature(devLogits, devExamples) : 1;
  return { head: { labels, bias: Array.from(best.bias, (b) => Math.round(b * 1000) / 1000), weights: best.weights, temperature }, l2: best.l2, devAccuracy: best.accuracy, tried };
}

export const WEIGHT_SCALE = 1000;

/**
 * Drops features whose weights are all under `threshold` in every head, and rounds the rest to
 * integers over WEIGHT_SCALE: the file stays small and the predictions barely move.
 */
export function pruneHeads(vocabulary: string[], heads: Array<HeadFit<string>['head']>, threshold: number): { vocabulary: string[]; heads: LinearHead[] } {
  const keep = vocabulary.flatMap((_name, position) => {
    const strong = heads.some((head) => {
      const k = head.labels.length;
      for (let label = 0; label < k; label += 1) if (Math.abs(head.weights[position * k + label] ?? 0) >= threshold) return true;
      return false;
    });
    return strong ? [position] : [];
  });
  return {
    vocabulary: keep.map((position) => vocabulary[position] as string),
    heads: heads.map((head) => {
      const k = head.labels.length;
      const weights = keep.flatMap((position) => Array.from({ length: k }, (_unused, label) => Math.round((head.weights[position * k + label] ?? 0) * WEIGHT_SCALE)));
      return { labels: head.labels, bias: head.bias, weights, scale: WEIGHT_SCALE, temperature: head.temperature };
    }),
  };
}
