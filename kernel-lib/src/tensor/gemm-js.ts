// The register-blocked float64 gemm in plain JS: 4×4 tiles of C held in locals, k innermost, any transpose case by strides.

/**
 * `C[M,N] (+)= op(A) · op(B)` where element `(i, k)` of `op(A)` is `A[i·ars + k·aks]` and element
 * `(k, j)` of `op(B)` is `B[j·bcs + k·bks]` — strides cover all four transpose cases with one kernel.
 * C is walked in 4×4 tiles whose 16 sums stay in locals while k runs over the whole inner dimension,
 * so each loaded `a` is used 4 times and each `b` 4 times; ragged edges use a 1×1 loop.
 * Every `C[i,j]` is `C[i,j] + Σ_k a·b` summed in increasing k, like {@link gemmNaive}.
 * Monomorphic: all arguments are numbers and arrays, no default parameters (the dispatcher {@link gemm} supplies them).
 */
export function gemmStrided(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  ars: number, aks: number, bcs: number, bks: number, accumulate: boolean,
): void {
  const M4 = M - (M & 3);
  const N4 = N - (N & 3);
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * ars;
    for (let j = 0; j < N4; j += 4) {
      const b0 = j * bcs;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = a0;
      let pb = b0;
      for (let k = 0; k < K; k++) {
        const x0 = A[pa], x1 = A[pa + ars], x2 = A[pa + 2 * ars], x3 = A[pa + 3 * ars];
        const y0 = B[pb], y1 = B[pb + bcs], y2 = B[pb + 2 * bcs], y3 = B[pb + 3 * bcs];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
        pa += aks;
        pb += bks;
      }
      const o = i * N + j;
      if (accumulate) {
        C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03;
        C[o + N] += c10; C[o + N + 1] += c11; C[o + N + 2] += c12; C[o + N + 3] += c13;
        C[o + 2 * N] += c20; C[o + 2 * N + 1] += c21; C[o + 2 * N + 2] += c22; C[o + 2 * N + 3] += c23;
        C[o + 3 * N] += c30; C[o + 3 * N + 1] += c31; C[o + 3 * N + 2] += c32; C[o + 3 * N + 3] += c33;
      } else {
        C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03;
        C[o + N] = c10; C[o + N + 1] = c11; C[o + N + 2] = c12; C[o + N + 3] = c13;
        C[o + 2 * N] = c20; C[o + 2 * N + 1] = c21; C[o + 2 * N + 2] = c22; C[o + 2 * N + 3] = c23;
        C[o + 3 * N] = c30; C[o + 3 * N + 1] = c31; C[o + 3 * N + 2] = c32; C[o + 3 * N + 3] = c33;
      }
    }
  }
  // ragged edges: the last N mod 4 columns of the tiled rows, then the last M mod 4 rows
  if (N4 < N) gemmEdge(C, A, B, 0, M4, N4, N, N, K, ars, aks, bcs, bks, accumulate);
  if (M4 < M) gemmEdge(C, A, B, M4, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
}

/**
 * The edges of {@link gemmStrided}: rows `[i0, i1)`, columns `[j0, j1)` of C, one row at a time,
 * in 1×8 strips (one `a` used 8 times, 8 independent sums; the batch-1 cells of the notebooks live here),
 * then 1×4, then 1×1.
 */
export function gemmEdge(
  C: Float64Array, A: Float64Array, B: Float64Array, i0: number, i1: number, j0: number, j1: number, N: number, K: number,
  ars: number, aks: number, bcs: number, bks: number, accumulate: boolean,
): void {
  const j8 = j1 - ((j1 - j0) & 7);
  const j4 = j1 - ((j1 - j0) & 3);
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j8; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      let pa = i * ars;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) {
        const x = A[pa];
        s0 += x * B[pb]; s1 += x * B[pb + bcs]; s2 += x * B[pb + 2 * bcs]; s3 += x * B[pb + 3 * bcs];
        s4 += x * B[pb + 4 * bcs]; s5 += x * B[pb + 5 * bcs]; s6 += x * B[pb + 6 * bcs]; s7 += x * B[pb + 7 * bcs];
        pa += aks;
        pb += bks;
      }
      const o = i * N + j;
      if (accumulate) {
        C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3; C[o + 4] += s4; C[o + 5] += s5; C[o + 6] += s6; C[o + 7] += s7;
      } else {
        C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3; C[o + 4] = s4; C[o + 5] = s5; C[o + 6] = s6; C[o + 7] = s7;
      }
    }
    for (let j = j8; j < j4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pa = i * ars;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) {
        const x = A[pa];
        s0 += x * B[pb]; s1 += x * B[pb + bcs]; s2 += x * B[pb + 2 * bcs]; s3 += x * B[pb + 3 * bcs];
        pa += aks;
        pb += bks;
      }
      const o = i * N + j;
      if (accumulate) {
        C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3;
      } else {
        C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3;
      }
    }
    for (let j = j4; j < j1; j++) {
      let s = 0;
      let pa = i * ars;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) {
        s += A[pa] * B[pb];
        pa += aks;
        pb += bks;
      }
      const o = i * N + j;
      C[o] = accumulate ? C[o] + s : s;
    }
  }
}

/**
 * `C[M,N] (+)= A[M,K] · B[N,K]ᵀ` for small products at offsets into their arrays (a step's rows of a sequence buffer,
 * no view needed): `C[co + i·N + j] (+)= Σ_k A[ao + i·K + k] · B[j·K + k]`. Every element is one sum in increasing k,
 * so the values are bit-identical to {@link gemmStrided} and `gemmNaive`. The batch-1 step product `h_{t−1} W_hhᵀ` runs here.
 */
export function gemmRowsTB(
  C: Float64Array, co: number, A: Float64Array, ao: number, B: Float64Array, M: number, N: number, K: number, accumulate: boolean,
): void {
  gemmRowsAt(C, co, A, ao, B, M, N, K, K, 1, accumulate);
}

/**
 * `C[M,N] (+)= A[M,K] · B[K,N]` for small products at offsets into their arrays:
 * `C[co + i·N + j] (+)= Σ_k A[ao + i·K + k] · B[k·N + j]`, bit-identical to {@link gemmStrided} and `gemmNaive`.
 * The batch-1 BPTT product `dZ_t W_hh` runs here.
 */
export function gemmRowsNN(
  C: Float64Array, co: number, A: Float64Array, ao: number, B: Float64Array, M: number, N: number, K: number, accumulate: boolean,
): void {
  gemmRowsAt(C, co, A, ao, B, M, N, K, 1, N, accumulate);
}

/**
 * The row kernel behind {@link gemmRowsTB} and {@link gemmRowsNN}: row-major `A` rows from `ao`, `C` rows from `co`,
 * element `(k, j)` of `op(B)` at `B[j·bcs + k·bks]`; row by row in 1×8, then 1×4, then 1×1 strips of C
 * (one `a` used 8 times, 8 independent sums), each sum in increasing k.
 */
function gemmRowsAt(
  C: Float64Array, co: number, A: Float64Array, ao: number, B: Float64Array, M: number, N: number, K: number,
  bcs: number, bks: number, accumulate: boolean,
): void {
  const N8 = N - (N & 7);
  const N4 = N - (N & 3);
  for (let i = 0; i < M; i++) {
    const a = ao + i * K;
    const c = co + i * N;
    let j = 0;
    for (; j < N8; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) {
        const x = A[a + k];
        s0 += x * B[pb]; s1 += x * B[pb + bcs]; s2 += x * B[pb + 2 * bcs]; s3 += x * B[pb + 3 * bcs];
        s4 += x * B[pb + 4 * bcs]; s5 += x * B[pb + 5 * bcs]; s6 += x * B[pb + 6 * bcs]; s7 += x * B[pb + 7 * bcs];
        pb += bks;
      }
      const o = c + j;
      if (accumulate) {
        C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3; C[o + 4] += s4; C[o + 5] += s5; C[o + 6] += s6; C[o + 7] += s7;
      } else {
        C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3; C[o + 4] = s4; C[o + 5] = s5; C[o + 6] = s6; C[o + 7] = s7;
      }
    }
    for (; j < N4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) {
        const x = A[a + k];
        s0 += x * B[pb]; s1 += x * B[pb + bcs]; s2 += x * B[pb + 2 * bcs]; s3 += x * B[pb + 3 * bcs];
        pb += bks;
      }
      const o = c + j;
      if (accumulate) { C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3; } else { C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3; }
    }
    for (; j < N; j++) {
      let s = 0;
      let pb = j * bcs;
      for (let k = 0; k < K; k++) { s += A[a + k] * B[pb]; pb += bks; }
      C[c + j] = accumulate ? C[c + j] + s : s;
    }
  }
}
