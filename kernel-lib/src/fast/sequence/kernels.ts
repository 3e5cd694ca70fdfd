// The fast backend's sequence kernels: which built-in cell runs through which whole-sequence kernel, forward and backward.
import { Tensor } from "../../tensor";
import {
  CellParams, CellState, GruCellCache, LstmCellCache, RecurrentCell, RnnCellCache, builtinGruVariant, builtinRnnActivation, isBuiltinLstmCell,
} from "../../cells";
import type { SequenceKernels } from "../../seq/kernels";
import type { StepCache } from "../../seq/types";
import { isLstmTape, lstmBpttSequence, lstmUnrollSequence } from "./lstm-unroll";
import { gruUnrollSequence } from "./gru-forward";
import { gruBpttSequence } from "./gru-backward";
import { rnnBpttSequence, rnnUnrollSequence } from "./rnn-sequence";

/** True when every step holds a cache of the same sizes and parameter record that passes `ok` (the cell's own fields). */
function sameParams(caches: StepCache[], B: number, H: number, I: number, ok: (c: unknown) => boolean): boolean {
  const p = (caches[0].cache as { p?: CellParams } | null)?.p;
  for (const s of caches) {
    const c = s.cache as { p?: CellParams } | null;
    if (!c || c.p !== p || !ok(c) || s.B !== B || s.H !== H || s.I !== I) return false;
  }
  return true;
}

/**
 * The built-in cells (`lstmCell()`, `gruCell(variant)`, `rnnCell(act)`) run as whole-sequence kernels: input products and
 * weight gradients one product per chunk of steps, the recurrent step fused; a user-written cell is declined (stepped).
 */
export const FAST_SEQUENCE_KERNELS: SequenceKernels = {
  unroll(cell: RecurrentCell, p: CellParams, x: Tensor, state0: CellState | null, m: Float64Array | null, T: number, B: number, I: number, H: number,
    reuse: StepCache[] | null) {
    if (isBuiltinLstmCell(cell)) return lstmUnrollSequence(p, x, state0, m, T, B, I, H, reuse);
    const act = builtinRnnActivation(cell);
    if (act !== null) return rnnUnrollSequence(p, x, state0, m, T, B, I, H, act);
    const variant = builtinGruVariant(cell);
    if (variant !== null) return gruUnrollSequence(p, x, state0, m, T, B, I, H, variant, reuse);
    return null;
  },
  bptt(cell: RecurrentCell, caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
    normsH: number[], normsC: number[] | undefined, T: number, B: number, I: number, H: number): Tensor | null {
    const act = builtinRnnActivation(cell);
    if (act !== null && sameParams(caches, B, H, I, (c) => (c as RnnCellCache).act === act && (c as RnnCellCache).h instanceof Tensor)) {
      return rnnBpttSequence(caches, dOut, dh, grads, normsH, T, B, I, H);
    }
    const variant = builtinGruVariant(cell);
    if (variant !== null && sameParams(caches, B, H, I, (c) => (c as GruCellCache).variant === variant && (c as GruCellCache).r instanceof Float64Array && (c as GruCellCache).hPrev instanceof Tensor)) {
      return gruBpttSequence(caches, dOut, dh, grads, normsH, T, B, I, H);
    }
    if (normsC && isBuiltinLstmCell(cell) && (isLstmTape(caches) || sameParams(caches, B, H, I, (c) => (c as LstmCellCache).gates instanceof Float64Array && (c as LstmCellCache).tanhC instanceof Float64Array))) {
      return lstmBpttSequence(caches, dOut, dh, dc, grads, normsH, normsC, T, B, I, H);
    }
    return null;
  },
};
