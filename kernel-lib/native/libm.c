/* libm.c: the scalar float64 exp, expm1, tanh and σ of libm.h, branch for branch as libm64.wat's $exp64, $expm1_64,
 * $tanh64 and $sigmoid64 (V8's fdlibm algorithms: the same constants, the same tests on the high word, the same IEEE
 * operations in the same order), so every result has V8's bits. native/libm.test via src/tensor/libm-native.test.ts. */
#include <stdint.h>
#include <string.h>
#include "libm.h"

static uint64_t bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static double from_bits(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
/* the double whose high word is hi and low word 0 (fdlibm's INSERT_WORDS(x, hi, 0)) */
static double from_high(uint32_t hi) { return from_bits((uint64_t)hi << 32); }

/* x = k·ln2 + (hi − lo) with k = (int)(x/ln2 ± 1/2) (the sign of x), ln2 in two parts: the reduction beyond |x| < 1.5·ln2 */
static int reduce(double x, uint32_t negative, double *hi, double *lo) {
  const int k = (int)(0x1.71547652b82fep0 * x + (negative ? -0.5 : 0.5));
  const double t = (double)k;
  *hi = x - t * 0x1.62e42fee00000p-1;
  *lo = t * 0x1.a39ef35793c76p-33;
  return k;
}

double rl_exp(double x) {
  uint32_t hx = (uint32_t)(bits(x) >> 32);
  const uint32_t xsb = hx >> 31;
  hx &= 0x7fffffff;
  double hi = 0, lo = 0;
  int k = 0;
  if (hx >= 0x40862E42) { /* |x| ≥ 709.78…: NaN, ±∞, overflow, underflow */
    if (hx >= 0x7FF00000) {
      if ((hx & 0xFFFFF) | (uint32_t)bits(x)) return x + x;
      return xsb ? 0.0 : x;
    }
    if (x > 0x1.62e42fefa39efp9) return 1e300 * 1e300;
    if (x < -0x1.74910d52d3051p9) return 0x1p-1000 * 0x1p-1000;
  }
  if (hx > 0x3FD62E42) { /* argument reduction */
    if (hx < 0x3FF0A2B2) {
      if (x == 1) return 0x1.5bf0a8b145769p1; /* V8 returns the correctly rounded e */
      if (xsb) { hi = x - -0x1.62e42fee00000p-1; lo = -0x1.a39ef35793c76p-33; k = -1; }
      else { hi = x - 0x1.62e42fee00000p-1; lo = 0x1.a39ef35793c76p-33; k = 1; }
    } else {
      k = reduce(x, xsb, &hi, &lo);
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {
    return 1 + x; /* |x| < 2^-28 */
  }
  const double t = x * x;
  const double twopk = from_high(0x3FF00000u + ((uint32_t)(k >= -1021 ? k : k + 1000) << 20));
  const double c = x - t * (0x1.555555555553ep-3 + t * (-0x1.6c16c16bebd93p-9 + t * (0x1.1566aaf25de2cp-14 +
                   t * (-0x1.bbd41c5d26bf1p-20 + t * 0x1.6376972bea4d0p-25))));
  if (k == 0) return 1 - ((x * c) / (c - 2) - x);
  const double y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return (y * 2) * 0x1p1023;
    return y * twopk;
  }
  return (y * twopk) * 0x1p-1000;
}

double rl_expm1(double x) {
  uint32_t hx = (uint32_t)(bits(x) >> 32);
  const uint32_t xsb = hx & 0x80000000u;
  hx &= 0x7fffffff;
  double hi, lo, c = 0;
  int k = 0;
  if (hx >= 0x4043687A) { /* |x| ≥ 56·ln2 */
    if (hx >= 0x40862E42) {
      if (hx >= 0x7FF00000) {
        if ((hx & 0xFFFFF) | (uint32_t)bits(x)) return x + x;
        return xsb ? -1.0 : x;
      }
      if (x > 0x1.62e42fefa39efp9) return 1e300 * 1e300;
    }
    if (xsb && x + 1e-300 < 0) return 1e-300 - 1;
  }
  if (hx > 0x3FD62E42) {
    if (hx < 0x3FF0A2B2) {
      if (!xsb) { hi = x - 0x1.62e42fee00000p-1; lo = 0x1.a39ef35793c76p-33; k = 1; }
      else { hi = x + 0x1.62e42fee00000p-1; lo = -0x1.a39ef35793c76p-33; k = -1; }
    } else {
      k = reduce(x, xsb, &hi, &lo);
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3C900000) { /* |x| < 2^-54: x, written as fdlibm does so −0 stays −0 */
    const double t = 1e300 + x;
    return x - (t - (1e300 + x));
  }
  const double hfx = 0.5 * x;
  const double hxs = x * hfx;
  const double r1 = 1 + hxs * (-0x1.11111111110f4p-5 + hxs * (0x1.a01a019fe5585p-10 + hxs * (-0x1.4ce199eaadbb7p-14 +
                    hxs * (0x1.0cfca86e65239p-18 + hxs * -0x1.afdb76e09c32dp-23))));
  double t = 3 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const double twopk = from_high(0x3FF00000u + ((uint32_t)k << 20));
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    double y = 1 - (e - x);
    y = k == 1024 ? (y * 2) * 0x1p1023 : y * twopk;
    return y - 1;
  }
  if (k < 20) {
    t = from_high(0x3FF00000u - (0x200000u >> k)); /* 1 − 2^−k */
    return (t - (e - x)) * twopk;
  }
  t = from_high((uint32_t)(0x3FF - k) << 20); /* 2^−k */
  return ((x - (e + t)) + 1) * twopk;
}

double rl_tanh(double x) {
  const uint32_t jx = (uint32_t)(bits(x) >> 32);
  const uint32_t ix = jx & 0x7fffffff;
  double z;
  if (ix >= 0x7FF00000) return (int32_t)jx >= 0 ? 1 / x + 1 : 1 / x - 1; /* NaN, ±∞ */
  if (ix < 0x40360000) { /* |x| < 22 */
    if (ix < 0x3E300000) return x; /* |x| < 2^-28 */
    if (ix >= 0x3FF00000) {
      const double t = rl_expm1(2 * __builtin_fabs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const double t = rl_expm1(-2 * __builtin_fabs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1 - 1e-300;
  }
  return (int32_t)jx >= 0 ? z : -z;
}

double rl_sigmoid(double x) {
  const int pos = x >= 0;
  const double e = rl_exp(pos ? -x : x);
  return (pos ? 1 : e) / (1 + e);
}
