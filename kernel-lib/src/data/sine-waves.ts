// Noisy sine waves for next-step regression demos.
import { Rng, Tensor, getRng } from "../tensor";
import { describe } from "../args";

/** Options of {@link sineWaves}. */
export interface SineWaveOptions {
  rng?: Rng;
  /** Angular frequency range in radians per step (default [0.1, 0.5]: periods of 12 to 63 steps). */
  omega?: [number, number];
  /** Amplitude range (default [0.5, 1]). */
  amplitude?: [number, number];
  /** Standard deviation of Gaussian noise added to the inputs (default 0). */
  noise?: number;
  /** How many steps ahead the target looks (default 1). */
  horizon?: number;
}

/**
 * `n` waves `s_b(t) = A_b sin(ω_b t + φ_b)` with random `A_b`, `ω_b`, `φ_b ~ U(0, 2π)`;
 * input `x[t, b, 0] = s_b(t) + noise`, target `y[t, b, 0] = s_b(t + horizon)` (clean).
 * @param T number of time steps
 * @param n number of waves (the batch `B`)
 * @returns `x [T, n, 1]`, `y [T, n, 1]` and the drawn `omega`, `amplitude`, `phase` per wave
 * @example
 * const { x, y } = sineWaves(40, 32, { rng: new Rng(0), noise: 0.05 });
 */
export function sineWaves(T: number, n: number, opts: SineWaveOptions = {}): { x: Tensor; y: Tensor; omega: number[]; amplitude: number[]; phase: number[] } {
  const { omega = [0.1, 0.5], amplitude = [0.5, 1], noise = 0, horizon = 1 } = opts;
  const rng = opts.rng ?? getRng();
  if (!Number.isInteger(T) || T < 1) throw new Error(`sineWaves: T must be a positive integer, got ${describe(T)}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`sineWaves: n must be a positive integer, got ${describe(n)}`);
  const x = new Float64Array(T * n);
  const y = new Float64Array(T * n);
  const om: number[] = [], am: number[] = [], ph: number[] = [];
  for (let b = 0; b < n; b++) {
    const w = omega[0] + (omega[1] - omega[0]) * rng.uniform();
    const A = amplitude[0] + (amplitude[1] - amplitude[0]) * rng.uniform();
    const phi = 2 * Math.PI * rng.uniform();
    om.push(w); am.push(A); ph.push(phi);
    for (let t = 0; t < T; t++) {
      x[t * n + b] = A * Math.sin(w * t + phi) + (noise > 0 ? noise * rng.normal() : 0);
      y[t * n + b] = A * Math.sin(w * (t + horizon) + phi);
    }
  }
  return { x: new Tensor(x, [T, n, 1]), y: new Tensor(y, [T, n, 1]), omega: om, amplitude: am, phase: ph };
}
