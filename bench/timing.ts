// The benchmark's timing protocol, shared by every JS peer (bench/torch_bench.py follows the same steps).

/** Median steps/s and the raw repetitions, or why a peer was skipped. */
export interface Timing {
  stepsPerSec?: number;
  reps?: number[];
  stepsPerRep?: number;
  skipped?: string;
  /** when skipped for time: steps/s extrapolated from the 2-step warm-up (`T/2 ×` its best time) */
  estimatedStepsPerSec?: number;
}

/** Repetitions, target seconds per repetition, and the estimated seconds per step above which a peer is skipped. */
export interface TimingOptions {
  reps: number;
  repSeconds: number;
  capSeconds: number;
  /** "wall" (default) or "cpu": this process's CPU seconds (user + system, every thread), steadier on a shared machine */
  clock?: "wall" | "cpu";
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seconds `f` takes on `clock`: wall time, or this process's CPU time (user + system). */
function seconds(f: () => void, clock: "wall" | "cpu" = "wall"): number {
  if (clock === "cpu") {
    const u = process.cpuUsage();
    f();
    const d = process.cpuUsage(u);
    return (d.user + d.system) / 1e6;
  }
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

/**
 * Times `step` (one training step): warm up on `warmStep` (same shapes, a 2-step sequence) and estimate
 * the full step as `T/2 ×` the best of 3 warm-up runs; skip (keeping the estimate) if above `capSeconds`; time one full step, and if it alone is over
 * half the cap report it; else run `reps` repetitions of `k` steps (`k · step ≈ repSeconds`) after an
 * untimed one for tiny steps, and report the median rate.
 */
export function timeSteps(step: () => void, warmStep: () => void, T: number, o: TimingOptions): Timing {
  const c = o.clock ?? "wall";
  const estimate = Math.min(seconds(warmStep, c), seconds(warmStep, c), seconds(warmStep, c)) * (T / 2);
  if (estimate > o.capSeconds) return { skipped: `estimated ${estimate.toFixed(0)} s per step`, estimatedStepsPerSec: 1 / estimate };
  const one = seconds(step, c);
  if (one > o.capSeconds / 2) return { stepsPerSec: 1 / one, reps: [1 / one], stepsPerRep: 1 };
  const k = Math.max(1, Math.round(o.repSeconds / Math.max(one, 1e-6)));
  const run = (): void => { for (let i = 0; i < k; i++) step(); };
  if (one < 0.05) run();
  const reps: number[] = [];
  for (let r = 0; r < o.reps; r++) reps.push(k / Math.max(seconds(run, c), 1e-6));
  return { stepsPerSec: median(reps), reps, stepsPerRep: k };
}

/**
 * Median rate (calls per second of `clock`) of `f` over 5 repetitions of about `budget / 5` seconds each, after one
 * untimed call: for kernels, whose calls are short and many.
 */
export function callRate(f: () => void, budget: number, clock: "wall" | "cpu" = "wall"): number {
  f();
  const one = Math.max(seconds(f, clock), 1e-4);
  const k = Math.max(1, Math.round(budget / 5 / one));
  const rs: number[] = [];
  for (let r = 0; r < 5; r++) rs.push(k / Math.max(seconds(() => { for (let i = 0; i < k; i++) f(); }, clock), 1e-6));
  return median(rs);
}

/** A rate as the tables print it: 3 significant digits, whole numbers from 100. */
export const fmtNum = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toPrecision(3));
/** A peer's steps/s, its estimate when it was skipped for time ("≈… (est.)"), or "—". */
export const fmtRate = (t?: Timing): string =>
  t?.stepsPerSec !== undefined ? fmtNum(t.stepsPerSec) : t?.estimatedStepsPerSec !== undefined ? `≈${fmtNum(t.estimatedStepsPerSec)} (est.)` : "—";
/** a's steps/s over b's ("1.23×"), or "—" when either was not measured. */
export const fmtRatio = (a?: Timing, b?: Timing): string =>
  a?.stepsPerSec === undefined || b?.stepsPerSec === undefined ? "—" : `${(a.stepsPerSec / b.stepsPerSec).toPrecision(3)}×`;
