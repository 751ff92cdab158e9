/**
 * Multinomial logistic regression with L2, fitted by L-BFGS on the whole training set at once.
 * The objective is convex and the optimiser has no randomness, so the same data gives the same
 * weights on every run (the model file does not change unless the corpus does).
 */

export interface Example {
  /** Sparse features: (vocabulary position, value). */
  features: Array<[number, number]>;
  label: number;
  /** Per-example weight (class balancing); 1 when absent. */
  weight?: number;
}

export interface SoftmaxOptions {
  l2: number;
  maxIterations?: number;
  /** Stop when the objective improves by less than this, relatively. */
  tolerance?: number;
  /** How many past steps L-BFGS remembers. */
  memory?: number;
}

export interface SoftmaxWeights {
  featureCount: number;
  labelCount: number;
  /** weights[feature * labelCount + label]. */
  weights: Float64Array;
  bias: Float64Array;
  iterations: number;
}

/** The examples packed into flat arrays once: the objective is evaluated hundreds of times. */
interface Packed {
  starts: Int32Array;
  positions: Int32Array;
  values: Float64Array;
  labels: Int32Array;
  weights: Float64Array;
  totalWeight: number;
}

function pack(examples: Example[]): Packed {
  const size = examples.reduce((sum, example) => sum + example.features.length, 0);
  const packed: Packed = {
    starts: new Int32Array(examples.length + 1),
    positions: new Int32Array(size),
    values: new Float64Array(size),
    labels: Int32Array.from(examples, (example) => example.label),
    weights: Float64Array.from(examples, (example) => example.weight ?? 1),
    totalWeight: examples.reduce((sum, example) => sum + (example.weight ?? 1), 0),
  };
  let at = 0;
  for (const [i, example] of examples.entries()) {
    packed.starts[i] = at;
    for (const [position, value] of example.features) {
      packed.positions[at] = position;
      packed.values[at] = value;
      at += 1;
    }
  }
  packed.starts[examples.length] = at;
  return packed;
}

/** Objective and gradient at `params` = [weights..., bias...]. */
function evaluate(params: Float64Array, gradient: Float64Array, data: Packed, featureCount: number, labelCount: number, l2: number): number {
  const biasAt = featureCount * labelCount;
  const { starts, positions, values, labels, weights } = data;
  gradient.fill(0);
  const scores = new Float64Array(labelCount);
  let loss = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const from = starts[i] as number;
    const to = starts[i + 1] as number;
    for (let k = 0; k < labelCount; k += 1) scores[k] = params[biasAt + k] as number;
    for (let j = from; j < to; j += 1) {
      const row = (positions[j] as number) * labelCount;
      const value = values[j] as number;
      for (let k = 0; k < labelCount; k += 1) scores[k] = (scores[k] as number) + value * (params[row + k] as number);
    }
    let top = -Infinity;
    for (let k = 0; k < labelCount; k += 1) top = Math.max(top, scores[k] as number);
    let sum = 0;
    for (let k = 0; k < labelCount; k += 1) {
      scores[k] = Math.exp((scores[k] as number) - top);
      sum += scores[k] as number;
    }
    const weight = weights[i] as number;
    const label = labels[i] as number;
    loss += weight * -Math.log((scores[label] as number) / sum);
    for (let k = 0; k < labelCount; k += 1) {
      const error = weight * ((scores[k] as number) / sum - (k === label ? 1 : 0));
      gradient[biasAt + k] = (gradient[biasAt + k] as number) + error;
      for (let j = from; j < to; j += 1) {
        const at = (positions[j] as number) * labelCount + k;
        gradient[at] = (gradient[at] as number) + error * (values[j] as number);
      }
    }
  }
  let penalty = 0;
  for (let i = 0; i < gradient.length; i += 1) {
    gradient[i] = (gradient[i] as number) / data.totalWeight;
    if (i < biasAt) {
      const w = params[i] as number;
      penalty += w * w;
      gradient[i] = (gradient[i] as number) + l2 * w;
    }
  }
  return loss / data.totalWeight + (l2 / 2) * penalty;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
};

export function trainSoftmax(examples: Example[], featureCount: number, labelCount: number, options: SoftmaxOptions): SoftmaxWeights {
  const size = featureCount * labelCount + labelCount;
  const memory = options.memory ?? 8;
  const maxIterations = options.maxIterations ?? 400;
  const tolerance = options.tolerance ?? 1e-7;
  let params = new Float64Array(size);
  let gradient = new Float64Array(size);
  const data = pack(examples);
  let value = evaluate(params, gradient, data, featureCount, labelCount, options.l2);
  const steps: Array<{ s: Float64Array; y: Float64Array; rho: number }> = [];
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    // Two-loop recursion: direction = -H * gradient.
    const direction = Float64Array.from(gradient, (g) => -g);
    const alphas: number[] = [];
    for (let i = steps.length - 1; i >= 0; i -= 1) {
      const step = steps[i] as (typeof steps)[number];
      const alpha = step.rho * dot(step.s, direction);
      alphas[i] = alpha;
      for (let j = 0; j < size; j += 1) direction[j] = (direction[j] ?? 0) - alpha * (step.y[j] ?? 0);
    }
    const last = steps.at(-1);
    const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let j = 0; j < size; j += 1) direction[j] = (direction[j] ?? 0) * gamma;
    for (const [i, step] of steps.entries()) {
      const beta = step.rho * dot(step.y, direction);
      for (let j = 0; j < size; j += 1) direction[j] = (direction[j] ?? 0) + (step.s[j] ?? 0) * ((alphas[i] ?? 0) - beta);
    }
    // Backtracking line search (Armijo).
    const slope = dot(gradient, direction);
    if (slope >= 0) break;
    let stepSize = 1;
    const next = new Float64Array(size);
    const nextGradient = new Float64Array(size);
    let nextValue = Infinity;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let j = 0; j < size; j += 1) next[j] = (params[j] ?? 0) + stepSize * (direction[j] ?? 0);
      nextValue = evaluate(next, nextGradient, data, featureCount, labelCount, options.l2);
      if (nextValue <= value + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(nextValue < value)) break;
    const s = Float64Array.from(next, (v, j) => v - (params[j] ?? 0));
    const y = Float64Array.from(nextGradient, (g, j) => g - (gradient[j] ?? 0));
    const sy = dot(s, y);
    if (sy > 1e-12) {
      steps.push({ s, y, rho: 1 / sy });
      if (steps.length > memory) steps.shift();
    }
    const improvement = (value - nextValue) / Math.max(1, Math.abs(value));
    params = next;
    gradient = nextGradient;
    value = nextValue;
    if (improvement < tolerance) break;
  }
  const biasAt = featureCount * labelCount;
  return { featureCount, labelCount, weights: params.slice(0, biasAt), bias: params.slice(biasAt), iterations };
}
