// `npm run experiments -- [sweep …]`: runs the protocol sweeps (all, or the ones named) and writes each results file.
import * as fs from "fs";
import { runProtocol, resultsJson } from "../../kernel-lib/src/experiments";
import { SWEEPS } from "./sweeps";

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of names.length ? names : Object.keys(SWEEPS)) {
  const sweep = SWEEPS[name];
  if (!sweep) throw new Error(`experiments: unknown sweep "${name}", expected one of ${Object.keys(SWEEPS).join(", ")}`);
  const t0 = Date.now();
  const conditions = sweep.conditions();
  const records = runProtocol(conditions, sweep.spec, sweep.run, (r) => {
    console.log(`[${name}] ${((Date.now() - t0) / 1000).toFixed(0)} s ${JSON.stringify(r.config)} val ${r.val.toFixed(4)} test ${r.test.toFixed(4)} best epoch ${r.bestEpoch}/${r.epochs}`);
  });
  fs.writeFileSync(sweep.file, resultsJson(name, sweep.spec, records));
  console.log(`[${name}] ${records.length} runs in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${sweep.file}`);
}
