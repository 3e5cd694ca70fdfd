// Notebook 10's stored comparison: GRU encoder-decoders with and without attention, seeds 0–4, BLEU per length band.
// Usage: node --import tsx scripts/attention/sweep.ts [--model plain|attention]   (one model writes a part file)
//        node --import tsx scripts/attention/sweep.ts --merge                     (writes attention.results.json)
import * as fs from "fs";
import * as path from "path";
import { ATTENTION_RECIPE, AttentionRunRecord, ProtocolSpec, RunRecord, resultsJson, runAttentionComparison, translationSplits } from "../../kernel-lib/src";

const DATA = path.join(__dirname, "..", "..", "data");
const FILE = path.join(__dirname, "attention.results.json");
const MODELS = ["plain", "attention"] as const;
/** One learning rate (the recipe's) and five seeds: `summarizeProtocol` reads the records as a protocol with a one-rate grid. */
export const ATTENTION_SPEC: ProtocolSpec = { lrGrid: [ATTENTION_RECIPE.lr], seeds: [0, 1, 2, 3, 4] };
const part = (m: string) => path.join(__dirname, `attention.part-${m}.json`);

function runModel(model: (typeof MODELS)[number]): void {
  const data = translationSplits(DATA);
  const records: AttentionRunRecord[] = [];
  for (const seed of ATTENTION_SPEC.seeds) {
    const t0 = Date.now();
    records.push(runAttentionComparison(data, { condition: { model }, lr: ATTENTION_RECIPE.lr, seed }).record);
    console.log(`${model} seed ${seed}: test BLEU ${records[records.length - 1].test.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    fs.writeFileSync(part(model), JSON.stringify(records));
  }
}

function merge(): void {
  const records = MODELS.flatMap((m) => JSON.parse(fs.readFileSync(part(m), "utf8")) as RunRecord[]);
  if (records.length !== MODELS.length * ATTENTION_SPEC.seeds.length) throw new Error(`merge: expected ${MODELS.length * ATTENTION_SPEC.seeds.length} records, got ${records.length}`);
  fs.writeFileSync(FILE, resultsJson("attention", ATTENTION_SPEC, records));
  for (const m of MODELS) fs.unlinkSync(part(m));
  console.log(`wrote ${FILE}`);
}

const args = process.argv.slice(2);
if (args[0] === "--merge") merge();
else if (args[0] === "--model") runModel(args[1] as (typeof MODELS)[number]);
else for (const m of MODELS) runModel(m);
