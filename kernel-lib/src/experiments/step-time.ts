// Time per training step of one recurrent layer against hidden size, beside the matrix-product FLOPs it needs.
import { Rng, Tensor, randn } from "../tensor";
import { LSTM, GRU, RNN } from "../layers";
import type { CellKind } from "../cells";
import { GATE_BLOCKS } from "./sizes";
import { checkAllocation, checkInt, checkOptions, checkSize } from "../args";
import { checkCell } from "./args";

/**
 * Floating-point operations of the matrix products of one forward + backward pass over T steps:
 * forward 2·T·B·G·H·(I + H) (input and recurrent products), backward twice that (input and weight gradients),
 * so 6·T·B·G·H·(I + H) in all. The gate nonlinearities and element-wise products (O(T·B·G·H)) are not counted.
 * The GRU/LSTM ratio is exactly G_GRU / G_LSTM = 3/4.
 * @example stepFlops("lstm", 32, 128, 32, 50)
 */
export function stepFlops(cell: CellKind, inputSize: number, hiddenSize: number, batch: number, steps: number): number {
  const fn = "stepFlops";
  checkCell(fn, "cell", cell);
  checkSize(fn, "inputSize", inputSize);
  checkSize(fn, "hiddenSize", hiddenSize);
  checkSize(fn, "batch", batch);
  checkSize(fn, "steps", steps);
  return 6 * steps * batch * GATE_BLOCKS[cell] * hiddenSize * (inputSize + hiddenSize);
}

/** The most timed passes {@link timeTrainingStep} makes (a larger count only takes longer to give the same median). */
const MAX_REPEATS = 10_000;

/** Options of {@link timeTrainingStep}. */
export interface StepTimeOptions { inputSize?: number; batch?: number; steps?: number; repeats?: number; seed?: number }

/**
 * Milliseconds of CPU time of one forward + backward pass (a training step without the optimizer) of a layer of `cell`
 * with `hiddenSize` units on a fixed random batch `[T, B, I]`: one warm-up pass, then `repeats` samples of k passes
 * each (k chosen so that a sample lasts about 10 ms), and the fastest sample's time per pass.
 * CPU time (user + system of this process) does not count the time the process waits while other processes run, and
 * the fastest sample is the one least disturbed: on a loaded machine the ratio of two cells stays near the one a quiet
 * machine gives, while wall-clock medians can scatter by factors. It still depends on the machine: only ratios
 * measured in the same run mean something.
 */
export function timeTrainingStep(cell: CellKind, hiddenSize: number, opts: StepTimeOptions = {}): number {
  const fn = "timeTrainingStep";
  checkCell(fn, "cell", cell);
  checkSize(fn, "hiddenSize", hiddenSize);
  const { inputSize = 32, batch = 32, steps = 20, repeats = 5, seed = 0 } = checkOptions(fn, "opts", opts, ["inputSize", "batch", "steps", "repeats", "seed"]);
  checkSize(fn, "opts.inputSize", inputSize);
  checkSize(fn, "opts.batch", batch);
  checkSize(fn, "opts.steps", steps);
  checkInt(fn, "opts.repeats", repeats, { min: 1, max: MAX_REPEATS });
  checkInt(fn, "opts.seed", seed, { min: 0, max: 0xffffffff });
  const G = GATE_BLOCKS[cell];
  checkAllocation(fn, `hiddenSize = ${hiddenSize}`, { weight_hh: [G * hiddenSize, hiddenSize], weight_ih: [G * hiddenSize, inputSize] });
  checkAllocation(fn, `steps = ${steps}, batch = ${batch} and inputSize = ${inputSize}`, { "the input batch": [steps, batch, inputSize] });
  checkAllocation(fn, `steps = ${steps}, batch = ${batch} and hiddenSize = ${hiddenSize}`, { "the output gradient": [steps, batch, hiddenSize] });
  const rng = new Rng(seed);
  const layerOpts = { inputSize, hiddenSize, rng };
  const layer = cell === "lstm" ? new LSTM(layerOpts) : cell === "gru" ? new GRU(layerOpts) : new RNN(layerOpts);
  const x = randn([steps, batch, inputSize], { rng });
  const dOut = randn([steps, batch, hiddenSize], { rng });
  const pass = () => {
    layer.zeroGrad();
    layer.forward(x);
    layer.backward(dOut as Tensor);
  };
  const cpuMs = (f: () => void): number => {
    const u = process.cpuUsage();
    f();
    const d = process.cpuUsage(u);
    return (d.user + d.system) / 1000;
  };
  pass();
  const t0 = performance.now();
  pass();
  const k = Math.max(1, Math.min(1000, Math.round(10 / Math.max(performance.now() - t0, 1e-3))));
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    best = Math.min(best, cpuMs(() => {
      for (let i = 0; i < k; i++) pass();
    }) / k);
  }
  return best;
}
