/* gemm-vec.h: the vector types and helpers the tiles of gemm-tiles.h and gemm-tiles-tb.h share, defined once per instruction
 * set (included by gemm-tiles.h with VB, SUF and TGT defined; see isa-variants.h): loads, stores and broadcasts of float64 and
 * float32 vectors, the float64 → float32 rounding of operands, and the widening store of float32 results into float64 C. */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define L64 (VB / 8) /* float64 lanes */
#define L32 (VB / 4) /* float32 lanes */
/* accumulator vectors per row of a seq64/seq32 tile: 4 rows × NV vectors stay in registers (16 of 32 with AVX-512; 12 of 16
 * otherwise: 3 per row measured 12-16 % faster than 2 for A·B and Aᵀ·B with AVX2 and 128-bit vectors, CPU time, AMD EPYC) */
#if VB == 64
#define NV 4
#else
#define NV 3
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

/* the first n lanes of v (n < L64: a partial vector at the end of a row) stored at o (acc = 0) or added to it */
TGT static inline void CAT(stn, SUF)(double *o, VD v, int acc, int n) {
  for (int l = 0; l < n; l++) o[l] = acc ? o[l] + v[l] : v[l];
}

