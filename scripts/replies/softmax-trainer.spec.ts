import { describe, expect, it } from 'vitest';
import { trainSoftmax, type Example } from './softmax-trainer.ts';

/** Three labels, each announced by its own feature (0, 1, 2), with a shared noise feature (3). */
const examples: Example[] = [
  ...Array.from({ length: 6 }, (_unused, i): Example => ({ features: [[0, 1], [3, i % 2]], label: 0 })),
  ...Array.from({ length: 6 }, (_unused, i): Example => ({ features: [[1, 1], [3, i % 2]], label: 1 })),
  ...Array.from({ length: 3 }, (_unused, i): Example => ({ features: [[2, 1], [3, i % 2]], label: 2, weight: 2 })),
];

function predict(fit: ReturnType<typeof trainSoftmax>, features: Array<[number, number]>): number {
  const scores = Array.from(fit.bias);
  for (const [position, value] of features) for (let k = 0; k < fit.labelCount; k += 1) scores[k] = (scores[k] ?? 0) + value * (fit.weights[position * fit.labelCount + k] ?? 0);
  return scores.indexOf(Math.max(...scores));
}

const norm = (weights: Float64Array) => Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));

describe('trainSoftmax (L-BFGS multinomial logistic regression)', () => {
  it('learns which feature announces which label', () => {
    const fit = trainSoftmax(examples, 4, 3, { l2: 1e-3 });
    expect(examples.map((example) => predict(fit, example.features))).toEqual(examples.map((example) => example.label));
    expect(predict(fit, [[2, 1]])).toBe(2);
    expect(fit.iterations).toBeGreaterThan(1);
  });

  it('gives the same weights on every run', () => {
    const first = trainSoftmax(examples, 4, 3, { l2: 1e-3 });
    const second = trainSoftmax(examples, 4, 3, { l2: 1e-3 });
    expect(Array.from(second.weights)).toEqual(Array.from(first.weights));
    expect(Array.from(second.bias)).toEqual(Array.from(first.bias));
  });

  it('keeps weights smaller under a stronger L2', () => {
    expect(norm(trainSoftmax(examples, 4, 3, { l2: 1e-1 }).weights)).toBeLessThan(norm(trainSoftmax(examples, 4, 3, { l2: 1e-3 }).weights) / 2);
  });
});
