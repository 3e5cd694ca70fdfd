// Matrix multiply: the general kernel the cells and BPTT call, and the naive reference it is tested against.
import { Tensor, checkRank, fmtShape } from "./tensor";

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
 * The fast kernel: `C[M,N] (+)= op(A) · op(B)`, same contract as {@link gemmNaive}.
 * Loop orders are chosen so the innermost loop walks memory contiguously:
 * `i-k-j` (row of B streamed into row of C) for `A·B` and `Aᵀ·B`, and a dot product of two
 * contiguous rows for `A·Bᵀ`.
 */
export function gemm(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, N: number, K: number,
  transA = false, transB = false, accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, M * N);
  if (!transB) {
    for (let i = 0; i < M; i++) {
      const ci = i * N;
      for (let k = 0; k < K; k++) {
        const a = transA ? A[k * M + i] : A[i * K + k];
        if (a === 0) continue;
        const bk = k * N;
        for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
      }
    }
    return;
  }
  if (!transA) {
    for (let i = 0; i < M; i++) {
      const ai = i * K;
      const ci = i * N;
      for (let j = 0; j < N; j++) {
        const bj = j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
        C[ci + j] += s;
      }
    }
    return;
  }
  // Aᵀ·Bᵀ: rare; fall back to the reference with accumulation.
  gemmNaive(C, A, B, M, N, K, true, true, true);
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
