// Matrix multiply: the general kernel the cells and BPTT call, and the naive reference it is tested against.
import { Tensor, checkRank, fmtShape } from "./tensor";
import { tensorKernels } from "./kernels";

/**
 * The naive reference: `C[M,N] (+)= op(A) · op(B)` with the textbook triple loop, where
 * `op(A)` is `A[M,K]` or, with `transA`, `Aᵀ` of a stored `A[K,M]` (likewise `B[K,N]` or stored `B[N,K]`).
 * Kept beside {@link gemm} so a test can show the two agree.
 */
export function gemmNaive(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = transA ? A[k * M + i] : A[i * K + k];
        const b = transB ? B[j * K + k] : B[k * N + j];
        s += a * b;
      }
      C[i * N + j] = accumulate ? C[i * N + j] + s : s;
    }
  }
}

/**
 * `C[M,N] (+)= op(A) · op(B)`, same contract as {@link gemmNaive}: the products of the current backend (`rl.setBackend`).
 * Under `"reference"` a register-blocked JS loop summing every element in increasing k (the naive loop's bits); under
 * `"fast"` the same element-wise order in SIMD kernels, except `A·Bᵀ`, which sums even and odd k apart, then adds
 * them (deterministic, within rounding of the naive sum). Results depend only on the operands, shapes and backend.
 */
export function gemm(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false,
): void {
  tensorKernels().gemm(C, A, B, M, N, K, transA, transB, accumulate);
}

function dims(fn: string, a: Tensor, b: Tensor, transA: boolean, transB: boolean): [number, number, number] {
  checkRank(fn, "a", a, 2);
  checkRank(fn, "b", b, 2);
  const [M, Ka] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [Kb, N] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (Ka !== Kb) {
    const la = transA ? `aᵀ ${fmtShape([M, Ka])}` : `a ${fmtShape(a.shape)}`;
    const lb = transB ? `bᵀ ${fmtShape([Kb, N])}` : `b ${fmtShape(b.shape)}`;
    throw new Error(`${fn}: inner dimensions differ: ${la} · ${lb} (${Ka} ≠ ${Kb})`);
  }
  return [M, N, Ka];
}

/**
 * Matrix product `C = A · B`.
 * @param a `[M, K]`
 * @param b `[K, N]`
 * @returns `[M, N]`
 * @example
 * matmul(tensor([[1, 2]]), tensor([[3], [4]])).item(); // 11
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [M, N, K] = dims("matmul", a, b, false, false);
  const out = new Float64Array(M * N);
  gemm(out, a.data, b.data, M, N, K);
  return new Tensor(out, [M, N]);
}

/**
 * `C = Aᵀ · B` without materialising the transpose (the weight-gradient product `xᵀ · dz`).
 * @param a `[K, M]`
 * @param b `[K, N]`
 * @returns `[M, N]`
 */
export function matmulTA(a: Tensor, b: Tensor): Tensor {
  const [M, N, K] = dims("matmulTA", a, b, true, false);
  const out = new Float64Array(M * N);
  gemm(out, a.data, b.data, M, N, K, true, false);
  return new Tensor(out, [M, N]);
}

/**
 * `C = A · Bᵀ` without materialising the transpose (`x · Wᵀ` with PyTorch's `W[out, in]`).
 * @param a `[M, K]`
 * @param b `[N, K]`
 * @returns `[M, N]`
 */
export function matmulTB(a: Tensor, b: Tensor): Tensor {
  const [M, N, K] = dims("matmulTB", a, b, false, true);
  const out = new Float64Array(M * N);
  gemm(out, a.data, b.data, M, N, K, false, true);
  return new Tensor(out, [M, N]);
}

/** The naive-reference version of {@link matmul}, `[M, K] · [K, N] → [M, N]`. */
export function matmulNaive(a: Tensor, b: Tensor): Tensor {
  const [M, N, K] = dims("matmulNaive", a, b, false, false);
  const out = new Float64Array(M * N);
  gemmNaive(out, a.data, b.data, M, N, K);
  return new Tensor(out, [M, N]);
}
