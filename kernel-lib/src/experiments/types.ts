// The records of the experiment protocol: what one run is given and gives back, the grid and seeds, and a condition's summary.
import type { Interval } from "./stats";
import type { EpochRecord, History, StepRecord } from "../train";

/** One training run to do: the condition (model, size, task length …), a learning rate and a seed. */
export interface RunConfig {
  condition: Record<string, string | number>;
  lr: number;
  seed: number;
}

/** What one run gives back: its config, the validation score used for choosing, the test score, and other test metrics. */
export interface RunRecord {
  config: RunConfig;
  /** Best validation score (the checkpoint that was tested). */
  val: number;
  /** The headline test score of that checkpoint (accuracy, BLEU, MSE …). */
  test: number;
  /** 1-based epoch of the checkpoint, and the epochs actually trained. */
  bestEpoch: number;
  epochs: number;
  /** Further test numbers (per category, per language …). */
  metrics: Record<string, number>;
}

/** Progress callbacks a run passes on to \`fit\` (live displays); they never change what is computed. */
export interface RunHooks {
  onStep?: (s: StepRecord) => void | boolean;
  onEpoch?: (e: EpochRecord, h: History) => void | boolean;
}

/** The grid, the seeds and the direction of the scores. */
export interface ProtocolSpec {
  lrGrid: number[];
  /** The seeds of the final comparison; the first one also runs the grid. */
  seeds: number[];
  /** true (default) when larger validation and test scores are better. */
  higherIsBetter?: boolean;
}

/** One condition's result: the chosen rate, its runs (one per seed) and intervals of the test score and of every metric. */
export interface ConditionSummary {
  condition: Record<string, string | number>;
  lr: number;
  runs: RunRecord[];
  test: Interval;
  metrics: Record<string, Interval>;
}
