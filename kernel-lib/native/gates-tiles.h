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

/* LF float64 values at p rounded to float32 lanes (ld), and back, widened (st): whole vectors only, straight from and to
 * the caller's arrays (a partial vector goes through a padded copy, see below) */
TGT static inline GF CAT(ld, SUF)(const double *p) {
  GD d;
  memcpy(&d, p, sizeof d);
  return __builtin_convertvector(d, GF);
}
TGT static inline void CAT(st, SUF)(double *p, GF v) {
  const GD d = __builtin_convertvector(v, GD);
  memcpy(p, &d, sizeof d);
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

/* The loops below run a body on whole vectors of LF units; the last n < LF units of a row run the same body on copies
 * padded with zeros (lanes are independent, so each value has the bits it would have in a whole vector). */

/* one vector of lstm32: i, f, g, o at z, z + H, z + 2H, z + 3H; c at cp; c', tanh c', h' into cn, tc, h */
TGT static inline void CAT(lstm32_vec, SUF)(double *z, long H, const double *cp, double *cn, double *tc, double *h) {
  const GF i = CAT(sig32, SUF)(CAT(ld, SUF)(z));
  const GF f = CAT(sig32, SUF)(CAT(ld, SUF)(z + H));
  const GF g = CAT(tanh32, SUF)(CAT(ld, SUF)(z + 2 * H));
  const GF o = CAT(sig32, SUF)(CAT(ld, SUF)(z + 3 * H));
  CAT(st, SUF)(z, i);
  CAT(st, SUF)(z + H, f);
  CAT(st, SUF)(z + 2 * H, g);
  CAT(st, SUF)(z + 3 * H, o);
  const GF c = f * CAT(ld, SUF)(cp) + i * g;
  const GF t = CAT(tanh32, SUF)(c);
  CAT(st, SUF)(cn, c);
  CAT(st, SUF)(tc, t);
  CAT(st, SUF)(h, o * t);
}

/* lstm32 over rows b < B, units j < H: z [B, 4H] at z + b·4H ← i, f, g, o = σ, σ, tanh, σ; c' = f∗c + i∗g, tanh c',
 * h' = o∗tanh c' into cn, tc, h [B, H] (c [B, H] at cp) */
TGT static void CAT(lstm32, SUF)(double *z, const double *cp, double *cn, double *tc, double *h, int B, int H) {
  const int Hv = H - H % LF, n = H - Hv;
  for (int b = 0; b < B; b++) {
    double *zr = z + (long)b * 4 * H;
    const long s = (long)b * H;
    for (int j = 0; j < Hv; j += LF) CAT(lstm32_vec, SUF)(zr + j, H, cp + s + j, cn + s + j, tc + s + j, h + s + j);
    if (n == 0) continue;
    double zt[4 * LF] = {0}, ct[LF] = {0}, cnt[LF], tct[LF], ht[LF];
    for (int q = 0; q < 4; q++) memcpy(zt + q * LF, zr + q * H + Hv, sizeof(double) * n);
    memcpy(ct, cp + s + Hv, sizeof(double) * n);
    CAT(lstm32_vec, SUF)(zt, LF, ct, cnt, tct, ht);
    for (int q = 0; q < 4; q++) memcpy(zr + q * H + Hv, zt + q * LF, sizeof(double) * n);
    memcpy(cn + s + Hv, cnt, sizeof(double) * n);
    memcpy(tc + s + Hv, tct, sizeof(double) * n);
    memcpy(h + s + Hv, ht, sizeof(double) * n);
  }
}

/* tanh32rows: z ← tanh(z) for n values */
TGT static void CAT(tanh32rows, SUF)(double *z, long n) {
  long q = 0;
  for (; q + LF <= n; q += LF) CAT(st, SUF)(z + q, CAT(tanh32, SUF)(CAT(ld, SUF)(z + q)));
  if (q == n) return;
  double t[LF] = {0};
  memcpy(t, z + q, sizeof(double) * (size_t)(n - q));
  CAT(st, SUF)(t, CAT(tanh32, SUF)(CAT(ld, SUF)(t)));
  memcpy(z + q, t, sizeof(double) * (size_t)(n - q));
}

/* one vector of gru32: g, gh, bh at strides H (r, z, n parts); hp; into r, z, n, hn, h' */
TGT static inline void CAT(gru32_vec, SUF)(const double *g, const double *gh, const double *bh, long H, const double *hp,
                                          double *r, double *z, double *nn, double *hn, double *h) {
  const GF rv = CAT(sig32, SUF)(CAT(ld, SUF)(g) + (CAT(ld, SUF)(gh) + CAT(ld, SUF)(bh)));
  const GF zv = CAT(sig32, SUF)(CAT(ld, SUF)(g + H) + (CAT(ld, SUF)(gh + H) + CAT(ld, SUF)(bh + H)));
  const GF hv = CAT(ld, SUF)(gh + 2 * H) + CAT(ld, SUF)(bh + 2 * H);
  const GF nv = CAT(tanh32, SUF)(CAT(ld, SUF)(g + 2 * H) + rv * hv);
  CAT(st, SUF)(r, rv);
  CAT(st, SUF)(z, zv);
  CAT(st, SUF)(nn, nv);
  CAT(st, SUF)(hn, hv);
  CAT(st, SUF)(h, (CAT(splat, SUF)(1.0f) - zv) * nv + zv * CAT(ld, SUF)(hp));
}

/* gru32 (reset-after): r = σ(g_r + (gh_r + b_hr)), z = σ(g_z + (gh_z + b_hz)), hn = gh_n + b_hn, n = tanh(g_n + r∗hn),
 * h' = (1 − z)∗n + z∗h, from g, gh [B, 3H], bh [3H], hp [B, H] into r, z, n, hn, h' [B, H] */
TGT static void CAT(gru32, SUF)(const double *g, const double *gh, const double *bh, const double *hp,
                                double *r, double *z, double *nn, double *hn, double *h, int B, int H) {
  const int Hv = H - H % LF, n = H - Hv;
  for (int b = 0; b < B; b++) {
    const double *gr = g + (long)b * 3 * H, *ghr = gh + (long)b * 3 * H;
    const long s = (long)b * H;
    for (int j = 0; j < Hv; j += LF)
      CAT(gru32_vec, SUF)(gr + j, ghr + j, bh + j, H, hp + s + j, r + s + j, z + s + j, nn + s + j, hn + s + j, h + s + j);
    if (n == 0) continue;
    double gt[3 * LF] = {0}, ght[3 * LF] = {0}, bt[3 * LF] = {0}, hpt[LF] = {0}, o[5][LF];
    for (int q = 0; q < 3; q++) {
      memcpy(gt + q * LF, gr + q * H + Hv, sizeof(double) * n);
      memcpy(ght + q * LF, ghr + q * H + Hv, sizeof(double) * n);
      memcpy(bt + q * LF, bh + q * H + Hv, sizeof(double) * n);
    }
    memcpy(hpt, hp + s + Hv, sizeof(double) * n);
    CAT(gru32_vec, SUF)(gt, ght, bt, LF, hpt, o[0], o[1], o[2], o[3], o[4]);
    double *out[5] = {r, z, nn, hn, h};
    for (int q = 0; q < 5; q++) memcpy(out[q] + s + Hv, o[q], sizeof(double) * n);
  }
}

#undef LF
#undef GF
#undef GI
#undef GD
#undef X4
