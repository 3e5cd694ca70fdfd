// The copy task (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016): read symbols, wait, then write them back.
import { Rng, Tensor, getRng } from "../tensor";
import { checkAllocation, describe } from "../args";

/**
 * `n` copy-task sequences. Ids: 0 = blank, 1..alphabet = symbols, alphabet + 1 = "go" marker; `V = alphabet + 2`.
 * Input over `T + delay + T` steps: `T` random symbols, `delay` blanks whose last is the go marker, then `T` blanks.
 * Target: blanks for the first `T + delay` steps, then the `T` symbols. `mask` is 1 on the last `T` steps (where copying counts).
 * A memoryless model that guesses a symbol scores cross-entropy `ln(alphabet)` on the masked steps (`baselineCrossEntropy`).
 * @param T number of symbols to remember
 * @param n number of sequences (the batch `B`)
 * @returns `x [L, n]` input ids, `y [L, n]` target ids, `mask [L, n]` with `L = 2T + delay`; one-hot `x` with `oneHot(x, V)`
 * @example
 * const task = copyTask(5, 64, { delay: 20, rng: new Rng(0) });
 */
export function copyTask(
  T: number,
  n: number,
  opts: { rng?: Rng; alphabet?: number; delay?: number } = {},
): { x: Tensor; y: Tensor; mask: Tensor; V: number; baselineCrossEntropy: number } {
  const { alphabet = 8, delay = 10 } = opts;
  const rng = opts.rng ?? getRng();
  if (!Number.isInteger(T) || T < 1) throw new Error(`copyTask: T must be a positive integer, got ${describe(T)}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`copyTask: n must be a positive integer, got ${describe(n)}`);
  if (!Number.isInteger(delay) || delay < 1) throw new Error(`copyTask: delay must be an integer ≥ 1, got ${describe(delay)}`);
  if (!Number.isInteger(alphabet) || alphabet < 2) throw new Error(`copyTask: alphabet must be an integer ≥ 2, got ${describe(alphabet)}`);
  const L = 2 * T + delay;
  checkAllocation("copyTask", `T = ${T}, delay = ${delay} and n = ${n}`, { x: [L, n] });
  const go = alphabet + 1;
  const x = new Float64Array(L * n);
  const y = new Float64Array(L * n);
  const mask = new Float64Array(L * n);
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) {
      const s = 1 + rng.int(alphabet);
      x[t * n + b] = s;
      y[(T + delay + t) * n + b] = s;
      mask[(T + delay + t) * n + b] = 1;
    }
    x[(T + delay - 1) * n + b] = go;
  }
  return { x: new Tensor(x, [L, n]), y: new Tensor(y, [L, n]), mask: new Tensor(mask, [L, n]), V: alphabet + 2, baselineCrossEntropy: Math.log(alphabet) };
}
