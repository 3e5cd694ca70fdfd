/* gates64-tiles.h: the float64 gate loops of gates.c with V8's exp and tanh bits on vectors of L64 lanes, included once
 * per instruction set with VB, SUF and TGT defined (like gemm-tiles.h). The vector functions port libm64x2.wat's $exp64x2,
 * $expm1_64x2, $tanh64x2 and $sigmoid64x2 lane for lane (fdlibm's branches as lane selects; a vector holding a lane outside
 * their range, NaN included, runs the scalar functions of libm.c per lane), so every lane has Math.exp's / Math.tanh's bits. */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define L64 (VB / 8)

typedef double CAT(xd, SUF) __attribute__((vector_size(VB)));
typedef long long CAT(xl, SUF) __attribute__((vector_size(VB)));
#define XD CAT(xd, SUF)
#define XL CAT(xl, SUF)
#define F(name) CAT(name, SUF)

#if VB == 64
#define S(x) ((XD){x, x, x, x, x, x, x, x})
#define SL(x) ((XL){x, x, x, x, x, x, x, x})
#elif VB == 32
#define S(x) ((XD){x, x, x, x})
#define SL(x) ((XL){x, x, x, x})
#else
#define S(x) ((XD){x, x})
#define SL(x) ((XL){x, x})
#endif

/* lanes of a where m is all ones, else of b (v128.bitselect) */
TGT static inline XD F(sel64)(XL m, XD a, XD b) { return (XD)((m & (XL)a) | (~m & (XL)b)); }
TGT static inline XD F(abs64)(XD x) { return (XD)((XL)x & SL(0x7fffffffffffffffLL)); }
TGT static inline XL F(sign64)(XD x) { return (XL)x & SL((long long)0x8000000000000000ULL); }
TGT static inline int F(all64)(XL m) { for (int l = 0; l < L64; l++) if (m[l] == 0) return 0; return 1; }
TGT static inline int F(any64)(XL m) { for (int l = 0; l < L64; l++) if (m[l] != 0) return 1; return 0; }
/* 2^k for lanes holding integer doubles k: ((k + 1.5·2^52) as bits + 1023) << 52 */
TGT static inline XD F(pow2)(XD k) { return (XD)(((XL)(k + S(0x1.8p52)) + SL(1023)) << 52); }
/* k = (int)(x/ln2 ± 1/2) as doubles where |x| ≥ 0x1.62e43p-2 (fdlibm's hx > 0x3FD62E42), else +0 */
TGT static inline XD F(reduce_k)(XD x) {
  const XD v = S(0x1.71547652b82fep0) * x + (XD)((XL)S(0.5) | F(sign64)(x));
  const XD k = __builtin_convertvector(__builtin_convertvector(v, XL), XD);
  return (XD)((XL)k & (F(abs64)(x) >= S(0x1.62e43p-2)));
}

/* f on each lane alone: the scalar functions of libm.c, for vectors holding a lane outside the vector forms' range */
TGT static XD F(per_lane)(XD x, double (*f)(double)) {
  XD y;
  for (int l = 0; l < L64; l++) y[l] = f(x[l]);
  return y;
}

TGT static XD F(exp_v)(XD x) {
  const XD ax = F(abs64)(x);
  if (!F(all64)(ax < S(708))) return F(per_lane)(x, rl_exp);
  const XD k = F(reduce_k)(x);
  const XD hi = x - k * S(0x1.62e42fee00000p-1);
  const XD lo = k * S(0x1.a39ef35793c76p-33);
  const XD r = hi - lo;
  const XD t = r * r;
  const XD c = r - t * (S(0x1.555555555553ep-3) + t * (S(-0x1.6c16c16bebd93p-9) + t * (S(0x1.1566aaf25de2cp-14) +
               t * (S(-0x1.bbd41c5d26bf1p-20) + t * S(0x1.6376972bea4d0p-25)))));
  XD y = S(1) - ((lo - (r * c) / (S(2) - c)) - hi);
  y = y * F(pow2)(k);
  y = F(sel64)(ax < S(0x1p-28), S(1) + x, y);            /* |x| < 2^-28: 1 + x */
  return F(sel64)(x == S(1), S(0x1.5bf0a8b145769p1), y); /* x = 1: V8's correctly rounded e */
}

/* expm1 for tanh's arguments only: x in [2, 44) or (−2, −2^-27] (k never 1; every other case of k per lane) */
TGT static XD F(expm1_v)(XD x) {
  const XD k = F(reduce_k)(x);
  const XD hi = x - k * S(0x1.62e42fee00000p-1);
  const XD lo = k * S(0x1.a39ef35793c76p-33);
  const XD r = hi - lo;
  const XD c = (hi - r) - lo;
  const XD hfx = S(0.5) * r;
  const XD hxs = r * hfx;
  const XD r1 = S(1) + hxs * (S(-0x1.11111111110f4p-5) + hxs * (S(0x1.a01a019fe5585p-10) + hxs * (S(-0x1.4ce199eaadbb7p-14) +
                hxs * (S(0x1.0cfca86e65239p-18) + hxs * S(-0x1.afdb76e09c32dp-23)))));
  XD t = S(3) - r1 * hfx;
  XD e = hxs * ((r1 - t) / (S(6) - r * t));
  XD y = r - (r * e - hxs); /* k = 0 */
  if (F(any64)(k != S(0))) {
    e = ((r * (e - c)) - c) - hxs;
    const XD twopk = F(pow2)(k);
    if (F(any64)(k > S(0))) {
      const XD twomk = (XD)((SL(1023) - (XL)(k + S(0x1.8p52))) << 52);
      t = F(sel64)(k < S(20), ((S(1) - twomk) - (e - r)) * twopk, ((r - (e + twomk)) + S(1)) * twopk);
    }
    t = F(sel64)((k <= S(-2)) | (k > S(56)), ((S(1) - (e - r)) * twopk) - S(1), t);
    t = F(sel64)(k == S(-1), (S(0.5) * (r - e)) - S(0.5), t);
    y = F(sel64)(k == S(0), y, t);
  }
  return y;
}

TGT static XD F(tanh_v)(XD x) {
  XD ax = F(abs64)(x);
  /* |x| ≥ 22, ±∞ included: fdlibm returns ±(1 − tiny) = ±1 (a saturated unit); only a NaN lane runs the scalar function */
  const XL big = ax >= S(22);
  if (!F(all64)((ax < S(22)) | big)) return F(per_lane)(x, rl_tanh);
  ax = F(sel64)(big, S(0), ax);
  const XL ge1 = ax >= S(1);
  const XD t = F(expm1_v)(F(sel64)(ge1, S(2), S(-2)) * ax);
  const XD q = F(sel64)(ge1, S(2), -t) / (t + S(2));
  XD z = F(sel64)(ge1, S(1) - q, q);
  z = F(sel64)(big, S(1), F(sel64)(ax < S(0x1p-28), F(abs64)(x), z));
  return (XD)((XL)z ^ F(sign64)(x));
}

TGT static inline XD F(sigmoid_v)(XD x) {
  const XL pos = x >= S(0);
  const XD e = F(exp_v)(F(sel64)(pos, -x, x));
  return F(sel64)(pos, S(1), e) / (S(1) + e);
}

TGT static inline XD F(ld64)(const double *p) { XD v; memcpy(&v, p, sizeof v); return v; }
TGT static inline void F(st64)(double *p, XD v) { memcpy(p, &v, sizeof v); }

/* lstm64 over rows b < B, units j < H, lstmPointwiseForwardNaive's loop: i, f, o = σ(z), g = tanh(z) over z [B, 4H];
 * c' = (f∗c) + (i∗g), tanh c', h' = o∗tanh c' into cn, tc, h [B, H] (c at cp). Units past the last whole vector go one by one. */
TGT static void F(lstm64)(double *z, const double *cp, double *cn, double *tc, double *h, int B, int H) {
  for (int b = 0; b < B; b++) {
    double *zr = z + (long)b * 4 * H;
    const long s = (long)b * H;
    int j = 0;
    for (; j + L64 <= H; j += L64) {
      const XD i = F(sigmoid_v)(F(ld64)(zr + j)), f = F(sigmoid_v)(F(ld64)(zr + H + j));
      const XD g = F(tanh_v)(F(ld64)(zr + 2 * H + j)), o = F(sigmoid_v)(F(ld64)(zr + 3 * H + j));
      F(st64)(zr + j, i); F(st64)(zr + H + j, f); F(st64)(zr + 2 * H + j, g); F(st64)(zr + 3 * H + j, o);
      const XD c = f * F(ld64)(cp + s + j) + i * g;
      const XD t = F(tanh_v)(c);
      F(st64)(cn + s + j, c); F(st64)(tc + s + j, t); F(st64)(h + s + j, o * t);
    }
    for (; j < H; j++) {
      const double i = zr[j] = rl_sigmoid(zr[j]), f = zr[H + j] = rl_sigmoid(zr[H + j]);
      const double g = zr[2 * H + j] = rl_tanh(zr[2 * H + j]), o = zr[3 * H + j] = rl_sigmoid(zr[3 * H + j]);
      const double c = f * cp[s + j] + i * g, t = rl_tanh(c);
      cn[s + j] = c; tc[s + j] = t; h[s + j] = o * t;
    }
  }
}

/* gru64 (reset-after), gruResetAfterPointwise's loop: r = σ(g_r + (gh_r + b_hr)), z = σ(g_z + (gh_z + b_hz)), hn = gh_n + b_hn,
 * n = tanh(g_n + r∗hn), h' = (1 − z)∗n + z∗h, from g, gh [B, 3H], bh [3H], hp [B, H] into r, z, n, hn, h' [B, H] */
TGT static void F(gru64)(const double *g, const double *gh, const double *bh, const double *hp,
                         double *r, double *z, double *nn, double *hn, double *h, int B, int H) {
  for (int b = 0; b < B; b++) {
    const double *gr = g + (long)b * 3 * H, *ghr = gh + (long)b * 3 * H;
    const long s = (long)b * H;
    int j = 0;
    for (; j + L64 <= H; j += L64) {
      const XD rv = F(sigmoid_v)(F(ld64)(gr + j) + (F(ld64)(ghr + j) + F(ld64)(bh + j)));
      const XD zv = F(sigmoid_v)(F(ld64)(gr + H + j) + (F(ld64)(ghr + H + j) + F(ld64)(bh + H + j)));
      const XD hv = F(ld64)(ghr + 2 * H + j) + F(ld64)(bh + 2 * H + j);
      const XD nv = F(tanh_v)(F(ld64)(gr + 2 * H + j) + rv * hv);
      F(st64)(r + s + j, rv); F(st64)(z + s + j, zv); F(st64)(nn + s + j, nv); F(st64)(hn + s + j, hv);
      F(st64)(h + s + j, (S(1) - zv) * nv + zv * F(ld64)(hp + s + j));
    }
    for (; j < H; j++) {
      const double rk = r[s + j] = rl_sigmoid(gr[j] + (ghr[j] + bh[j]));
      const double zk = z[s + j] = rl_sigmoid(gr[H + j] + (ghr[H + j] + bh[H + j]));
      const double hk = hn[s + j] = ghr[2 * H + j] + bh[2 * H + j];
      const double nk = nn[s + j] = rl_tanh(gr[2 * H + j] + rk * hk);
      h[s + j] = (1 - zk) * nk + zk * hp[s + j];
    }
  }
}

/* x ← f(x) for n values, f = tanh (which 0) or σ (1); exp (2) for the tests */
TGT static void F(rows64)(double *x, long n, int which) {
  long q = 0;
  for (; q + L64 <= n; q += L64) {
    const XD v = F(ld64)(x + q);
    F(st64)(x + q, which == 0 ? F(tanh_v)(v) : which == 1 ? F(sigmoid_v)(v) : F(exp_v)(v));
  }
  for (; q < n; q++) x[q] = which == 0 ? rl_tanh(x[q]) : which == 1 ? rl_sigmoid(x[q]) : rl_exp(x[q]);
}

#ifndef RNNLAB_JS_MAX
#define RNNLAB_JS_MAX
/* Math.max(a, b): NaN when either is NaN (the NaN stays), +0 above −0, else the larger */
static inline double js_max(double a, double b) {
  if (a != a) return a;
  if (b != b || b > a) return b;
  return b == a && !__builtin_signbit(b) ? b : a;
}
#endif

/* softmax64: for every row n of z [rows, C] with m == NULL or m[n] != 0: mx = max_k z_k, e_k = exp(z_k − mx) (Math.exp's
 * bits), s = Σ_k e_k summed in increasing k (one scalar chain: the JS loop's bits), out_k = e_k / s / scale; maxes[n] = mx,
 * sums[n] = s (Math.max's maximum: NaN when a value is NaN). Masked rows are not touched. */
TGT static void F(softmax64)(const double *z, double *out, long rows, long C, const double *m, double scale, double *maxes,
                             double *sums) {
  for (long n = 0; n < rows; n++) {
    if (m != NULL && m[n] == 0) continue;
    const double *zr = z + n * C;
    double *o = out + n * C;
    double mx = zr[0];
    for (long k = 1; k < C; k++) mx = js_max(mx, zr[k]);
    const XD mv = S(mx);
    long k = 0;
    for (; k + L64 <= C; k += L64) F(st64)(o + k, F(exp_v)(F(ld64)(zr + k) - mv));
    for (; k < C; k++) o[k] = rl_exp(zr[k] - mx);
    double s = 0;
    for (k = 0; k < C; k++) s += o[k];
    const XD sv = S(s), dv = S(scale);
    for (k = 0; k + L64 <= C; k += L64) F(st64)(o + k, F(ld64)(o + k) / sv / dv);
    for (; k < C; k++) o[k] = o[k] / s / scale;
    maxes[n] = mx;
    sums[n] = s;
  }
}

#undef L64
#undef XD
#undef XL
#undef F
#undef S
#undef SL
