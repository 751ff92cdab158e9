import { readFileSync } from 'node:fs';
import { replyFeatures, type Feature, type FeatureOptions, type ReplyText } from './reply-features.ts';

/**
 * The trained reply model: linear heads (multinomial logistic regression) over the features of
 * reply-features.ts, written by scripts/train-replies.ts into reply-model.json and read once.
 */

export interface LinearHead<L extends string = string> {
  labels: L[];
  bias: number[];
  /** Row-major: weights[feature * labels.length + label], as integers over `scale`. */
  weights: number[];
  scale: number;
  /** Calibration on the dev split: probabilities are softmax(logits / temperature). */
  temperature: number;
}

export interface ReplyModelFile {
  version: 1;
  features: FeatureOptions;
  vocabulary: string[];
  intent: LinearHead;
  sentiment: LinearHead;
  /**
   * How much each rule kind (reply-rules.ts) weighs against the model, as a log-odds bonus for the
   * rule's intent (99: the rule decides); chosen on the dev split. A kind missing here weighs nothing.
   */
  ruleBonus: Record<string, number>;
  /** What the training run saw, for the record. */
  trainedOn: { lines: number; l2: Record<string, number> };
}

export interface Prediction<L extends string = string> {
  label: L;
  confidence: number;
  probabilities: Record<L, number>;
  /** The features the model knows, for explaining the decision (see evidence). */
  known: Array<{ position: number; feature: Feature }>;
}

/** A model ready to use: the vocabulary indexed once. */
export class ReplyModel {
  private readonly index: Map<string, number>;

  constructor(readonly file: ReplyModelFile) {
    this.index = new Map(file.vocabulary.map((name, position) => [name, position]));
  }

  features(reply: ReplyText): Map<string, Feature> {
    return replyFeatures(reply, this.file.features);
  }

  predict<L extends string>(head: LinearHead<L>, features: Map<string, Feature>): Prediction<L> {
    const known: Prediction['known'] = [];
    for (const [name, feature] of features) {
      const position = this.index.get(name);
      if (position !== undefined) known.push({ position, feature });
    }
    const k = head.labels.length;
    const scores = [...head.bias];
    for (const { position, feature } of known) {
      for (let label = 0; label < k; label += 1) scores[label] = (scores[label] ?? 0) + (feature.value * (head.weights[position * k + label] ?? 0)) / head.scale;
    }
    const probabilities = softmax(scores.map((score) => score / head.temperature));
    const best = probabilities.indexOf(Math.max(...probabilities));
    return {
      label: head.labels[best] as L,
      confidence: probabilities[best] ?? 0,
      probabilities: Object.fromEntries(head.labels.map((label, i) => [label, probabilities[i] ?? 0])) as Record<L, number>,
      known,
    };
  }

  /** The words that pushed most towards the predicted label rather than the average label, strongest first (at most three). */
  evidence<L extends string>(head: LinearHead<L>, prediction: Prediction<L>): string[] {
    const k = head.labels.length;
    const label = head.labels.indexOf(prediction.label);
    const bySource = new Map<string, number>();
    for (const { position, feature } of prediction.known) {
      let sum = 0;
      for (let i = 0; i < k; i += 1) sum += head.weights[position * k + i] ?? 0;
      const push = (feature.value * ((head.weights[position * k + label] ?? 0) - sum / k)) / head.scale;
      bySource.set(feature.source, (bySource.get(feature.source) ?? 0) + push);
    }
    return [...bySource]
      .filter(([, push]) => push > 0.05)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([source]) => source);
  }
}

export function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

const modelUrl = new URL('./reply-model.json', import.meta.url);
let loaded: ReplyModel | undefined;

/** The committed model, read on first use and kept. */
export function replyModel(): ReplyModel {
  if (!loaded) {
    const file = JSON.parse(readFileSync(modelUrl, 'utf8')) as ReplyModelFile;
    if (file.version !== 1 || !Array.isArray(file.vocabulary) || file.intent.weights.length !== file.vocabulary.length * file.intent.labels.length) {
      throw new Error(`The reply model at ${modelUrl.pathname} is not a version 1 model; run npm run train:replies`);
    }
    loaded = new ReplyModel(file);
  }
  return loaded;
}
