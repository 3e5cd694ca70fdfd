// The LSTM gate loop of the fast sequence kernels at offsets into their step buffers: native or WebAssembly, with the plain
// loop beside it as the naive reference (cells/lstm.ts's lstmPointwiseForward, written for offsets) and the fallback.
import { sigmoidScalar } from "../../tensor";
import { precision } from "../../tensor/precision";
import { wasmLstmPointwise32, wasmLstmPointwise64 } from "../wasm/gates-wasm";

/**
 * The LSTM gate loop for B rows of step buffers: `z` rows from `zo` (activated in place: `i, f, o = σ`, `g = tanh`), `cp`
 * (c_{t−1}) from `po`, `tanhC` from `to`, `cNew` (c_t = f∗c_{t−1} + i∗g) and `hNew` (h_t = o∗tanh c_t) from `so`.
 * float32 precision: the float32 lanes (native or WebAssembly); float64: the exact kernel (Math.exp's and Math.tanh's bits,
 * native or WebAssembly), else {@link lstmPointwiseForwardNaive}: the same values.
 */
export function lstmPointwiseForwardAt(
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): void {
  if (precision() === "float32" && wasmLstmPointwise32(z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H)) return;
  if (wasmLstmPointwise64(z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H)) return;
  lstmPointwiseForwardNaive(z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H);
}

/**
 * The plain JavaScript loop of {@link lstmPointwiseForwardAt} (the reference its kernels are tested against, and the fallback):
 * `i, f, o = σ(z)`, `g = tanh(z)`, `c' = f∗c + i∗g`, `h' = o∗tanh(c')`, the arithmetic of the cell's `lstmPointwiseForward`.
 * @param z `[B, 4H]` rows from `zo` (overwritten by the activations), `cp` `[B, H]` from `po`, `cNew`/`hNew` `[B, H]` from `so`,
 * `tanhC` `[B, H]` from `to`
 */
export function lstmPointwiseForwardNaive(
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): void {
  const G4 = 4 * H;
  const sigmoid = sigmoidScalar;
  for (let b = 0; b < B; b++) {
    const r = zo + b * G4;
    const s = b * H;
    for (let j = 0; j < H; j++) {
      const i = (z[r + j] = sigmoid(z[r + j]));
      const f = (z[r + H + j] = sigmoid(z[r + H + j]));
      const g = (z[r + 2 * H + j] = Math.tanh(z[r + 2 * H + j]));
      const o = (z[r + 3 * H + j] = sigmoid(z[r + 3 * H + j]));
      const cn = f * cp[po + s + j] + i * g;
      const tc = Math.tanh(cn);
      cNew[so + s + j] = cn;
      tanhC[to + s + j] = tc;
      hNew[so + s + j] = o * tc;
    }
  }
}
