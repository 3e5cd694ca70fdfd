/* gemm-tiles.h: the vectorised tiles of gemm.c, included once per instruction set with VB (vector bytes: 64, 32 or 16),
 * SUF (the name suffix) and TGT (the target attribute) defined. Each function computes every element with the arithmetic
 * of the matching WebAssembly kernel (gemm-tiles.wat, gemm-tiles32.wat), whatever the vector width: the width only decides how many
 * columns share one instruction, never the order of an element's additions. No fused multiply-add (the file is built with
 * -ffp-contract=off). This file: A·B, Aᵀ·B and float32 A·Bᵀ (every element one sum in increasing k; float32 reads op(B) from
 * panels); gemm-tiles-tb.h: float64 A·Bᵀ.
 * Shapes: C [M, N] float64 row-major (row stride ldc); A op(A)[i, k] at A[i·ars + k·aks]; B [K, N] row-major (stride ldb). */

#include "gemm-vec.h"

/* the lanes of each type, and the widths of the panels of op(B) that gemm.c packs for seq64 and seq32: one tile's columns */
enum { CAT(l64_lanes, SUF) = L64, CAT(l32_lanes, SUF) = L32, CAT(q64_width, SUF) = NV * L64, CAT(p32_width, SUF) = NV * L32 };

/* seq64: C[i, j] = (acc ? C[i, j] + s : s), s = Σ_k a(i, k)·B[k, j] summed from 0 in increasing k (separate multiply and add),
 * for i < M, j < Ncols: colvec's arithmetic, the naive loop's too. Columns past the last whole vector run one at a time. */
TGT static void CAT(seq64, SUF)(int M, int Ncols, int K, const double *A, long ars, long aks, const double *B, long ldb,
                                double *C, long ldc, int acc) {
  const int Nb = Ncols - Ncols % (NV * L64);
  const int Nv = Ncols - Ncols % L64;
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    for (int j = 0; j < Nb; j += NV * L64) {
      VD c[4][NV];
      for (int r = 0; r < 4; r++) for (int q = 0; q < NV; q++) c[r][q] = (VD){0};
      const double *a = A + i * ars;
      const double *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        VD bv[NV];
        for (int q = 0; q < NV; q++) bv[q] = CAT(ldd, SUF)(b + q * L64);
        for (int r = 0; r < 4; r++) {
          const VD x = CAT(bcd, SUF)(a[r * ars]);
          for (int q = 0; q < NV; q++) c[r][q] = c[r][q] + x * bv[q];
        }
      }
      for (int r = 0; r < 4; r++) for (int q = 0; q < NV; q++) {
        double *o = C + (i + r) * ldc + j + q * L64;
        CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + c[r][q] : c[r][q]);
      }
    }
    int j = Nb;
    for (; j + 2 * L64 <= Nv; j += 2 * L64) { /* two vectors per row: 8 chains of additions in flight, not 4 */
      VD c[4][2] = {{{0}, {0}}, {{0}, {0}}, {{0}, {0}}, {{0}, {0}}};
      const double *a = A + i * ars;
      const double *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VD b0 = CAT(ldd, SUF)(b), b1 = CAT(ldd, SUF)(b + L64);
        for (int r = 0; r < 4; r++) {
          const VD x = CAT(bcd, SUF)(a[r * ars]);
          c[r][0] = c[r][0] + x * b0;
          c[r][1] = c[r][1] + x * b1;
        }
      }
      for (int r = 0; r < 4; r++) for (int q = 0; q < 2; q++) {
        double *o = C + (i + r) * ldc + j + q * L64;
        CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + c[r][q] : c[r][q]);
      }
    }
    for (; j < Nv; j += L64) {
      VD c[4] = {{0}, {0}, {0}, {0}};
      const double *a = A + i * ars;
      const double *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VD bv = CAT(ldd, SUF)(b);
        for (int r = 0; r < 4; r++) c[r] = c[r] + CAT(bcd, SUF)(a[r * ars]) * bv;
      }
      for (int r = 0; r < 4; r++) {
        double *o = C + (i + r) * ldc + j;
        CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + c[r] : c[r]);
      }
    }
  }
  for (; i < M; i++) { /* rows past the last 4-row tile (all of a batch-1 product): four vectors of columns at a time, so four
                          chains of additions are in flight, then one */
    int j = 0;
    for (; j + 4 * L64 <= Nv; j += 4 * L64) {
      VD c[4] = {{0}, {0}, {0}, {0}};
      const double *a = A + i * ars;
      const double *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VD x = CAT(bcd, SUF)(*a);
        for (int q = 0; q < 4; q++) c[q] = c[q] + x * CAT(ldd, SUF)(b + q * L64);
      }
      for (int q = 0; q < 4; q++) {
        double *o = C + i * ldc + j + q * L64;
        CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + c[q] : c[q]);
      }
    }
    for (; j < Nv; j += L64) {
      VD c = {0};
      const double *a = A + i * ars;
      const double *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) c = c + CAT(bcd, SUF)(*a) * CAT(ldd, SUF)(b);
      double *o = C + i * ldc + j;
      CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + c : c);
    }
  }
  /* the columns past the last whole vector, every row */
  for (int r = 0; r < M; r++) {
    for (int j = Nv; j < Ncols; j++) {
      double s = 0;
      const double *a = A + r * ars;
      for (int k = 0; k < K; k++, a += aks) s += *a * B[k * ldb + j];
      C[r * ldc + j] = acc ? C[r * ldc + j] + s : s;
    }
  }
}

/* seq32: colvec32's arithmetic on float32 operands: s = Σ_k a(i, k)·B[k, j] in float32 from 0 in increasing k, widened,
 * C (+)= s in float64; i < M, j < Ncols. */
TGT static void CAT(seq32, SUF)(int M, int Ncols, int K, const float *A, long ars, long aks, const float *B, long ldb,
                                double *C, long ldc, int acc) {
  const int Nb = Ncols - Ncols % (NV * L32);
  const int Nv = Ncols - Ncols % L32;
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    for (int j = 0; j < Nb; j += NV * L32) {
      VF c[4][NV];
      for (int r = 0; r < 4; r++) for (int q = 0; q < NV; q++) c[r][q] = (VF){0};
      const float *a = A + i * ars;
      const float *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        VF bv[NV];
        for (int q = 0; q < NV; q++) bv[q] = CAT(ldf, SUF)(b + q * L32);
        for (int r = 0; r < 4; r++) {
          const VF x = CAT(bcf, SUF)(a[r * ars]);
          for (int q = 0; q < NV; q++) c[r][q] = c[r][q] + x * bv[q];
        }
      }
      for (int r = 0; r < 4; r++) for (int q = 0; q < NV; q++) CAT(put32, SUF)(C + (i + r) * ldc + j + q * L32, c[r][q], acc);
    }
    int j = Nb;
    for (; j + 2 * L32 <= Nv; j += 2 * L32) { /* two vectors per row: 8 chains of additions in flight, not 4 */
      VF c[4][2] = {{{0}, {0}}, {{0}, {0}}, {{0}, {0}}, {{0}, {0}}};
      const float *a = A + i * ars;
      const float *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VF b0 = CAT(ldf, SUF)(b), b1 = CAT(ldf, SUF)(b + L32);
        for (int r = 0; r < 4; r++) {
          const VF x = CAT(bcf, SUF)(a[r * ars]);
          c[r][0] = c[r][0] + x * b0;
          c[r][1] = c[r][1] + x * b1;
        }
      }
      for (int r = 0; r < 4; r++) for (int q = 0; q < 2; q++) CAT(put32, SUF)(C + (i + r) * ldc + j + q * L32, c[r][q], acc);
    }
    for (; j < Nv; j += L32) {
      VF c[4] = {{0}, {0}, {0}, {0}};
      const float *a = A + i * ars;
      const float *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VF bv = CAT(ldf, SUF)(b);
        for (int r = 0; r < 4; r++) c[r] = c[r] + CAT(bcf, SUF)(a[r * ars]) * bv;
      }
      for (int r = 0; r < 4; r++) CAT(put32, SUF)(C + (i + r) * ldc + j, c[r], acc);
    }
  }
  for (; i < M; i++) { /* as in seq64: four vectors of columns at a time, then one */
    int j = 0;
    for (; j + 4 * L32 <= Nv; j += 4 * L32) {
      VF c[4] = {{0}, {0}, {0}, {0}};
      const float *a = A + i * ars;
      const float *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) {
        const VF x = CAT(bcf, SUF)(*a);
        for (int q = 0; q < 4; q++) c[q] = c[q] + x * CAT(ldf, SUF)(b + q * L32);
      }
      for (int q = 0; q < 4; q++) CAT(put32, SUF)(C + i * ldc + j + q * L32, c[q], acc);
    }
    for (; j < Nv; j += L32) {
      VF c = {0};
      const float *a = A + i * ars;
      const float *b = B + j;
      for (int k = 0; k < K; k++, a += aks, b += ldb) c = c + CAT(bcf, SUF)(*a) * CAT(ldf, SUF)(b);
      CAT(put32, SUF)(C + i * ldc + j, c, acc);
    }
  }
  for (int r = 0; r < M; r++) {
    for (int j = Nv; j < Ncols; j++) {
      float s = 0;
      const float *a = A + r * ars;
      for (int k = 0; k < K; k++, a += aks) s += *a * B[k * ldb + j];
      C[r * ldc + j] = acc ? C[r * ldc + j] + (double)s : (double)s;
    }
  }
}

#include "gemm-tiles-tb.h"

#undef NV
#undef X8
#undef L64
#undef L32
#undef VD
#undef VF
