// Gate saturation statistics: how often LSTM/GRU gates sit near 0 or 1 (where their gradient σ' vanishes).
import { Tensor, checkRank, fmtShape } from "../tensor";
import type { GruCellCache, LstmCellCache } from "../cells";
import type { StepCache } from "../seq";
import { argError } from "../args";

/** Saturation of one gate: fractions of activations `< low` and `> high`, overall and per time step. */
export interface GateSaturationRow {
  gate: string;
  low: number;
  high: number;
  /** `low + high`: the share of units whose gradient σ'(z) = s(1 − s) is below low·(1 − low). */
  saturated: number;
  perStep: { low: number[]; high: number[] };
}

/**
 * For each gate's activations `s ∈ (0, 1)` (shape `[T, B, H]`), the fraction below `low` and above `high`,
 * overall and per time step — saturated sigmoid gates pass almost no gradient.
 * @param gates a record such as `{ i, f, o }` (LSTM) or `{ r, z }` (GRU) of `[T, B, H]`, or a list (named `gate0`, …);
 *   {@link gateActivations} builds it from an unroll's caches
 * @param opts thresholds, default `low = 0.1`, `high = 0.9`
 * @example
 * const { caches } = rl.unroll(rl.lstmCell(), p, x);
 * rl.gateSaturation(rl.gateActivations(caches)); // [{ gate: "i", low: 0.02, high: 0.05, … }, …]
 */
export function gateSaturation(gates: Record<string, Tensor> | Tensor[], opts: { low?: number; high?: number } = {}): GateSaturationRow[] {
  if (!gates || typeof gates !== "object" || !Object.values(gates).every((g) => g instanceof Tensor)) throw argError("gateSaturation", "gates", "a record (or array) of gate Tensors, e.g. gateActivations(caches)", gates);
  const lo = opts.low ?? 0.1;
  const hi = opts.high ?? 0.9;
  if (!(lo < hi)) throw new Error(`gateSaturation: low (${lo}) must be below high (${hi})`);
  const rec: Record<string, Tensor> = Array.isArray(gates) ? Object.fromEntries(gates.map((g, i) => [`gate${i}`, g])) : gates;
  return Object.keys(rec).map((name) => {
    const g = rec[name];
    checkRank("gateSaturation", name, g, 3, "T, B, H");
    const [T] = g.shape;
    const per = g.size / Math.max(T, 1);
    const row: GateSaturationRow = { gate: name, low: 0, high: 0, saturated: 0, perStep: { low: [], high: [] } };
    let nLow = 0;
    let nHigh = 0;
    for (let t = 0; t < T; t++) {
      let l = 0;
      let h = 0;
      for (let k = t * per; k < (t + 1) * per; k++) {
        const v = g.data[k];
        if (v < lo) l++;
        else if (v > hi) h++;
      }
      row.perStep.low.push(per ? l / per : 0);
      row.perStep.high.push(per ? h / per : 0);
      nLow += l;
      nHigh += h;
    }
    row.low = g.size ? nLow / g.size : 0;
    row.high = g.size ? nHigh / g.size : 0;
    row.saturated = row.low + row.high;
    return row;
  });
}

/** Copies column block `k` (width H) of a `[B, G·H]` row-major buffer into `out` at `offset`. */
function copyBlock(src: Float64Array, B: number, G: number, H: number, k: number, out: Float64Array, offset: number): void {
  for (let b = 0; b < B; b++) out.set(src.subarray(b * G * H + k * H, b * G * H + (k + 1) * H), offset + b * H);
}

/**
 * The sigmoid-gate activations recorded by `unroll` (from `seq`), as `[T, B, H]` tensors:
 * LSTM `{ i, f, o }` (from the cache's activated `[i | f | g | o]` blocks), GRU `{ r, z }`.
 * The RNN has no gates and gives an error.
 * @param caches `unroll(cell, p, x).caches` (length T), or the per-step cell caches themselves
 */
export function gateActivations(caches: readonly (StepCache | LstmCellCache | GruCellCache)[]): Record<string, Tensor> {
  if (!Array.isArray(caches) || !caches.every((c) => c && typeof c === "object" && !Array.isArray(c))) throw argError("gateActivations", "caches", "the array of step caches unroll returned", caches);
  if (caches.length === 0) throw new Error("gateActivations: no caches (T = 0)");
  const cells = caches.map((c) => ("cache" in c && "mask" in c ? (c as StepCache).cache : c)) as any[];
  const first = cells[0];
  const T = cells.length;
  const [B, H] = (first.hPrev as Tensor).shape;
  if (first.gates instanceof Float64Array) {
    const out = { i: new Float64Array(T * B * H), f: new Float64Array(T * B * H), o: new Float64Array(T * B * H) };
    cells.forEach((c: LstmCellCache, t) => {
      copyBlock(c.gates, B, 4, H, 0, out.i, t * B * H);
      copyBlock(c.gates, B, 4, H, 1, out.f, t * B * H);
      copyBlock(c.gates, B, 4, H, 3, out.o, t * B * H);
    });
    return { i: new Tensor(out.i, [T, B, H]), f: new Tensor(out.f, [T, B, H]), o: new Tensor(out.o, [T, B, H]) };
  }
  if (first.r instanceof Float64Array && first.z instanceof Float64Array) {
    const r = new Float64Array(T * B * H);
    const z = new Float64Array(T * B * H);
    cells.forEach((c: GruCellCache, t) => {
      r.set(c.r, t * B * H);
      z.set(c.z, t * B * H);
    });
    return { r: new Tensor(r, [T, B, H]), z: new Tensor(z, [T, B, H]) };
  }
  throw new Error(`gateActivations: caches are neither LSTM nor GRU caches (an RNN has no gates); first cache has keys ${fmtShape(Object.keys(first))}`);
}
