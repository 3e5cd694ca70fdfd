/* gemm.c: the native matrix products behind rnnlab's gemm (float64, and the float32 fast path), element for element the
 * arithmetic of the WebAssembly kernels in gemm-tiles.wat, gemm-tiles32.wat and of the JS edge loop (gemmEdge), so results are bit-identical
 * with or without this add-on. It only runs wider vectors and other blockings: AVX-512 or AVX2 where the CPU has them (chosen
 * at load time), 128-bit otherwise; the tiles are in gemm-tiles.h (A·B, Aᵀ·B, and float32 A·Bᵀ on op(B) packed in panels by
 * packB) and gemm-tiles-tb.h (float64 A·Bᵀ, on packed panels). Shapes: C [M, N] float64; op(A) [M, K] (A stored [K, M] with transA); op(B) [K, N] (B stored [N, K]
 * with transB). The naive reference is gemmNaive in src/tensor/matmul.ts; src/fast/native/gemm-native.test.ts and
 * src/fast/products.test.ts compare them. */
#include <stdlib.h>
#include <string.h>
#include "gemm.h"

/* products with fewer multiply-adds stay on the calling thread (waking a helper costs a microsecond or so) */
#define GEMM_NATIVE_THREAD_MIN_WORK (1 << 17)

#define TILES "gemm-tiles.h"
#include "isa-variants.h"

typedef void seq64_fn(int, int, int, const double *, long, long, const double *, long, double *, long, int);
typedef void eo64_fn(int, int, int, const double *, const double *, double *, long, int);
typedef void rowsbt64_fn(int, int, int, const double *, const double *, double *, long, int);
typedef void seq32_fn(int, int, int, const float *, long, long, const float *, long, double *, long, int);
typedef void to32_fn(float *, const double *, long);

/* the kernels of each instruction set, narrowest first (level 0: 128-bit; with GCC on x86-64 also 1: AVX2, 2: AVX-512), their
 * float64 and float32 lanes, and the widths of the panels of op(B) their tiles read (float64 A·Bᵀ: gemm-tiles-tb.h; float64
 * A·B and Aᵀ·B: one seq64 tile's columns; float32: one seq32 tile's columns) */
#define LEVEL(S, name) {name, seq64##S, eo64##S, rowsbt64##S, seq32##S, to32##S, l64_lanes##S, l32_lanes##S, p64_width##S, q64_width##S, p32_width##S}
static const struct isa_kernels {
  const char *isa; seq64_fn *seq64; eo64_fn *eo64; rowsbt64_fn *rowsbt64; seq32_fn *seq32; to32_fn *to32; int l64, l32, p64, q64, p32;
} LEVELS[] = {
  LEVEL(_v128, "128-bit"),
#ifdef X86_VARIANTS
  LEVEL(_avx2, "avx2"),
  LEVEL(_avx512, "avx512f"),
#endif
};
#undef LEVEL
#define NLEVELS ((int)(sizeof LEVELS / sizeof LEVELS[0]))

static int level_ = -1;      /* the index in LEVELS of the kernels in use (−1 until the first call chooses) */
static const struct isa_kernels *K_; /* &LEVELS[level_] */

/* whether the CPU runs level v's instructions (__builtin_cpu_supports takes a literal name) */
static int cpu_has(int v) {
#ifdef X86_VARIANTS
  __builtin_cpu_init();
  if (v == 2) return __builtin_cpu_supports("avx512f");
  if (v == 1) return __builtin_cpu_supports("avx2");
#endif
  return v == 0;
}

/* selects the widest vectors the CPU has, or `want` ("avx512f", "avx2", "128-bit") when the CPU has it (tests run every
 * variant this way); returns the one in use */
const char *gemm_native_select(const char *want) {
  for (int v = NLEVELS - 1; v >= 0; v--) {
    if (cpu_has(v) && (want == NULL || strcmp(want, LEVELS[v].isa) == 0)) {
      level_ = v;
      K_ = &LEVELS[v];
      return K_->isa;
    }
  }
  return gemm_native_isa();
}

const char *gemm_native_isa(void) {
  return K_ != NULL ? K_->isa : gemm_native_select(NULL);
}

int gemm_native_level(void) {
  gemm_native_isa();
  return level_;
}

/* A·B and Aᵀ·B over columns [0, N): the chosen set's kernel on its whole vectors, the columns left (fewer than one of its
 * vectors, e.g. all 8 of an 8-column product under AVX-512's 16 float32 lanes) on the next narrower set's vectors, and so
 * on; the narrowest takes the rest, its last few columns one at a time. Every element's sum is the same in every width
 * (increasing k), so the bits are too. */
static void seq64_cols(int M, int N, int K, const double *A, long ars, long aks, const double *B, long ldb, double *C, long ldc, int acc) {
  for (int v = level_, j = 0; v >= 0 && j < N; v--) {
    const int w = v > 0 ? (N - j) - (N - j) % LEVELS[v].l64 : N - j;
    if (w > 0) LEVELS[v].seq64(M, w, K, A, ars, aks, B + j, ldb, C + j, ldc, acc);
    j += w;
  }
}
static void seq32_cols(int M, int N, int K, const float *A, long ars, long aks, const float *B, long ldb, double *C, long ldc, int acc) {
  for (int v = level_, j = 0; v >= 0 && j < N; v--) {
    const int w = v > 0 ? (N - j) - (N - j) % LEVELS[v].l32 : N - j;
    if (w > 0) LEVELS[v].seq32(M, w, K, A, ars, aks, B + j, ldb, C + j, ldc, acc);
    j += w;
  }
}

/* the JS edge loop's arithmetic (gemmEdge): s = Σ_k op(A)[i, k]·op(B)[k, j] in float64 from 0, C (+)= s; rows [i0, i1), columns [j0, j1) */
static void edge64(const struct gemm_args *g, int i0, int i1, int j0, int j1) {
  const long ars = g->transA ? 1 : g->K, aks = g->transA ? g->M : 1;
  const long bcs = g->transB ? g->K : 1, bks = g->transB ? 1 : g->N;
  for (int i = i0; i < i1; i++) {
    for (int j = j0; j < j1; j++) {
      double s = 0;
      const double *a = g->A + i * ars, *b = g->B + j * bcs;
      for (int k = 0; k < g->K; k++, a += aks, b += bks) s += *a * *b;
      double *o = g->C + (long)i * g->N + j;
      *o = g->acc ? *o + s : s;
    }
  }
}

/* edge64 over the whole rows [i0, M): A·Bᵀ's on the rows kernel (gemm-tiles-tb.h: the same sums, several columns in flight) */
static void edge_rows(const struct gemm_args *g, int i0) {
  if (i0 >= g->M) return;
  if (g->transB) K_->rowsbt64(g->M - i0, g->N, g->K, g->A + (long)i0 * g->K, g->B, g->C + (long)i0 * g->N, g->N, g->acc);
  else edge64(g, i0, g->M, 0, g->N);
}

/* a scratch buffer of at least `bytes` bytes, grown as needed, 64-byte aligned */
static void *grow(struct gemm_scratch *s, size_t bytes) {
  if (s->bytes >= bytes) return s->p;
  free(s->p);
  s->p = NULL;
  s->bytes = 0;
  if (posix_memalign(&s->p, 64, bytes) != 0) { s->p = NULL; return NULL; }
  s->bytes = bytes;
  return s->p;
}

/* op(B) packed as the kernels read it (enum pack_kind): panel p holds the columns [p·P, p·P + P) of op(B) over the first Nt
 * as [K, P] rows, at p·P·K. Only PACK_BT64 fills the last panel's columns past Nt (with zeros); the others never read them.
 * Kept across calls while the caller's pin generation matches (the caller promises B is unchanged meanwhile). */
static const void *packB(struct gemm_state *st, const struct gemm_args *g, enum pack_kind kind, int Nt) {
  struct gemm_pack *pk = &st->pack[kind];
  const int P = kind == PACK_BT64 ? K_->p64 : kind == PACK_B64 ? K_->q64 : K_->p32;
  if (g->pin != 0 && pk->pin == g->pin && pk->K == g->K && pk->N == g->N && pk->P == P) return pk->buf.p;
  const int K = g->K, N = g->N;
  const long panels = (Nt + P - 1) / P;
  if (kind == PACK_BT64) {
    double *t = grow(&pk->buf, sizeof(double) * (size_t)(panels > 0 ? panels : 1) * P * K);
    if (t == NULL) return NULL;
    for (long p = 0; p < panels; p++) { /* P rows of B at a time: their lines stay in cache while k advances */
      double *tp = t + p * P * K;
      for (int q = 0; q < P; q++) {
        const long j = p * P + q;
        if (j < Nt) for (int k = 0; k < K; k++) tp[(long)k * P + q] = g->B[j * K + k];
        else for (int k = 0; k < K; k++) tp[(long)k * P + q] = 0.0;
      }
    }
  } else if (kind == PACK_B64) {
    double *t = grow(&pk->buf, sizeof(double) * (size_t)(panels > 0 ? panels : 1) * P * K);
    if (t == NULL) return NULL;
    for (long p = 0; p < panels; p++) {
      const int w = Nt - p * P < P ? (int)(Nt - p * P) : P;
      for (int k = 0; k < K; k++) memcpy(t + p * P * K + (long)k * P, g->B + (long)k * N + p * P, sizeof(double) * w);
    }
  } else {
    float *t = grow(&pk->buf, sizeof(float) * (size_t)(panels > 0 ? panels : 1) * P * K);
    if (t == NULL) return NULL;
    for (long p = 0; p < panels; p++) {
      float *tp = t + p * P * K;
      const int w = Nt - p * P < P ? (int)(Nt - p * P) : P;
      if (kind == PACK_BT32) for (int q0 = 0; q0 < w; q0 += 16) { /* 16 rows of B at a time (more streams than the prefetcher follows
                                                           measured 2× slower with AVX-512's 64-column panels), k in order */
        const int q1 = q0 + 16 < w ? q0 + 16 : w;
        for (int k = 0; k < K; k++) {
          const double *b = g->B + p * P * (long)K + k;
          for (int q = q0; q < q1; q++) tp[(long)k * P + q] = (float)b[(long)q * K];
        }
      } else for (int k = 0; k < K; k++) K_->to32(tp + (long)k * P, g->B + (long)k * N + p * P, w); /* the ISA's rounding loop */
    }
  }
  pk->pin = g->pin;
  pk->K = K;
  pk->N = N;
  pk->P = P;
  return pk->buf.p;
}

/* one kernel call over rows [0, M) of the whole tiles, splittable into row blocks for the pool's threads */
struct tiles {
  enum { TILES_SEQ64, TILES_EO64, TILES_SEQ32 } kind; /* which tiles (gemm-tiles.h, gemm-tiles-tb.h) */
  int M, N, K;
  const void *A; long ars, aks; /* op(A) rows: element (i, k) at A + i·ars + k·aks (in values of A's type) */
  const void *B; /* op(B) packed by packB */
  double *C; long ldc;
  int acc;
};

/* rows [M·part/parts, M·(part+1)/parts), rounded to multiples of 4 (whole register tiles) */
static void tiles_part(void *ctx, int part, int parts) {
  const struct tiles *t = ctx;
  const int r0 = (int)((long)t->M * part / parts) & ~3;
  const int r1 = part + 1 == parts ? t->M : (int)((long)t->M * (part + 1) / parts) & ~3;
  if (r1 <= r0) return;
  const int m = r1 - r0;
  double *C = t->C + r0 * t->ldc;
  if (t->kind == TILES_EO64) {
    K_->eo64(m, t->N, t->K, (const double *)t->A + r0 * t->ars, t->B, C, t->ldc, t->acc);
    return;
  }
  /* panel by panel ([K, P] rows), each over all the rows: the panel stays in cache while the row tiles pass */
  const int P = t->kind == TILES_SEQ64 ? K_->q64 : K_->p32;
  for (int j = 0; j < t->N; j += P) {
    const int w = t->N - j < P ? t->N - j : P;
    if (t->kind == TILES_SEQ64)
      seq64_cols(m, w, t->K, (const double *)t->A + r0 * t->ars, t->ars, t->aks, (const double *)t->B + (long)j * t->K, P, C + j,
                 t->ldc, t->acc);
    else
      seq32_cols(m, w, t->K, (const float *)t->A + r0 * t->ars, t->ars, t->aks, (const float *)t->B + (long)j * t->K, P, C + j,
                 t->ldc, t->acc);
  }
}

/* runs the tiles on the calling thread, or split by rows over the pool (grown to g->threads − 1 helpers) for large products */
static void run_tiles(struct gemm_state *st, const struct gemm_args *g, struct tiles *t) {
  const int helpers = g->threads - 1;
  if (helpers > 0 && (double)t->M * t->N * t->K >= GEMM_NATIVE_THREAD_MIN_WORK && t->M >= 8) {
    if (pool_helpers(st->pool) != helpers) {
      pool_free(st->pool);
      st->pool = pool_new(helpers);
    }
    if (st->pool != NULL) {
      /* row blocks of at least 4 rows, about 8 per thread: whoever is free takes the next one */
      const int blocks = (t->M / 4) < 8 * g->threads ? t->M / 4 : 8 * g->threads;
      pool_run(st->pool, tiles_part, t, blocks);
      return;
    }
  }
  tiles_part(t, 0, 1);
}

int gemm_native(struct gemm_state *st, const struct gemm_args *g) {
  if (g->transA && g->transB) return 0;
  gemm_native_isa();
  const int M = g->M, N = g->N, K = g->K;
  const long ars = g->transA ? 1 : K, aks = g->transA ? M : 1;
  if (!g->f32) {
    if (!g->transB) { /* colvec and the edge loop: both sum each element in increasing k */
      const double *bp = packB(st, g, PACK_B64, N);
      if (bp == NULL) return 0;
      struct tiles t = {TILES_SEQ64, M, N, K, g->A, ars, aks, bp, g->C, N, g->acc};
      run_tiles(st, g, &t);
      return 1;
    }
    const int Mt = M & ~1, Nt = N & ~3; /* dotvec's whole tiles */
    if (Mt > 0 && Nt > 0) {
      const double *bt = packB(st, g, PACK_BT64, Nt);
      if (bt == NULL) return 0;
      struct tiles t = {TILES_EO64, Mt, Nt, K, g->A, K, 1, bt, g->C, N, g->acc};
      run_tiles(st, g, &t);
    }
    if (Nt < N) edge64(g, 0, Mt, Nt, N);
    edge_rows(g, Mt);
    return 1;
  }
  /* colvec32's 4×8 tiles (each element one float32 sum in increasing k, for A·B, Aᵀ·B and A·Bᵀ alike) over op(B) in float32
   * panels, then the float64 edge loop */
  const int Mt = M & ~3, Nt = N & ~7;
  if (Mt > 0 && Nt > 0) {
    float *af = grow(&st->a, sizeof(float) * (size_t)M * K);
    const float *bp = packB(st, g, g->transB ? PACK_BT32 : PACK_B32, Nt);
    if (af == NULL || bp == NULL) return 0;
    K_->to32(af, g->A, (long)M * K);
    struct tiles t = {TILES_SEQ32, Mt, Nt, K, af, ars, aks, bp, g->C, N, g->acc};
    run_tiles(st, g, &t);
  }
  if (Nt < N) edge64(g, 0, Mt, Nt, N);
  edge_rows(g, Mt);
  return 1;
}

void gemm_rows64(int M, int N, int K, const double *A, const double *B, double *C, int acc) {
  gemm_native_isa();
  seq64_cols(M, N, K, A, K, 1, B, N, C, N, acc);
}

void gemm_state_free(struct gemm_state *st) {
  pool_free(st->pool);
  free(st->a.p);
  for (int k = 0; k < PACK_KINDS; k++) free(st->pack[k].buf.p);
  memset(st, 0, sizeof *st);
}
