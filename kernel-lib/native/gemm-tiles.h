/* gemm-tiles.h: the vectorised tiles of gemm.c, included once per instruction set with VB (vector bytes: 64, 32 or 16),
 * SUF (the name suffix) and TGT (the target attribute) defined. Each function computes every element with the arithmetic
 * of the matching WebAssembly kernel (gemm-tiles.wat, gemm-tiles32.wat), whatever the vector width: the width only decides how many columns share one
 * instruction, never the order of an element's additions. No fused multiply-add (the file is built with -ffp-contract=off).
 * Shapes: C [M, N] float64 row-major (row stride ldc); A op(A)[i, k] at A[i·ars + k·aks]; B [K, N] row-major (stride ldb). */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define L64 (VB / 8) /* float64 lanes */
#define L32 (VB / 4) /* float32 lanes */
/* accumulator vectors per row of a tile: 4 rows × NV vectors stay in registers (32 registers with AVX-512, 16 otherwise) */
#if VB == 64
#define NV 4
#else
#define NV 2
#endif

typedef double CAT(vd, SUF) __attribute__((vector_size(VB)));
typedef float CAT(vf, SUF) __attribute__((vector_size(VB)));
#define VD CAT(vd, SUF)
#define VF CAT(vf, SUF)

TGT static inline VD CAT(ldd, SUF)(const double *p) { VD v; memcpy(&v, p, sizeof v); return v; }
TGT static inline void CAT(std_, SUF)(double *p, VD v) { memcpy(p, &v, sizeof v); }
TGT static inline VF CAT(ldf, SUF)(const float *p) { VF v; memcpy(&v, p, sizeof v); return v; }
/* broadcasts written out (a loop over the lanes compiles to a round trip through the stack) */
#if VB == 64
#define X8(x) x, x, x, x, x, x, x, x
TGT static inline VD CAT(bcd, SUF)(double x) { return (VD){X8(x)}; }
TGT static inline VF CAT(bcf, SUF)(float x) { return (VF){X8(x), X8(x)}; }
#elif VB == 32
#define X8(x) x, x, x, x, x, x, x, x
TGT static inline VD CAT(bcd, SUF)(double x) { return (VD){x, x, x, x}; }
TGT static inline VF CAT(bcf, SUF)(float x) { return (VF){X8(x)}; }
#else
TGT static inline VD CAT(bcd, SUF)(double x) { return (VD){x, x}; }
TGT static inline VF CAT(bcf, SUF)(float x) { return (VF){x, x, x, x}; }
#endif

typedef double CAT(vw, SUF) __attribute__((vector_size(2 * VB))); /* L32 float64 values */

/* dst[q] = (float)src[q] for q < n: rounded to nearest, L32 values per conversion */
TGT static void CAT(to32, SUF)(float *dst, const double *src, long n) {
  long q = 0;
  for (; q + L32 <= n; q += L32) {
    CAT(vw, SUF) d;
    memcpy(&d, src + q, sizeof d);
    const VF f = __builtin_convertvector(d, VF);
    memcpy(dst + q, &f, sizeof f);
  }
  for (; q < n; q++) dst[q] = (float)src[q];
}

/* the float32 lanes of v widened to float64 and stored at o (acc = 0) or added to it */
TGT static inline void CAT(put32, SUF)(double *o, VF v, int acc) {
  for (int l = 0; l < L32; l++) o[l] = acc ? o[l] + (double)v[l] : (double)v[l];
}

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
  for (; i < M; i++) {
    for (int j = 0; j < Nv; j += L64) {
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

/* eo64: dotvec's arithmetic for C = A·Bᵀ, on Bt [K, ldb] (B transposed by the caller, so columns are contiguous) and
 * A [M, K] rows: even and odd k summed apart from 0, s = E + O, then + a(i, K−1)·B[j, K−1] when K is odd, then C (+)= s. */
TGT static void CAT(eo64, SUF)(int M, int Ncols, int K, const double *A, const double *Bt, long ldb, double *C, long ldc, int acc) {
  const int NE = NV / 2 > 0 ? NV / 2 : 1; /* vectors per row: two accumulators each */
  const int K2 = K & ~1;
  const int Nb = Ncols - Ncols % (NE * L64);
  const int Nv = Ncols - Ncols % L64;
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    for (int j = 0; j < Nb; j += NE * L64) {
      VD e[4][2], o[4][2];
      for (int r = 0; r < 4; r++) for (int q = 0; q < NE; q++) { e[r][q] = (VD){0}; o[r][q] = (VD){0}; }
      const double *a = A + i * (long)K;
      const double *b = Bt + j;
      for (int k = 0; k < K2; k += 2, b += 2 * ldb) {
        VD b0[2], b1[2];
        for (int q = 0; q < NE; q++) { b0[q] = CAT(ldd, SUF)(b + q * L64); b1[q] = CAT(ldd, SUF)(b + ldb + q * L64); }
        for (int r = 0; r < 4; r++) {
          const VD x0 = CAT(bcd, SUF)(a[r * (long)K + k]), x1 = CAT(bcd, SUF)(a[r * (long)K + k + 1]);
          for (int q = 0; q < NE; q++) { e[r][q] = e[r][q] + x0 * b0[q]; o[r][q] = o[r][q] + x1 * b1[q]; }
        }
      }
      for (int r = 0; r < 4; r++) for (int q = 0; q < NE; q++) {
        VD s = e[r][q] + o[r][q];
        if (K & 1) s = s + CAT(bcd, SUF)(a[r * (long)K + K - 1]) * CAT(ldd, SUF)(Bt + (long)(K - 1) * ldb + j + q * L64);
        double *out = C + (i + r) * ldc + j + q * L64;
        CAT(std_, SUF)(out, acc ? CAT(ldd, SUF)(out) + s : s);
      }
    }
    for (int j = Nb; j < Nv; j += L64) {
      VD e[4] = {{0}, {0}, {0}, {0}}, o[4] = {{0}, {0}, {0}, {0}};
      const double *a = A + i * (long)K;
      const double *b = Bt + j;
      for (int k = 0; k < K2; k += 2, b += 2 * ldb) {
        const VD b0 = CAT(ldd, SUF)(b), b1 = CAT(ldd, SUF)(b + ldb);
        for (int r = 0; r < 4; r++) {
          e[r] = e[r] + CAT(bcd, SUF)(a[r * (long)K + k]) * b0;
          o[r] = o[r] + CAT(bcd, SUF)(a[r * (long)K + k + 1]) * b1;
        }
      }
      for (int r = 0; r < 4; r++) {
        VD s = e[r] + o[r];
        if (K & 1) s = s + CAT(bcd, SUF)(a[r * (long)K + K - 1]) * CAT(ldd, SUF)(Bt + (long)(K - 1) * ldb + j);
        double *out = C + (i + r) * ldc + j;
        CAT(std_, SUF)(out, acc ? CAT(ldd, SUF)(out) + s : s);
      }
    }
  }
  /* the rows and columns left over, one element at a time with the same arithmetic */
  for (int r = 0; r < M; r++) {
    for (int j = r < i ? Nv : 0; j < Ncols; j++) {
      double e = 0, o = 0;
      const double *a = A + r * (long)K;
      for (int k = 0; k < K2; k += 2) { e += a[k] * Bt[k * ldb + j]; o += a[k + 1] * Bt[(k + 1) * ldb + j]; }
      double s = e + o;
      if (K & 1) s += a[K - 1] * Bt[(long)(K - 1) * ldb + j];
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
  for (; i < M; i++) {
    for (int j = 0; j < Nv; j += L32) {
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

/* l4_32: dotvec32's arithmetic for C = A·Bᵀ on float32 operands: A [M, Kp] rows and Bt [Kp, ldb] (B transposed), Kp a multiple
 * of 4 (zero-padded): four partial sums L0…L3 over k ≡ 0…3 (mod 4), each from 0 in increasing k, then (L0 + L2) + (L1 + L3),
 * widened, C (+)= s in float64. */
TGT static void CAT(l4_32, SUF)(int M, int Ncols, int Kp, const float *A, const float *Bt, long ldb, double *C, long ldc, int acc) {
  const int RB = VB == 64 ? 4 : 2; /* rows per tile: 4 accumulators per row */
  const int Nb = Ncols - Ncols % L32;
  int i = 0;
  for (; i + RB <= M; i += RB) {
    for (int j = 0; j < Nb; j += L32) {
      VF c[4][4];
      for (int r = 0; r < RB; r++) for (int l = 0; l < 4; l++) c[r][l] = (VF){0};
      const float *a = A + i * (long)Kp;
      const float *b = Bt + j;
      for (int k = 0; k < Kp; k += 4, b += 4 * ldb) {
        const VF b0 = CAT(ldf, SUF)(b), b1 = CAT(ldf, SUF)(b + ldb), b2 = CAT(ldf, SUF)(b + 2 * ldb), b3 = CAT(ldf, SUF)(b + 3 * ldb);
        for (int r = 0; r < RB; r++) {
          const float *ar = a + r * (long)Kp + k;
          c[r][0] = c[r][0] + CAT(bcf, SUF)(ar[0]) * b0;
          c[r][1] = c[r][1] + CAT(bcf, SUF)(ar[1]) * b1;
          c[r][2] = c[r][2] + CAT(bcf, SUF)(ar[2]) * b2;
          c[r][3] = c[r][3] + CAT(bcf, SUF)(ar[3]) * b3;
        }
      }
      for (int r = 0; r < RB; r++) {
        CAT(put32, SUF)(C + (i + r) * ldc + j, (c[r][0] + c[r][2]) + (c[r][1] + c[r][3]), acc);
      }
    }
  }
  for (int r = 0; r < M; r++) {
    for (int j = r < i ? Nb : 0; j < Ncols; j++) {
      float l0 = 0, l1 = 0, l2 = 0, l3 = 0;
      const float *a = A + r * (long)Kp;
      for (int k = 0; k < Kp; k += 4) {
        l0 += a[k] * Bt[k * ldb + j]; l1 += a[k + 1] * Bt[(k + 1) * ldb + j];
        l2 += a[k + 2] * Bt[(k + 2) * ldb + j]; l3 += a[k + 3] * Bt[(k + 3) * ldb + j];
      }
      const float s = (l0 + l2) + (l1 + l3);
      C[r * ldc + j] = acc ? C[r * ldc + j] + (double)s : (double)s;
    }
  }
}

#undef NV
#undef X8
#undef L64
#undef L32
#undef VD
#undef VF
