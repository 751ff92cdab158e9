import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

export interface Figure {
  metric: string;
  product: number;
  baseline: number;
  unit: string;
  /** True when higher is better (rates); false for latencies. */
  higherIsBetter: boolean;
  goal?: string;
}

export interface BenchResult {
  name: string;
  parameters: Record<string, unknown>;
  figures: Figure[];
  peakRssMb: number;
  notes: string[];
}

const ratio = (f: Figure) => (f.baseline === 0 ? 0 : f.product / f.baseline);

/** Prints a benchmark's figures as ratios against the baseline and writes them as JSON. */
export async function report(result: BenchResult): Promise<void> {
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  console.log(`\n== ${result.name} ${JSON.stringify(result.parameters)}`);
  for (const f of result.figures) {
    console.log(`  ${f.metric.padEnd(34)} product ${fmt(f.product)} ${f.unit}   baseline ${fmt(f.baseline)} ${f.unit}   ratio ${ratio(f).toFixed(2)}×${f.goal ? `   goal ${f.goal}` : ''}`);
  }
  console.log(`  peak RSS of the product's process: ${result.peakRssMb} MB`);
  for (const note of result.notes) console.log(`  note: ${note}`);
  await mkdir(new URL('../results/', import.meta.url), { recursive: true });
  const file = new URL(`../results/${result.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url);
  await writeFile(file, JSON.stringify({ ...result, figures: result.figures.map((f) => ({ ...f, ratio: ratio(f) })), machine, at: new Date().toISOString() }, null, 2));
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}
