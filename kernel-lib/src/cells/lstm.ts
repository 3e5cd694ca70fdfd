// The LSTM cell (gates i, f, g, o in PyTorch's order): forward and its hand-derived backward, side by side.
import { Tensor, checkShape, sigmoidScalar } from "../tensor";
import { CellParams, cellSizes, checkStepInputs, checkCache } from "./types";
import { gatePreactivations, gatePreactivationsBackward } from "./affine";

/** What {@link lstmCellForward} keeps for the backward pass. */
export interface LstmCellCache {
  x: Tensor;          // [B, I]
  hPrev: Tensor;      // [B, H]
  cPrev: Tensor;      // [B, H]
  gates: Float64Array; // [B, 4H] activated: i = σ, f = σ, g = tanh, o = σ
  tanhC: Float64Array; // [B, H] tanh(c')
  p: CellParams;
}

/**
 * One LSTM step. With `z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh` split into blocks `[i | f | g | o]` of H columns:
 * `i = σ(z_i)`, `f = σ(z_f)`, `g = tanh(z_g)`, `o = σ(z_o)`, `c' = f ∗ c + i ∗ g`, `h' = o ∗ tanh(c')`.
 * @param x `[B, I]`
 * @param h `[B, H]` previous hidden state
 * @param c `[B, H]` previous cell state
 * @param p `weight_ih [4H, I]`, `weight_hh [4H, H]`, `bias_ih [4H]`, `bias_hh [4H]`
 * @returns `h [B, H]`, `c [B, H]` and the cache for {@link lstmCellBackward}
 * @example
 * const { h, c } = lstmCellForward(x, zeros([B, H]), zeros([B, H]), initCellParams("lstm", I, H));
 */
export function lstmCellForward(x: Tensor, h: Tensor, c: Tensor, p: CellParams): { h: Tensor; c: Tensor; cache: LstmCellCache } {
  const fn = "lstmCellForward";
  const { H, I } = cellSizes(fn, p, 4);
  if (!(c instanceof Tensor)) checkShape(fn, "c", c, [-1, H], "B, H");
  const B = checkStepInputs(fn, x, h, I, H, c);
  const G4 = 4 * H;
  // z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh: all four gates in one fused product per input
  const z = gatePreactivations(x, h, p, B, G4, I, H);
  const cNew = new Float64Array(B * H);
  const hNew = new Float64Array(B * H);
  const tanhC = new Float64Array(B * H);
  lstmPointwiseForward(z, c.data, cNew, tanhC, hNew, B, H);
  return {
    h: new Tensor(hNew, [B, H]),
    c: new Tensor(cNew, [B, H]),
    cache: { x, hPrev: h, cPrev: c, gates: z, tanhC, p },
  };
}

/**
 * The element-wise part of the LSTM step for B rows: activates `z [B, 4H]` in place
 * (`i = σ`, `f = σ`, `g = tanh`, `o = σ`), then `c' = f ∗ c + i ∗ g`, `tanh(c')`, `h' = o ∗ tanh(c')`.
 * @param z `[B, 4H]` pre-activations, overwritten by the activations
 * @param cp `[B, H]` previous cell state; `cNew`, `tanhC`, `hNew` `[B, H]` are written
 */
export function lstmPointwiseForward(
  z: Float64Array, cp: Float64Array, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array, B: number, H: number,
): void {
  const G4 = 4 * H;
  const sigmoid = sigmoidScalar; // a local: no re-export getter per element
  for (let b = 0; b < B; b++) {
    const r = b * G4;
    const s = b * H;
    for (let j = 0; j < H; j++) {
      const i = (z[r + j] = sigmoid(z[r + j]));
      const f = (z[r + H + j] = sigmoid(z[r + H + j]));
      const g = (z[r + 2 * H + j] = Math.tanh(z[r + 2 * H + j]));
      const o = (z[r + 3 * H + j] = sigmoid(z[r + 3 * H + j]));
      const cn = f * cp[s + j] + i * g;  // c' = f∗c + i∗g
      const tc = Math.tanh(cn);
      cNew[s + j] = cn;
      tanhC[s + j] = tc;
      hNew[s + j] = o * tc;              // h' = o∗tanh(c')
    }
  }
}

/**
 * The backward pass of {@link lstmCellForward}, in reverse order of the forward:
 * `dc' = dc + dh ∗ o ∗ (1 − tanh²c')` (total ∂L/∂c'), `do = dh ∗ tanh c'`, `di = dc' ∗ g`, `dg = dc' ∗ i`,
 * `df = dc' ∗ c`, `dc_prev = dc' ∗ f`; through the nonlinearities `dz_i = di·i(1−i)`, `dz_f = df·f(1−f)`,
 * `dz_g = dg·(1−g²)`, `dz_o = do·o(1−o)`; then `dW_ih += dzᵀ x`, `dW_hh += dzᵀ h`, biases `+= Σ_b dz`,
 * `dx = dz W_ih`, `dh_prev = dz W_hh`.
 * @param dh `[B, H]` ∂L/∂h' (null = zeros)
 * @param dc `[B, H]` ∂L/∂c' from the future (null = zeros)
 * @param cache from {@link lstmCellForward}
 * @param grads gradients of the parameters, ADDED into
 * @returns `dx [B, I]`, `dh [B, H]`, `dc [B, H]` (w.r.t. the previous state) and `dcTotal [B, H]` (∂L/∂c')
 */
export function lstmCellBackward(
  dh: Tensor | null, dc: Tensor | null, cache: LstmCellCache, grads: CellParams,
): { dx: Tensor; dh: Tensor; dc: Tensor; dcTotal: Tensor } {
  const fn = "lstmCellBackward";
  checkCache(fn, cache, "lstmCellForward");
  const { x, hPrev, cPrev, gates, tanhC, p } = cache;
  const [B, H] = hPrev.shape;
  const I = x.shape[1];
  const G4 = 4 * H;
  cellSizes(fn, grads, 4);
  if (dh) checkStepInputs(fn, x, dh, I, H);
  if (dc) checkStepInputs(fn, x, hPrev, I, H, dc);
  const dhd = dh ? dh.data : null;
  const dcd = dc ? dc.data : null;
  const dz = new Float64Array(B * G4);
  const dcPrev = new Float64Array(B * H);
  const dcTot = new Float64Array(B * H);
  const cp = cPrev.data;
  for (let b = 0; b < B; b++) {
    const r = b * G4;
    const s = b * H;
    for (let j = 0; j < H; j++) {
      const i = gates[r + j];
      const f = gates[r + H + j];
      const g = gates[r + 2 * H + j];
      const o = gates[r + 3 * H + j];
      const tc = tanhC[s + j];
      const dhj = dhd ? dhd[s + j] : 0;
      // h' = o ∗ tanh(c'):  do, and the h' path into c'
      const dO = dhj * tc;
      const dcn = (dcd ? dcd[s + j] : 0) + dhj * o * (1 - tc * tc);
      dcTot[s + j] = dcn;
      // c' = f ∗ c + i ∗ g
      const dI = dcn * g;
      const dG = dcn * i;
      const dF = dcn * cp[s + j];
      dcPrev[s + j] = dcn * f;
      // through the gate nonlinearities to the pre-activations
      dz[r + j] = dI * i * (1 - i);
      dz[r + H + j] = dF * f * (1 - f);
      dz[r + 2 * H + j] = dG * (1 - g * g);
      dz[r + 3 * H + j] = dO * o * (1 - o);
    }
  }
  // z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh
  const { dx, dh: dhPrev } = gatePreactivationsBackward(dz, x, hPrev, p, grads, B, G4, I, H);
  return {
    dx,
    dh: dhPrev,
    dc: new Tensor(dcPrev, [B, H]),
    dcTotal: new Tensor(dcTot, [B, H]),
  };
}
