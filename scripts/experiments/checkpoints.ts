// `node --import tsx scripts/experiments/checkpoints.ts <sweep> <condition index> [seed]`: re-runs one stored run of a
// sweep (at its condition's chosen rate), checks that the run equals its stored record bit for bit, and saves the
// trained weights (the best-validation checkpoint) as a model file at rl.checkpointPath. Notebooks 07 and 10 load these
// instead of re-training, and check each against its record.
import * as fs from "fs";
import * as path from "path";
import * as rl from "../../kernel-lib/src";
import { SWEEPS } from "./sweeps";

const [name, index, seedArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const sweep = SWEEPS[name];
if (!sweep) throw new Error(`checkpoints: unknown sweep "${name}", expected one of ${Object.keys(SWEEPS).join(", ")}`);
const DATA = path.join(__dirname, "..", "..", "data");
// --from-parts: the records of a sweep still running (its part files), instead of its results file
const parts = process.argv.includes("--from-parts")
  ? fs.readdirSync(path.dirname(sweep.file)).filter((f) => f.startsWith(`${name}.part-`)).map((f) => rl.readResults(path.join(path.dirname(sweep.file), f)))
  : [rl.readResults(sweep.file)];
for (const p of parts) rl.assertSameComputation(p);
const records = parts.flatMap((p) => p.records);
const condition = sweep.conditions()[Number(index)];
if (!condition) throw new Error(`checkpoints: ${name} has no condition ${index}`);
const seed = Number(seedArg ?? 0);
// the condition's chosen rate: the best validation score of its grid runs (as summarizeProtocol chooses)
const grid = records.filter((r) => rl.conditionKey(r.config.condition) === rl.conditionKey(condition) && r.config.seed === sweep.spec.seeds[0]);
const chosen = rl.chooseLearningRates(grid, sweep.spec).get(rl.conditionKey(condition));
const record = records.find((r) => rl.conditionKey(r.config.condition) === rl.conditionKey(condition) && r.config.lr === chosen && r.config.seed === seed);
if (!record) throw new Error(`checkpoints: no stored run of ${JSON.stringify(condition)} with seed ${seed}`);
const data = rl.translationSplits(DATA);
const run = name === "translation" ? rl.runTranslation(data, record.config)
  : name === "attention" ? rl.runAttentionComparison(data, record.config as rl.AttentionRunRecord["config"])
  : undefined;
if (!run) throw new Error(`checkpoints: sweep ${name} has no model to save (translation and attention do)`);
if (!rl.sameRecord(run.record, record)) throw new Error(`checkpoints: the re-run differs from its record:\n${JSON.stringify(run.record)}\n${JSON.stringify(record)}`);
const file = rl.checkpointPath(DATA, name, condition, seed);
fs.mkdirSync(path.dirname(file), { recursive: true });
rl.saveModel(file, run.model, { meta: { sweep: name, config: record.config, val: record.val, test: record.test } });
console.log(`${JSON.stringify(record.config)}: equals its record; saved ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
