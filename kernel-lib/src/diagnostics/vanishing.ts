// One number for the vanishing/exploding gradient plots: how much of ∂L/∂a_T survives back to a_1.
import { argError } from "../args";

/**
 * `‖∂L/∂a_1‖ / ‖∂L/∂a_T‖` from per-step gradient norms (`bptt(...).stepNorms.h`, or `.c`):
 * ≪ 1 means the gradient vanished on its way back, ≫ 1 that it exploded. Meaningful when the loss
 * reads only the last step (many-to-one); `from`/`to` pick other steps.
 * @param stepNorms `number[T]`, `stepNorms[t] = ‖∂L/∂a_t‖`
 * @example
 * vanishingRatio(layer.backward(dOut).stepNorms.h); // e.g. 3e-7 for a tanh RNN over 50 steps
 */
export function vanishingRatio(stepNorms: readonly number[], opts: { from?: number; to?: number } = {}): number {
  if (!Array.isArray(stepNorms) || !stepNorms.every((v) => typeof v === "number")) throw argError("vanishingRatio", "stepNorms", "an array of numbers (stepNorms.h of a backward)", stepNorms);
  const T = stepNorms.length;
  if (T === 0) throw new Error("vanishingRatio: stepNorms is empty");
  const first = opts.from ?? 0;
  const last = opts.to ?? T - 1;
  if (!(first >= 0 && first < T && last >= 0 && last < T)) throw new Error(`vanishingRatio: steps ${first} and ${last} must lie in [0, ${T})`);
  const denom = stepNorms[last];
  if (denom === 0) throw new Error(`vanishingRatio: ‖∂L/∂a‖ is 0 at step ${last}`);
  return stepNorms[first] / denom;
}
