// Argument checks shared by the experiment entries: conditions, run configs and records, protocol specs, intervals and summaries.
import { argError, checkArray, checkBoolean, checkFunction, checkInt, checkNumber, checkObject, checkOneOf, checkOptions } from "../args";
import type { Interval } from "./stats";
import type { ConditionSummary, ProtocolSpec, RunConfig, RunHooks, RunRecord } from "./types";

/** The largest seed of a run: the runners seed generators with `seed + 2000` at most, and an `Rng` seed is below 2³². */
export const MAX_RUN_SEED = 0xffffffff - 2000;

/** The recurrent cells a run or a size helper knows. */
export const CELL_KINDS = ["rnn", "gru", "lstm"] as const;

/** A condition: a plain object whose entries are strings or finite numbers (`{ model: "gru", hidden: 32 }`). */
export function checkCondition(fn: string, name: string, v: unknown): Record<string, string | number> {
  const c = checkObject<Record<string, unknown>>(fn, name, v, '{ key: string or number, … } such as { model: "gru", hidden: 32 }');
  for (const [k, x] of Object.entries(c)) {
    if (typeof x !== "string" && !(typeof x === "number" && Number.isFinite(x))) throw argError(fn, `${name}.${k}`, "a string or a finite number", x);
  }
  return c as Record<string, string | number>;
}

/** A condition with exactly the keys a runner reads: a misspelt or extra key would otherwise be ignored silently. */
export function checkConditionKeys(fn: string, name: string, c: Record<string, string | number>, known: readonly string[]): void {
  const extra = Object.keys(c).filter((k) => !known.includes(k));
  if (extra.length) throw new Error(`${fn}: unknown key${extra.length > 1 ? "s" : ""} ${extra.join(", ")} in ${name}; known: ${known.join(", ")}`);
}

/** A run's seed: an integer in [0, {@link MAX_RUN_SEED}]. */
export function checkSeed(fn: string, name: string, v: unknown): number {
  return checkInt(fn, name, v, { min: 0, max: MAX_RUN_SEED });
}

/** A {@link RunConfig}: `{ condition, lr > 0, seed }`. */
export function checkRunConfig(fn: string, name: string, v: unknown): RunConfig {
  const c = checkObject<RunConfig>(fn, name, v, "{ condition, lr, seed } (a RunConfig)");
  checkCondition(fn, `${name}.condition`, c.condition);
  checkNumber(fn, `${name}.lr`, c.lr, { above: 0 });
  checkSeed(fn, `${name}.seed`, c.seed);
  return c;
}

/** A {@link RunRecord}: its config, finite `val` and `test`, 1-based epochs, and metrics that are numbers (NaN for an empty subset) or null (NaN in JSON). */
export function checkRunRecord(fn: string, name: string, v: unknown): RunRecord {
  const r = checkObject<RunRecord>(fn, name, v, "{ config, val, test, bestEpoch, epochs, metrics } (a RunRecord)");
  checkRunConfig(fn, `${name}.config`, r.config);
  checkNumber(fn, `${name}.val`, r.val);
  checkNumber(fn, `${name}.test`, r.test);
  checkInt(fn, `${name}.epochs`, r.epochs, { min: 1 });
  checkInt(fn, `${name}.bestEpoch`, r.bestEpoch, { min: 1, max: r.epochs });
  const m = checkObject<Record<string, unknown>>(fn, `${name}.metrics`, r.metrics, "{ name: number, … }");
  for (const [k, x] of Object.entries(m)) if (typeof x !== "number" && x !== null) throw argError(fn, `${name}.metrics.${k}`, "a number or null", x);
  return r;
}

/** An array of {@link RunRecord}s. */
export function checkRunRecords(fn: string, name: string, v: unknown): readonly RunRecord[] {
  return checkArray(fn, name, v).map((r, i) => checkRunRecord(fn, `${name}[${i}]`, r));
}

const SPEC_KEYS = ["lrGrid", "seeds", "higherIsBetter"];

/**
 * A {@link ProtocolSpec}: a non-empty grid of positive rates, at least `minSeeds` distinct seeds, `higherIsBetter` a
 * boolean or absent, and no other key.
 */
export function checkSpec(fn: string, name: string, v: unknown, minSeeds = 2): ProtocolSpec {
  const s = checkObject<ProtocolSpec>(fn, name, v, "{ lrGrid, seeds, higherIsBetter? } (a ProtocolSpec)");
  const extra = Object.keys(s).filter((k) => !SPEC_KEYS.includes(k));
  if (extra.length) throw new Error(`${fn}: unknown key${extra.length > 1 ? "s" : ""} ${extra.join(", ")} in ${name}; known: ${SPEC_KEYS.join(", ")}`);
  checkArray(fn, `${name}.lrGrid`, s.lrGrid, 1).forEach((lr, i) => checkNumber(fn, `${name}.lrGrid[${i}]`, lr, { above: 0 }));
  checkArray(fn, `${name}.seeds`, s.seeds, minSeeds).forEach((seed, i) => checkSeed(fn, `${name}.seeds[${i}]`, seed));
  if (new Set(s.seeds).size !== s.seeds.length) throw argError(fn, `${name}.seeds`, "distinct seeds", s.seeds);
  if (s.higherIsBetter !== undefined) checkBoolean(fn, `${name}.higherIsBetter`, s.higherIsBetter);
  return s;
}

/** An {@link Interval} (from `summarize`): n ≥ 1, finite mean, sd ≥ 0, lo ≤ hi, and the values. */
export function checkInterval(fn: string, name: string, v: unknown): Interval {
  const s = checkObject<Interval>(fn, name, v, "{ n, mean, sd, lo, hi, values } (an Interval from summarize)");
  checkInt(fn, `${name}.n`, s.n, { min: 1 });
  checkNumber(fn, `${name}.mean`, s.mean);
  checkNumber(fn, `${name}.sd`, s.sd, { min: 0 });
  checkNumber(fn, `${name}.lo`, s.lo);
  checkNumber(fn, `${name}.hi`, s.hi, { min: s.lo });
  checkArray(fn, `${name}.values`, s.values).forEach((x, i) => checkNumber(fn, `${name}.values[${i}]`, x));
  return s;
}

/** A {@link ConditionSummary} (from `summarizeProtocol`); its metrics are checked where one is read ({@link summaryMetric}). */
export function checkSummary(fn: string, name: string, v: unknown): ConditionSummary {
  const s = checkObject<ConditionSummary>(fn, name, v, "{ condition, lr, runs, test, metrics } (a ConditionSummary from summarizeProtocol)");
  checkCondition(fn, `${name}.condition`, s.condition);
  checkNumber(fn, `${name}.lr`, s.lr, { above: 0 });
  checkArray(fn, `${name}.runs`, s.runs);
  checkInterval(fn, `${name}.test`, s.test);
  checkObject(fn, `${name}.metrics`, s.metrics, "{ name: Interval, … }");
  return s;
}

/** An array of {@link ConditionSummary}s. */
export function checkSummaries(fn: string, name: string, v: unknown): readonly ConditionSummary[] {
  return checkArray(fn, name, v).map((s, i) => checkSummary(fn, `${name}[${i}]`, s));
}

/** The interval of `metric` in a summary (its test score when `metric` is undefined); an absent metric is an error naming it. */
export function summaryMetric(fn: string, name: string, s: ConditionSummary, metric: unknown): Interval {
  if (metric === undefined) return s.test;
  if (typeof metric !== "string" || metric === "") throw argError(fn, "metric", `undefined (the test score) or one of ${JSON.stringify(Object.keys(s.metrics))}`, metric);
  if (!Object.prototype.hasOwnProperty.call(s.metrics, metric)) throw new Error(`${fn}: no metric "${metric}" in ${JSON.stringify(s.condition)}; it has ${JSON.stringify(Object.keys(s.metrics))}`);
  return checkInterval(fn, `${name}.metrics.${metric}`, s.metrics[metric]);
}

/** Decimals of a formatted number: an integer in [0, 100] (the range of `toFixed`). */
export function checkDigits(fn: string, name: string, v: unknown): number {
  return checkInt(fn, name, v, { min: 0, max: 100 });
}

/** A recurrent cell kind, "rnn", "gru" or "lstm". */
export function checkCell(fn: string, name: string, v: unknown): (typeof CELL_KINDS)[number] {
  return checkOneOf(fn, name, v, CELL_KINDS);
}

/** The hooks a runner passes on to `fit`: `{ onStep?, onEpoch? }`, functions when given. */
export function checkHooks(fn: string, hooks: unknown): RunHooks {
  const h = checkOptions<RunHooks>(fn, "hooks", hooks as RunHooks | undefined, ["onStep", "onEpoch"]);
  if (h.onStep !== undefined) checkFunction(fn, "hooks.onStep", h.onStep);
  if (h.onEpoch !== undefined) checkFunction(fn, "hooks.onEpoch", h.onEpoch);
  return h;
}
