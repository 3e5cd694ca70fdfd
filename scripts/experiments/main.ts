// `npm run experiments -- [sweep …]`: runs the protocol sweeps (all, or the ones named) and writes each results file.
//   `-- sentiment --conditions 2,3` runs only those conditions (by index) into a part file, for several processes at once;
//   `-- sentiment --run 2:0.01:3` runs single configurations (condition index : rate : seed) into a part file;
//   `-- sentiment --merge` joins the part files into the results file, in the order one process would have written it.
import * as fs from "fs";
import { runProtocol, resultsJson, readResults, conditionKey, assertSameComputation, RunRecord } from "../../kernel-lib/src";
import { SWEEPS } from "./sweeps";

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const names = args.filter((a, i) => !a.startsWith("-") && !(i > 0 && ["--conditions", "--run"].includes(args[i - 1])));
const partFile = (file: string, idx: number[]) => file.replace(/\.results\.json$/, `.part-${idx.join("-")}.json`);
for (const name of names.length ? names : Object.keys(SWEEPS)) {
  const sweep = SWEEPS[name];
  if (!sweep) throw new Error(`experiments: unknown sweep "${name}", expected one of ${Object.keys(SWEEPS).join(", ")}`);
  const conditions = sweep.conditions();
  if (args.includes("--merge")) {
    const dir = sweep.file.replace(/[^/]+$/, "");
    const parts = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.part-`)).map((f) => readResults(dir + f)).flatMap((part) => (assertSameComputation(part), part.records));
    const records: RunRecord[] = conditions.flatMap((c) => parts.filter((r) => conditionKey(r.config.condition) === conditionKey(c)));
    if (records.length !== conditions.length * (sweep.spec.lrGrid.length + sweep.spec.seeds.length - 1)) throw new Error(`experiments: the parts of ${name} hold ${records.length} runs`);
    fs.writeFileSync(sweep.file, resultsJson(name, sweep.spec, records));
    console.log(`[${name}] merged ${records.length} runs → ${sweep.file}`);
    continue;
  }
  const single = flag("--run");
  if (single) {
    const configs = single.split(",").map((x) => x.split(":").map(Number)).map(([i, lr, seed]) => ({ condition: conditions[i], lr, seed }));
    const records = configs.map((c) => sweep.run(c));
    const out = sweep.file.replace(/\.results\.json$/, `.part-run-${single.replace(/[:,]/g, "_")}.json`);
    fs.writeFileSync(out, resultsJson(name, sweep.spec, records));
    console.log(`[${name}] ${records.map((r) => `${JSON.stringify(r.config)} val ${r.val} test ${r.test}`).join("\n")} → ${out}`);
    continue;
  }
  const only = flag("--conditions")?.split(",").map(Number);
  const t0 = Date.now();
  const records = runProtocol(only ? only.map((i) => conditions[i]) : conditions, sweep.spec, sweep.run, (r) => {
    console.log(`[${name}] ${((Date.now() - t0) / 1000).toFixed(0)} s ${JSON.stringify(r.config)} val ${r.val.toFixed(4)} test ${r.test.toFixed(4)} best epoch ${r.bestEpoch}/${r.epochs}`);
  });
  const out = only ? partFile(sweep.file, only) : sweep.file;
  fs.writeFileSync(out, resultsJson(name, sweep.spec, records));
  console.log(`[${name}] ${records.length} runs in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${out}`);
}
