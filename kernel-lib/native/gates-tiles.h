/* gates-tiles.h: the float32 gate loops of gates.c, included once per instruction set with VB (vector bytes), SUF and TGT
 * defined, like gemm-tiles.h. Every lane computes what one f32x4 lane of gates32.wat's exp32, sig32, tanh32, lstm32,
 * gru32 and tanh32rows computes, operation for operation (no fused multiply-add: built with -ffp-contract=off). */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define LF (VB / 4) /* float32 lanes */

typedef float CAT(gf, SUF) __attribute__((vector_size(VB)));
typedef int CAT(gi, SUF) __attribute__((vector_size(VB)));
#define GF CAT(gf, SUF)
#define GI CAT(gi, SUF)

typedef double CAT(gd, SUF) __attribute__((vector_size(2 * VB))); /* LF float64 values */
#define GD CAT(gd, SUF)

/* a vector of one value, written out (a loop over the lanes compiles to a round trip through the stack) */
#if VB == 64
#define X4(x) x, x, x, x
TGT static inline GF CAT(splat, SUF)(float x) { return (GF){X4(x), X4(x), X4(x), X4(x)}; }
#elif VB == 32
#define X4(x) x, x, x, x
TGT static inline GF CAT(splat, SUF)(float x) { return (GF){X4(x), X4(x)}; }
#else
#define X4(x) x, x, x, x
TGT static inline GF CAT(splat, SUF)(float x) { return (GF){X4(x)}; }
#endif
/* lanes of `a` where m is all ones, else of `b` (wasm's v128.bitselect and the selects below) */
TGT static inline GF CAT(sel, SUF)(GI m, GF a, GF b) { return (GF)((m & (GI)a) | (~m & (GI)b)); }

/* n float64 values from p rounded to float32 lanes (ld4), the rest of the vector zero; and back, widened (st4) */
TGT static inline GF CAT(ld, SUF)(const double *p, int n) {
  GD d = {0};
  if (n == LF) memcpy(&d, p, sizeof d);
  else memcpy(&d, p, sizeof(double) * (size_t)n);
  return __builtin_convertvector(d, GF);
}
TGT static inline void CAT(st, SUF)(double *p, GF v, int n) {
  const GD d = __builtin_convertvector(v, GD);
  if (n == LF) memcpy(p, &d, sizeof d);
  else memcpy(p, &d, sizeof(double) * (size_t)n);
}

/* exp32: x clamped to [−87, 88] (a NaN stays NaN, as f32x4.max/min keep it), k = nearest(x·log₂e) (ties to even, by adding
 * and removing 1.5·2²³: exact for |x·log₂e| < 2²²), r = x − k·ln2 in two parts, e^r by the degree-6 polynomial, times 2^k */
TGT static inline GF CAT(exp32, SUF)(GF x) {
  x = CAT(sel, SUF)(x < CAT(splat, SUF)(-87.0f), CAT(splat, SUF)(-87.0f), x);
  x = CAT(sel, SUF)(x > CAT(splat, SUF)(88.0f), CAT(splat, SUF)(88.0f), x);
  const GF big = CAT(splat, SUF)(12582912.0f);
  GF k = x * CAT(splat, SUF)(1.44269504f);
  k = (k + big) - big;
  const GF r = (x - k * CAT(splat, SUF)(0.693145752f)) - k * CAT(splat, SUF)(1.42860677e-6f);
  GF p = CAT(splat, SUF)(0.00138888889f) + r * CAT(splat, SUF)(0.000198412698f);
  p = CAT(splat, SUF)(0.00833333333f) + r * p;
  p = CAT(splat, SUF)(0.0416666667f) + r * p;
  p = CAT(splat, SUF)(0.166666667f) + r * p;
  p = CAT(splat, SUF)(0.5f) + r * p;
  p = CAT(splat, SUF)(1.0f) + r * p;
  p = CAT(splat, SUF)(1.0f) + r * p;
  GI e = __builtin_convertvector(k, GI);
  e = (e + 127) << 23;
  return p * (GF)e;
}

/* sig32: σ(x) = 1 / (1 + e^{−x}) */
TGT static inline GF CAT(sig32, SUF)(GF x) {
  return CAT(splat, SUF)(1.0f) / (CAT(splat, SUF)(1.0f) + CAT(exp32, SUF)(-x));
}

/* tanh32: 1 − 2/(e^{2x} + 1), or x·(1 + x²·(−1/3 + x²·2/15)) where |x| < 1/16 */
TGT static inline GF CAT(tanh32, SUF)(GF x) {
  const GF x2 = x * x;
  const GF small = x * (CAT(splat, SUF)(1.0f) + x2 * (CAT(splat, SUF)(-0.333333333f) + x2 * CAT(splat, SUF)(0.133333333f)));
  const GF large = CAT(splat, SUF)(1.0f) - CAT(splat, SUF)(2.0f) / (CAT(exp32, SUF)(x + x) + CAT(splat, SUF)(1.0f));
  const GF ax = (GF)((GI)x & 0x7fffffff); /* |x|: the sign bit cleared, as f32x4.abs */
  return CAT(sel, SUF)(ax < CAT(splat, SUF)(0.0625f), small, large);
}

/* lstm32 over rows b < B, units j < H: z [B, 4H] at z + b·4H ← i, f, g, o = σ, σ, tanh, σ; c' = f∗c + i∗g, tanh c',
 * h' = o∗tanh c' into cn, tc, h [B, H] (c [B, H] at cp) */
TGT static void CAT(lstm32, SUF)(double *z, const double *cp, double *cn, double *tc, double *h, int B, int H) {
  for (int b = 0; b < B; b++) {
    double *zr = z + (long)b * 4 * H;
    const long s = (long)b * H;
    for (int j = 0; j < H; j += LF) {
      const int n = H - j < LF ? H - j : LF;
      const GF i = CAT(sig32, SUF)(CAT(ld, SUF)(zr + j, n));
      const GF f = CAT(sig32, SUF)(CAT(ld, SUF)(zr + H + j, n));
      const GF g = CAT(tanh32, SUF)(CAT(ld, SUF)(zr + 2 * H + j, n));
      const GF o = CAT(sig32, SUF)(CAT(ld, SUF)(zr + 3 * H + j, n));
      CAT(st, SUF)(zr + j, i, n);
      CAT(st, SUF)(zr + H + j, f, n);
      CAT(st, SUF)(zr + 2 * H + j, g, n);
      CAT(st, SUF)(zr + 3 * H + j, o, n);
      const GF c = f * CAT(ld, SUF)(cp + s + j, n) + i * g;
      const GF t = CAT(tanh32, SUF)(c);
      CAT(st, SUF)(cn + s + j, c, n);
      CAT(st, SUF)(tc + s + j, t, n);
      CAT(st, SUF)(h + s + j, o * t, n);
    }
  }
}

/* tanh32rows: z ← tanh(z) for n values */
TGT static void CAT(tanh32rows, SUF)(double *z, long n) {
  for (long q = 0; q < n; q += LF) {
    const int m = n - q < LF ? (int)(n - q) : LF;
    CAT(st, SUF)(z + q, CAT(tanh32, SUF)(CAT(ld, SUF)(z + q, m)), m);
  }
}

/* gru32 (reset-after): r = σ(g_r + (gh_r + b_hr)), z = σ(g_z + (gh_z + b_hz)), hn = gh_n + b_hn, n = tanh(g_n + r∗hn),
 * h' = (1 − z)∗n + z∗h, from g, gh [B, 3H], bh [3H], hp [B, H] into r, z, n, hn, h' [B, H] */
TGT static void CAT(gru32, SUF)(const double *g, const double *gh, const double *bh, const double *hp,
                                double *r, double *z, double *nn, double *hn, double *h, int B, int H) {
  for (int b = 0; b < B; b++) {
    const double *gr = g + (long)b * 3 * H, *ghr = gh + (long)b * 3 * H;
    const long s = (long)b * H;
    for (int j = 0; j < H; j += LF) {
      const int m = H - j < LF ? H - j : LF;
      const GF rv = CAT(sig32, SUF)(CAT(ld, SUF)(gr + j, m) + (CAT(ld, SUF)(ghr + j, m) + CAT(ld, SUF)(bh + j, m)));
      const GF zv = CAT(sig32, SUF)(CAT(ld, SUF)(gr + H + j, m) + (CAT(ld, SUF)(ghr + H + j, m) + CAT(ld, SUF)(bh + H + j, m)));
      const GF hv = CAT(ld, SUF)(ghr + 2 * H + j, m) + CAT(ld, SUF)(bh + 2 * H + j, m);
      const GF nv = CAT(tanh32, SUF)(CAT(ld, SUF)(gr + 2 * H + j, m) + rv * hv);
      CAT(st, SUF)(r + s + j, rv, m);
      CAT(st, SUF)(z + s + j, zv, m);
      CAT(st, SUF)(nn + s + j, nv, m);
      CAT(st, SUF)(hn + s + j, hv, m);
      CAT(st, SUF)(h + s + j, (CAT(splat, SUF)(1.0f) - zv) * nv + zv * CAT(ld, SUF)(hp + s + j, m), m);
    }
  }
}

#undef LF
#undef GF
#undef GI
#undef GD
#undef X4
