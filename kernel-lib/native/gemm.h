/* gemm.h: the native products' entry point (gemm.c) and the per-thread state it keeps (scratch and packed pinned operands). */
#ifndef RNNLAB_GEMM_H
#define RNNLAB_GEMM_H
#include <stddef.h>
#include "pool.h"

/* C [M, N] (+)= op(A)·op(B); f32: operands rounded to float32 and summed in float32 (the fast path), C stays float64.
 * pin: 0, or the caller's generation number for an operand B that is unchanged since the last call with that number. */
struct gemm_args {
  double *C; const double *A; const double *B;
  int M, N, K, transA, transB, acc, f32;
  unsigned pin;
  int threads; /* threads for the whole tiles (1 = the caller only); rows are split, so results do not depend on it */
};
struct gemm_scratch { void *p; size_t bytes; };
struct gemm_pack { struct gemm_scratch buf; unsigned pin; int K, N, P; /* P: the panel width it was packed for */ };
/* the packed copies of op(B) a state keeps, one slot each (so a square W_hh pinned as B and as Bᵀ keeps both) */
enum pack_kind {
  PACK_BT64, /* Bᵀ float64 in panels of p64 columns, zero past the last column (eo64, gemm-tiles-tb.h) */
  PACK_B64,  /* B float64 in panels of q64 columns (seq64) */
  PACK_B32,  /* B rounded to float32 in panels of p32 columns (seq32) */
  PACK_BT32, /* Bᵀ rounded to float32 in panels of p32 columns (seq32) */
  PACK_KINDS
};
struct gemm_state { struct gemm_scratch a; struct gemm_pack pack[PACK_KINDS]; struct pool *pool; };

/* 1 when done; 0 when declined (Aᵀ·Bᵀ, or out of memory) and C is untouched */
int gemm_native(struct gemm_state *st, const struct gemm_args *g);
/* the instruction set the kernels use: "avx512f", "avx2" or "128-bit" */
const char *gemm_native_isa(void);
/* the index of that set among those compiled, narrowest first: 0 128-bit, then (GCC, x86-64) 1 AVX2, 2 AVX-512; every kernel
 * file keeps its variants in this order and runs the one of this index */
int gemm_native_level(void);
/* switches to `want`'s vectors when the CPU has them (else keeps the current ones); returns the ones in use */
const char *gemm_native_select(const char *want);
void gemm_state_free(struct gemm_state *st);
/* C [M, N] (+)= A [M, K] · B [K, N], all row-major float64, each element one sum from 0 in increasing k (then added to C
 * with acc): the row kernel's arithmetic (rowvec), bit-identical to gemmNaive, on the calling thread */
void gemm_rows64(int M, int N, int K, const double *A, const double *B, double *C, int acc);

#endif
