// The WebAssembly SIMD gemm for larger products (f64x2, or f32x4 under setPrecision("float32")): operands are copied into the module's
// memory (after the pinned operand, pin.ts), whole tiles run in gemm-tiles.wat or gemm-tiles32.wat (spread over helper threads by
// gemm-threads.ts when the memory is shared), edges in JS.
import { gemmEdge } from "../../tensor/gemm-js";
import { precision } from "../../tensor/precision";
import { colvecThreaded, dotvecThreaded } from "./gemm-threads";
import { SimdKernels, align16, simdKernels, wasmF64, wasmReserve, wasmToF32, wasmToF32Transposed } from "./instance";
import { wasmPinned, wasmPinnedTransposed32 } from "./pin";

/**
 * `C[M,N] (+)= op(A) · op(B)` with WebAssembly SIMD, same contract as `gemm`/`gemmNaive`, for the three
 * cases the cells use: `A·B` and `Aᵀ·B` run the column-vectorised 4×4 kernel (each element sums in
 * increasing k, so bit-identical to `gemmNaive`); `A·Bᵀ` runs the k-vectorised 2×4 kernel (even and odd k in
 * two lanes, then added: deterministic, within rounding of the naive sum). Ragged rows and columns go
 * through the JS edge loop. With precision `"float32"` (`setPrecision`) the tiles of all three cases run the
 * float32 `colvec32` kernel instead (every element summed in increasing k). Returns false (doing nothing) for
 * `Aᵀ·Bᵀ` or when SIMD is unavailable.
 * @param C `[M, N]`, A `[M, K]` (stored `[K, M]` with `transA`), B `[K, N]` (stored `[N, K]` with `transB`)
 */
export function gemmWasm(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): boolean {
  if (transA && transB) return false;
  const k = simdKernels();
  if (k === null) return false;
  if (precision() === "float32") return gemmWasm32(k, C, A, B, M, N, K, transA, transB, accumulate);
  const nA = M * K;
  const nB = K * N;
  const nC = M * N;
  // the pinned operand (if any) stays at offset 0; this call's operands go after it
  const pin = wasmPinned();
  const usePin = pin.W !== null && pin.as === "float64" && B === pin.W && B.length === nB;
  const offA = pin.bytes / 8;
  const offB = usePin ? 0 : offA + nA + (nA & 1);
  const offC = (usePin ? offA + nA + (nA & 1) : offB + nB + (nB & 1));
  if (!wasmReserve(k, (offC + nC) * 8)) return false;
  const mem = wasmF64();
  mem.set(A.length === nA ? A : A.subarray(0, nA), offA);
  if (!usePin) mem.set(B.length === nB ? B : B.subarray(0, nB), offB);
  if (accumulate) mem.set(C.length === nC ? C : C.subarray(0, nC), offC);
  const ars = transA ? 1 : K;
  const aks = transA ? M : 1;
  const bcs = transB ? K : 1;
  const bks = transB ? 1 : N;
  let Mt: number;
  const Nt = N - (N & 3);
  if (transB) {
    Mt = M - (M & 1);
    dotvecThreaded(k, M, N, K, offA * 8, offB * 8, offC * 8, accumulate ? 1 : 0);
  } else {
    Mt = M - (M & 3);
    colvecThreaded(k, false, M, N, K, offA * 8, ars, aks, offB * 8, offC * 8, accumulate ? 1 : 0);
  }
  if (Mt > 0 && Nt > 0) C.set(mem.subarray(offC, offC + nC));
  // ragged edges: the last columns of the tiled rows, then the last rows
  if (Nt < N) gemmEdge(C, A, B, 0, Mt, Nt, N, N, K, ars, aks, bcs, bks, accumulate);
  if (Mt < M) gemmEdge(C, A, B, Mt, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
  return true;
}

/**
 * The float32 path of {@link gemmWasm}: operands rounded to float32 in wasm memory (`op(B)` as `[K, N]` rows, so for `A·Bᵀ`
 * transposed, or the pinned copy of it), the whole 4×8 tiles computed by `colvec32` for all three cases (each element one float32
 * sum in increasing k), each result widened to float64 and stored or ADDED into the float64 `C` (copied in and out like the
 * float64 path); the ragged edges run the float64 JS loop on the original operands.
 */
function gemmWasm32(
  k: SimdKernels, C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): boolean {
  const nA = M * K;
  const nB = K * N;
  const nC = M * N;
  const pin = wasmPinned();
  const pinAt = pin.W !== null && pin.as === "float32" && B === pin.W && B.length === nB ? (transB ? wasmPinnedTransposed32(k, N, K) : 0) : -1;
  // bytes: [pin][A f32][B f32 unless pinned][C f64][scratch f64 for the conversions]
  const byA = pin.bytes;
  const byB = byA + align16(nA * 4);
  const byC = pinAt >= 0 ? byB : byB + align16(nB * 4);
  const byS = byC + align16(nC * 8);
  if (!wasmReserve(k, byS + 8 * Math.max(nA, pinAt >= 0 ? 0 : nB))) return false;
  const scratch = byS / 8;
  // A: [M, K] rows or stored [K, M]; op(B) as [K, N] rows (B stored [N, K] is transposed)
  wasmToF32(k, A, 1, nA, nA, byA / 4, scratch);
  if (pinAt < 0 && transB) wasmToF32Transposed(k, B, N, K, byB / 4, scratch);
  else if (pinAt < 0) wasmToF32(k, B, 1, nB, nB, byB / 4, scratch);
  const mem = wasmF64();
  if (accumulate) mem.set(C.length === nC ? C : C.subarray(0, nC), byC / 8);
  const ars = transA ? 1 : K;
  const aks = transA ? M : 1;
  const Mt = M - (M & 3);
  const Nt = N - (N & 7);
  colvecThreaded(k, true, M, N, K, byA, ars, aks, pinAt >= 0 ? pinAt : byB, byC, accumulate ? 1 : 0);
  if (Mt > 0 && Nt > 0) C.set(mem.subarray(byC / 8, byC / 8 + nC));
  const bcs = transB ? K : 1;
  const bks = transB ? 1 : N;
  if (Nt < N) gemmEdge(C, A, B, 0, Mt, Nt, N, N, K, ars, aks, bcs, bks, accumulate);
  if (Mt < M) gemmEdge(C, A, B, Mt, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
  return true;
}
