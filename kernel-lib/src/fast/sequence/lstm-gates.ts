// The LSTM gate loop of the fast sequence kernels on named views of their step buffers: native or WebAssembly, with the plain
// loop beside it as the naive reference (the arithmetic of cells/lstm.ts's lstmPointwiseForward) and the fallback.
import { sigmoidScalar } from "../../tensor";
import { precision } from "../../tensor/precision";
import { lstmGates32, lstmGatesExact64 } from "../gates";

/** B rows of a step inside a flat buffer: the values from index `off` of `buf`. */
export interface View {
  buf: Float64Array;
  off: number;
}

/**
 * The views one LSTM step's gate loop reads and writes: `z [B, 4H]` pre-activations (overwritten by `i, f, g, o`), `cPrev [B, H]`
 * (c_{t−1}), and `c`, `tanhC`, `h [B, H]` written (c_t, tanh c_t, h_t). `c` and `h` start at the same offset (the kernels
 * take one offset for the new state).
 */
export interface LstmStepViews {
  z: View;
  cPrev: View;
  c: View;
  tanhC: View;
  h: View;
}

/**
 * One step's LSTM gate loop for B rows: `i, f, o = σ(z)`, `g = tanh(z)`, `c_t = f∗c_{t−1} + i∗g`, `h_t = o∗tanh c_t`.
 * float32 precision: the float32 lanes (native or WebAssembly); float64: the exact kernel (Math.exp's and Math.tanh's bits,
 * native or WebAssembly), else {@link lstmGateLoopNaive}: the same values.
 */
export function lstmGateLoop(v: LstmStepViews, B: number, H: number): void {
  const { z, cPrev, c, tanhC, h } = v;
  if (c.off === h.off) {
    if (precision() === "float32" && lstmGates32(z.buf, z.off, cPrev.buf, cPrev.off, c.buf, tanhC.buf, h.buf, c.off, tanhC.off, B, H)) return;
    if (lstmGatesExact64(z.buf, z.off, cPrev.buf, cPrev.off, c.buf, tanhC.buf, h.buf, c.off, tanhC.off, B, H)) return;
  }
  lstmGateLoopNaive(v, B, H);
}

/**
 * The plain JavaScript loop of {@link lstmGateLoop} (the reference its kernels are tested against, and the fallback):
 * `i, f, o = σ(z)`, `g = tanh(z)`, `c' = f∗c + i∗g`, `h' = o∗tanh(c')`, the arithmetic of the cell's `lstmPointwiseForward`.
 */
export function lstmGateLoopNaive(v: LstmStepViews, B: number, H: number): void {
  const z = v.z.buf, zo = v.z.off, cp = v.cPrev.buf, po = v.cPrev.off;
  const cNew = v.c.buf, co = v.c.off, tanhC = v.tanhC.buf, to = v.tanhC.off, hNew = v.h.buf, ho = v.h.off;
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
      cNew[co + s + j] = cn;
      tanhC[to + s + j] = tc;
      hNew[ho + s + j] = o * tc;
    }
  }
}
