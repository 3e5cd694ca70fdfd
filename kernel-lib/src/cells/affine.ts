// The affine part every gated cell shares, z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh, and its backward: one fused product per input.
import { Tensor, gemm } from "../tensor";
import { CellParams, addBiasRows, sumRowsInto } from "./types";

/**
 * All gate pre-activations at once: `z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh`.
 * @param x `[B, I]`, `h` `[B, H]`, `p.weight_ih [GH, I]`, `p.weight_hh [GH, H]`
 * @returns `z [B, GH]` (a fresh buffer, row b = gate blocks of sample b)
 */
export function gatePreactivations(x: Tensor, h: Tensor, p: CellParams, B: number, GH: number, I: number, H: number): Float64Array {
  const z = new Float64Array(B * GH);
  gemm(z, x.data, p.weight_ih.data, B, GH, I, false, true, false);
  gemm(z, h.data, p.weight_hh.data, B, GH, H, false, true, true);
  addBiasRows(z, p.bias_ih.data, B, GH);
  addBiasRows(z, p.bias_hh.data, B, GH);
  return z;
}

/**
 * The backward of {@link gatePreactivations}: `dW_ih += dzᵀ x`, `dW_hh += dzᵀ h`, `db_ih += Σ_b dz`,
 * `db_hh += Σ_b dz` (ADDED into `grads`); returns `dx = dz W_ih [B, I]` and `dh = dz W_hh [B, H]`.
 * @param dz `[B, GH]` ∂L/∂z
 */
export function gatePreactivationsBackward(
  dz: Float64Array, x: Tensor, h: Tensor, p: CellParams, grads: CellParams, B: number, GH: number, I: number, H: number,
): { dx: Tensor; dh: Tensor } {
  gemm(grads.weight_ih.data, dz, x.data, GH, I, B, true, false, true);
  gemm(grads.weight_hh.data, dz, h.data, GH, H, B, true, false, true);
  sumRowsInto(grads.bias_ih.data, dz, B, GH);
  sumRowsInto(grads.bias_hh.data, dz, B, GH);
  const dx = new Float64Array(B * I);
  gemm(dx, dz, p.weight_ih.data, B, I, GH, false, false, false);
  const dh = new Float64Array(B * H);
  gemm(dh, dz, p.weight_hh.data, B, H, GH, false, false, false);
  return { dx: new Tensor(dx, [B, I]), dh: new Tensor(dh, [B, H]) };
}
