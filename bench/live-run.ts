// Times the stored training run a notebook re-runs live and checks that it equals its record bit for bit, picked as the
// notebook picks it: 07 (translation) and 10 (attention) the record with the fewest epochs, 09 (char-lm) the cheapest
// (rounds × recurrent parameters).
//   node --import tsx bench/live-run.ts translation|attention|char-lm [--isa avx2|avx512f|128-bit]   (RNNLAB_NATIVE=0: WebAssembly alone)
import { Command } from "commander";
import * as rl from "../kernel-lib/src";

const args = new Command("live-run")
  .description("time the stored run notebook 07, 09 or 10 re-runs live, and check it against its record")
  .argument("<sweep>", "translation (notebook 07), char-lm (09) or attention (10)")
  .option("--isa <name>", "force the native kernels of a narrower instruction set (the same bits)")
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
  .parse();
/** Prints what is wrong and exits with status 2 (a wrong command line). */
function usage(message: string): never {
  console.error(`bench/live-run.ts: ${message}`);
  process.exit(2);
}
const sweep = args.args[0];
if (sweep !== "translation" && sweep !== "attention" && sweep !== "char-lm") {
  usage(`the sweep must be translation, char-lm or attention, got ${JSON.stringify(sweep)}`);
}
const isa = args.opts<{ isa?: string }>().isa;
if (isa !== undefined) {
  const isas = ["avx512f", "avx2", "128-bit"];
  if (!isas.includes(isa)) usage(`--isa must be one of ${isas.join(", ")}, got ${JSON.stringify(isa)}`);
  const k = rl.nativeKernels();
  if (!k.available) usage(`--isa ${isa} needs the native add-on, which is unavailable here (${k.reason})`);
  if (rl.setNativeKernels(true, isa as "avx2") !== isa) usage(`--isa ${isa} is not available here (the CPU runs ${k.isa})`);
}
const dataDir = rl.findDataDir();
const results = rl.readResults(rl.resultsPath(dataDir, sweep));
rl.assertSameComputation(results);
const P = rl.CHAR_LM_PROTOCOL;
const cost = (r: rl.RunRecord): number => sweep !== "char-lm" ? r.epochs
  : r.epochs * rl.recurrentParams(r.config.condition.model as rl.CellKind, P.embedDim, Number(r.config.condition.hidden));
const rec = results.records.reduce((a, b) => (cost(b) < cost(a) ? b : a));
/** The run, its data loaded first (outside the timing, as the notebook loads it in an earlier cell). */
function liveRun(): () => { record: rl.RunRecord } {
  if (sweep === "char-lm") {
    const lmData = rl.charLMSplits();
    return () => rl.runCharLM(lmData, rec.config);
  }
  const splits = rl.translationSplits(dataDir);
  return sweep === "translation" ? () => rl.runTranslation(splits, rec.config)
    : () => rl.runAttentionComparison(splits, rec.config as rl.AttentionRunRecord["config"]);
}
const run = liveRun();
const t0 = performance.now();
const same = rl.sameRecord(run().record, rec);
const seconds = (performance.now() - t0) / 1000;
const k = rl.nativeKernels();
console.log(`${sweep} ${JSON.stringify(rec.config)}, ${rec.epochs} epochs: ${seconds.toFixed(1)} s ` +
  `(${k.available ? `native ${k.isa}` : "WebAssembly"}); equals its record bit for bit: ${same}`);
if (!same) process.exit(1);
