/**
 * npm run train:replies — trains the offline reply model on the corpus's train split, tunes it on
 * the dev split, writes adapters/llm/offline/model/reply-model.json and prints the dev figures.
 * The test split is never read here. No randomness: a re-run on the same corpus writes the same file.
 *
 *   --search   also try the feature variants below and print their dev accuracy (nothing else changes)
 *   --dry-run  print the figures without writing the model file
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MIN_CONFIDENCE_TO_ACT } from '../core/autopilot/reply-effects.ts';
import type { FeatureOptions } from '../adapters/llm/offline/model/reply-features.ts';
import { readCorpus, splitOf } from './replies/corpus.ts';
import { figuresOf, formatFigures } from './replies/report.ts';
import { accuracyOn, chooseRuleBonus, classifyWith, defaults, prepare, train, variants } from './replies/trainer.ts';

const modelPath = fileURLToPath(new URL('../adapters/llm/offline/model/reply-model.json', import.meta.url));

function main() {
  const args = new Set(process.argv.slice(2));
  const started = performance.now();
  const corpus = readCorpus();
  const rows = corpus.map(prepare);
  const trainRows = rows.filter((row) => splitOf(row.reply.id) === 'train');
  const devRows = rows.filter((row) => splitOf(row.reply.id) === 'dev');
  console.log(`corpus: ${corpus.length} replies; train ${trainRows.length}, dev ${devRows.length}, test ${corpus.length - trainRows.length - devRows.length} (not read)`);
  if (args.has('--search')) {
    for (const [name, options] of [['defaults', defaults] as [string, FeatureOptions], ...variants]) {
      const model = train(trainRows, devRows, options, false);
      console.log(`  ${name.padEnd(18)} model alone ${(100 * accuracyOn(model, devRows)).toFixed(1)}% on dev`);
    }
  }
  const rulesAlone = devRows.filter((row) => row.ruleIntent === row.reply.intent).length / Math.max(1, devRows.length);
  console.log(`dev intent accuracy, the rules alone: ${(100 * rulesAlone).toFixed(1)}%`);
  const model = train(trainRows, devRows, defaults, true);
  console.log(`dev intent accuracy, the model alone: ${(100 * accuracyOn(model, devRows)).toFixed(1)}%`);
  const bonus = chooseRuleBonus(model, trainRows, devRows);
  console.log(`rule bonuses (99: the rule decides): ${Object.entries(bonus).map(([kind, value]) => `${kind} ${value}`).join(', ')}`);
  const scored = devRows.map(({ reply }) => ({ reply, result: classifyWith(model, reply) }));
  console.log(`\ndev figures (rules + model, through classifyReplyText):\n${formatFigures(figuresOf(scored, MIN_CONFIDENCE_TO_ACT))}`);
  const json = `${JSON.stringify(model.file)}\n`;
  if (!args.has('--dry-run')) writeFileSync(modelPath, json);
  console.log(`\nmodel: ${model.file.vocabulary.length} features, ${(json.length / 1024).toFixed(0)} KB${args.has('--dry-run') ? ' (not written)' : ` written to ${modelPath}`}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
