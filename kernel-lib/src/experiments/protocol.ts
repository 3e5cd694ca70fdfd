// The experiment protocol: per condition a learning-rate grid chosen on validation, then several seeds at the chosen rate.
import { summarize, Interval } from "./stats";
import type { ConditionSummary, ProtocolSpec, RunConfig, RunRecord } from "./types";
import { checkArray, checkFunction } from "../args";
import { checkCondition, checkRunRecord, checkRunRecords, checkSpec, checkSummaries } from "./args";

export type { ConditionSummary, ProtocolSpec, RunConfig, RunHooks, RunRecord } from "./types";

/** A condition as a stable string key (keys sorted), to group runs. */
export function conditionKey(condition: Record<string, string | number>): string {
  checkCondition("conditionKey", "condition", condition);
  return keyOf(condition);
}

/** {@link conditionKey} without the check (conditions already checked). */
const keyOf = (condition: Record<string, string | number>): string => JSON.stringify(Object.keys(condition).sort().map((k) => [k, condition[k]]));

/**
 * The learning rate chosen for each condition: the best validation score among the grid runs (seed = `spec.seeds[0]`);
 * ties go to the rate listed first. Works on stored records as well as fresh ones.
 */
export function chooseLearningRates(records: readonly RunRecord[], spec: ProtocolSpec): Map<string, number> {
  checkRunRecords("chooseLearningRates", "records", records);
  checkSpec("chooseLearningRates", "spec", spec, 1);
  return chooseUnchecked(records, spec);
}

function chooseUnchecked(records: readonly RunRecord[], spec: ProtocolSpec): Map<string, number> {
  const hib = spec.higherIsBetter ?? true;
  const out = new Map<string, { lr: number; val: number }>();
  for (const lr of spec.lrGrid) {
    for (const r of records) {
      if (r.config.lr !== lr || r.config.seed !== spec.seeds[0]) continue;
      const k = keyOf(r.config.condition);
      const cur = out.get(k);
      if (!cur || (hib ? r.val > cur.val : r.val < cur.val)) out.set(k, { lr, val: r.val });
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.lr]));
}

/**
 * Runs the protocol for every condition: `run` at each rate of the grid with the first seed, the rate with the best
 * validation score is chosen, then `run` at that rate with the remaining seeds. Returns every record (grid and seeds),
 * in the order run; `onRecord` sees each as it finishes (progress, saving).
 * @example
 * const records = runProtocol([{ model: "lstm" }, { model: "gru" }], { lrGrid: [0.003, 0.01, 0.03], seeds: [0, 1, 2, 3, 4] }, runOne);
 */
export function runProtocol(
  conditions: readonly Record<string, string | number>[],
  spec: ProtocolSpec,
  run: (config: RunConfig) => RunRecord,
  onRecord?: (r: RunRecord) => void,
): RunRecord[] {
  const fn = "runProtocol";
  checkArray(fn, "conditions", conditions).forEach((c, i) => checkCondition(fn, `conditions[${i}]`, c));
  checkSpec(fn, "spec", spec);
  checkFunction(fn, "run", run);
  if (onRecord !== undefined) checkFunction(fn, "onRecord", onRecord);
  // what run returns is checked as it comes: a record of another config would be chosen from or summarised silently
  const runChecked = (config: RunConfig): RunRecord => {
    const r = checkRunRecord(fn, `run(${JSON.stringify(config)})`, run(config));
    if (keyOf(r.config.condition) !== keyOf(config.condition) || r.config.lr !== config.lr || r.config.seed !== config.seed) {
      throw new Error(`${fn}: run(${JSON.stringify(config)}) must return a record of that config, got one of ${JSON.stringify(r.config)}`);
    }
    return r;
  };
  const records: RunRecord[] = [];
  const push = (r: RunRecord) => {
    records.push(r);
    onRecord?.(r);
  };
  for (const condition of conditions) {
    const grid = spec.lrGrid.map((lr) => runChecked({ condition, lr, seed: spec.seeds[0] }));
    grid.forEach(push);
    const lr = chooseUnchecked(grid, spec).get(keyOf(condition)) as number;
    for (const seed of spec.seeds.slice(1)) push(runChecked({ condition, lr, seed }));
  }
  return records;
}

/**
 * Summaries per condition (in first-seen order) from protocol records: the runs at the chosen rate, one per seed of
 * `spec.seeds`; throws when a seed is missing, so a summary always rests on every seed.
 */
export function summarizeProtocol(records: readonly RunRecord[], spec: ProtocolSpec): ConditionSummary[] {
  checkRunRecords("summarizeProtocol", "records", records);
  checkSpec("summarizeProtocol", "spec", spec);
  const chosen = chooseUnchecked(records, spec);
  const seen: string[] = [];
  for (const r of records) if (!seen.includes(keyOf(r.config.condition))) seen.push(keyOf(r.config.condition));
  return seen.map((k) => {
    const lr = chosen.get(k) as number;
    const runs = spec.seeds.map((seed) => {
      const r = records.find((x) => keyOf(x.config.condition) === k && x.config.lr === lr && x.config.seed === seed);
      if (!r) throw new Error(`summarizeProtocol: no run of ${k} at lr ${lr} with seed ${seed}`);
      return r;
    });
    const names = Object.keys(runs[0].metrics);
    const metrics: Record<string, Interval> = {};
    for (const m of names) {
      const vs = runs.map((r) => r.metrics[m]);
      if (vs.every((v) => Number.isFinite(v))) metrics[m] = summarize(vs);
    }
    return { condition: runs[0].config.condition, lr, runs, test: summarize(runs.map((r) => r.test)), metrics };
  });
}

/** The summary whose condition has these entries (e.g. `{ model: "gru", size: "matched" }`); throws if none. */
export function findCondition(summaries: readonly ConditionSummary[], where: Record<string, string | number>): ConditionSummary {
  checkSummaries("findCondition", "summaries", summaries);
  checkCondition("findCondition", "where", where);
  const s = summaries.find((x) => Object.entries(where).every(([k, v]) => x.condition[k] === v));
  if (!s) throw new Error(`findCondition: no condition with ${JSON.stringify(where)}`);
  return s;
}
