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

/** Objective and gradient at `params` = [weights..., bias...]. */
function evaluate(params: Float64Array, gradient: Float64Array, examples: Example[], featureCount: number, labelCount: number, l2: number): number {
  const biasAt = featureCount * labelCount;
  gradient.fill(0);
  const scores = new Float64Array(labelCount);
  let totalWeight = 0;
  let loss = 0;
  for (const example of examples) {
    const weight = example.weight ?? 1;
    totalWeight += weight;
    for (let k = 0; k < labelCount; k += 1) scores[k] = params[biasAt + k] ?? 0;
    for (const [position, value] of example.features) {
      for (let k = 0; k < labelCount; k += 1) scores[k] = (scores[k] ?? 0) + value * (params[position * labelCount + k] ?? 0);
    }
    let top = -Infinity;
    for (const score of scores) top = Math.max(top, score);
    let sum = 0;
    for (let k = 0; k < labelCount; k += 1) sum += Math.exp((scores[k] ?? 0) - top);
    loss += weight * (top + Math.log(sum) - (scores[example.label] ?? 0));
    for (let k = 0; k < labelCount; k += 1) {
      const error = weight * (Math.exp((scores[k] ?? 0) - top) / sum - (k === example.label ? 1 : 0));
      gradient[biasAt + k] = (gradient[biasAt + k] ?? 0) + error;
      for (const [position, value] of example.features) gradient[position * labelCount + k] = (gradient[position * labelCount + k] ?? 0) + error * value;
    }
  }
  let penalty = 0;
  for (let i = 0; i < gradient.length; i += 1) {
    gradient[i] = (gradient[i] ?? 0) / totalWeight;
    if (i < biasAt) {
      const w = params[i] ?? 0;
      penalty += w * w;
      gradient[i] = (gradient[i] ?? 0) + l2 * w;
    }
  }
  return loss / totalWeight + (l2 / 2) * penalty;
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
  let value = evaluate(params, gradient, examples, featureCount, labelCount, options.l2);
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
      nextValue = evaluate(next, nextGradient, examples, featureCount, labelCount, options.l2);
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
