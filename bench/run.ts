import { importBench } from './import.bench.ts';
import { apiBench } from './api.bench.ts';
import { autopilotBench } from './autopilot.bench.ts';
import { liveBench } from './live.bench.ts';
import { webhooksBench } from './webhooks.bench.ts';

/** `npm run bench [-- <name>...] [--quick]`: each benchmark prints its figures as ratios against a raw baseline. */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--rows=N` overrides the import's size. */
const rowsArg = Number(args.find((arg) => arg.startsWith('--rows='))?.slice(7) ?? 0);
const names = args.filter((arg) => !arg.startsWith('--'));
const benches: Record<string, () => Promise<void>> = {
  import: () => importBench({ rows: rowsArg || (quick ? 20_000 : 1_000_000) }),
  autopilot: () => autopilotBench({ leads: quick ? 2_000 : 100_000 }),
  api: () => apiBench({ seconds: quick ? 3 : 10, connections: 50, leads: quick ? 2_000 : 20_000 }),
  live: () => liveBench({ subscribers: quick ? 40 : 200, changes: quick ? 200 : 1_000, tenants: 4 }),
  webhooks: () => webhooksBench({ leads: quick ? 1_000 : 10_000, connections: 50, duplicateRate: 0.1 }),
};
const selected = names.length ? names : Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}"; choose from ${Object.keys(benches).join(', ')}.`);
    process.exit(2);
  }
  await bench();
}
