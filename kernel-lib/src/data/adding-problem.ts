// The adding problem (Hochreiter & Schmidhuber 1997, modern two-channel variant): add the two marked numbers of a long sequence.
import { Rng, Tensor, getRng } from "../tensor";
import { describe } from "../args";

/** MSE of always predicting 1 (the mean of the target): Var(a + b) = 2 · 1/12 = 1/6 for a, b ~ U(0, 1). */
export const ADDING_BASELINE_MSE = 1 / 6;

/**
 * `n` sequences of length `T` with 2 input channels: channel 0 holds values ~ U(0, 1), channel 1 is a marker with exactly
 * two 1s, one in each half (positions in [0, ⌊T/2⌋) and [⌊T/2⌋, T)). The target is the sum of the two marked values.
 * A model that ignores the input and predicts 1 scores MSE ≈ {@link ADDING_BASELINE_MSE} = 1/6.
 * @param T sequence length (≥ 2)
 * @param n number of sequences (the batch `B`)
 * @returns `x [T, n, 2]`, `y [n, 1]`, `markers[b] = [i, j]` the marked time steps
 * @example
 * const { x, y } = addingProblem(50, 256, { rng: new Rng(0) });
 */
export function addingProblem(T: number, n: number, opts: { rng?: Rng } = {}): { x: Tensor; y: Tensor; markers: [number, number][] } {
  if (!Number.isInteger(T) || T < 2) throw new Error(`addingProblem: T must be an integer ≥ 2, got ${describe(T)}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`addingProblem: n must be a positive integer, got ${describe(n)}`);
  const rng = opts.rng ?? getRng();
  const half = Math.floor(T / 2);
  const x = new Float64Array(T * n * 2);
  const y = new Float64Array(n);
  const markers: [number, number][] = [];
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) x[(t * n + b) * 2] = rng.uniform();
    const i = rng.int(half);
    const j = half + rng.int(T - half);
    x[(i * n + b) * 2 + 1] = 1;
    x[(j * n + b) * 2 + 1] = 1;
    y[b] = x[(i * n + b) * 2] + x[(j * n + b) * 2];
    markers.push([i, j]);
  }
  return { x: new Tensor(x, [T, n, 2]), y: new Tensor(y, [n, 1]), markers };
}
