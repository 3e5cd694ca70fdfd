/* gates.c: the cells' forward gate loops natively, on the caller's Float64Arrays in place (no copies into WebAssembly memory):
 * - float32 (the fast path): lstm32, gru32, tanh32rows of gates32.wat lane for lane with wider vectors (gates-tiles.h);
 * - float64: lstm64, gru64 and rows64 (x ← tanh, σ or exp of x) with V8's exp/tanh bits (gates64-tiles.h, libm.c), the
 *   arithmetic of the JS loops they replace;
 * - the rows of a softmax (softmax64) with Math.exp's bits.
 * Bound as lstm32/lstm64(z, zo, c, co, cn, tc, h, so, to, B, H), gru32/gru64(g, gh, bh, hp, r, z, n, hn, h, B, H),
 * tanh32rows(z), rows64(x, which), softmax64(z, out, rows, C, m, scale, maxes, sums), and the small-batch forward time
 * loops lstmSeq64, lstmSeq32 → boolean (false: the arguments do not fit, nothing was written). */
#include <stdlib.h>
#include <string.h>
#include "register.h"
#include "napi-args.h"
#include "gemm.h"
#include "libm.h"

#define TILES "gates-tiles.h"
#include "isa-variants.h"
#undef TILES
#define TILES "gates64-tiles.h"
#include "isa-variants.h"

typedef void lstm_fn(double *, const double *, double *, double *, double *, int, int);
typedef void gru_fn(const double *, const double *, const double *, const double *, double *, double *, double *, double *, double *, int, int);
typedef void tanh32rows_fn(double *, long);
typedef void rows64_fn(double *, long, int);
typedef void softmax64_fn(const double *, double *, long, long, const double *, double, double *, double *);
struct kernels {
  lstm_fn *lstm32, *lstm64; gru_fn *gru32, *gru64; tanh32rows_fn *tanh32rows; rows64_fn *rows64; softmax64_fn *softmax64;
};

/* the kernels of each instruction set in gemm.c's order (gemm_native_level), and those of the set it chose (switched by tests
 * through isa(name)) */
static const struct kernels KERNELS[] = {
  {lstm32_v128, lstm64_v128, gru32_v128, gru64_v128, tanh32rows_v128, rows64_v128, softmax64_v128},
#ifdef X86_VARIANTS
  {lstm32_avx2, lstm64_avx2, gru32_avx2, gru64_avx2, tanh32rows_avx2, rows64_avx2, softmax64_avx2},
  {lstm32_avx512, lstm64_avx512, gru32_avx512, gru64_avx512, tanh32rows_avx512, rows64_avx512, softmax64_avx512},
#endif
};
static const struct kernels *pick(void) { return &KERNELS[gemm_native_level()]; }

/* (z, zo, c, co, cn, tc, h, so, to, B, H): z [B, 4H] from zo; c [B, H] from co; cn, h from so; tc from to */
static napi_value lstm(napi_env env, napi_callback_info info, int f64) {
  struct call c;
  call_args(env, info, &c, 11);
  const long zo = call_int(&c, 1), co = call_int(&c, 3), so = call_int(&c, 7), to = call_int(&c, 8);
  const int B = call_int(&c, 9), H = call_int(&c, 10);
  const double BH = (double)B * H;
  double *z = call_array(&c, 0, zo + 4 * BH, 0), *cp = call_array(&c, 2, co + BH, 0), *cn = call_array(&c, 4, so + BH, 0);
  double *tc = call_array(&c, 5, to + BH, 0), *h = call_array(&c, 6, so + BH, 0);
  if (!c.ok || B <= 0 || H <= 0) return call_result(env, 0);
  const struct kernels *k = pick();
  (f64 ? k->lstm64 : k->lstm32)(z + zo, cp + co, cn + so, tc + to, h + so, B, H);
  return call_result(env, 1);
}
static napi_value lstm32(napi_env env, napi_callback_info info) { return lstm(env, info, 0); }
static napi_value lstm64(napi_env env, napi_callback_info info) { return lstm(env, info, 1); }

/* (g, gh, bh, hp, r, z, n, hn, h, B, H): g, gh [B, 3H], bh [3H], the rest [B, H], all from offset 0 */
static napi_value gru(napi_env env, napi_callback_info info, int f64) {
  struct call c;
  call_args(env, info, &c, 11);
  const int B = call_int(&c, 9), H = call_int(&c, 10);
  const double BH = (double)B * H;
  double *p[9];
  for (int q = 0; q < 9; q++) p[q] = call_array(&c, q, q < 2 ? 3 * BH : q == 2 ? 3.0 * H : BH, 0);
  if (!c.ok || B <= 0 || H <= 0) return call_result(env, 0);
  const struct kernels *k = pick();
  (f64 ? k->gru64 : k->gru32)(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], B, H);
  return call_result(env, 1);
}
static napi_value gru32(napi_env env, napi_callback_info info) { return gru(env, info, 0); }
static napi_value gru64(napi_env env, napi_callback_info info) { return gru(env, info, 1); }

/* tanh32rows(z): z ← tanh(z) in float32 lanes, every value */
static napi_value tanh32rows(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 1);
  size_t n = 0;
  double *z = c.ok ? napi_f64(env, c.v[0], &n) : NULL;
  if (z == NULL) return call_result(env, 0);
  pick()->tanh32rows(z, (long)n);
  return call_result(env, 1);
}

/* rows64(x, which): x ← tanh(x) (0), σ(x) (1) or e^x (2) in float64, every value */
static napi_value rows64(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 2);
  const int which = call_int(&c, 1);
  size_t n = 0;
  double *x = c.ok ? napi_f64(env, c.v[0], &n) : NULL;
  if (x == NULL || which > 2) return call_result(env, 0);
  pick()->rows64(x, (long)n, which);
  return call_result(env, 1);
}

/* softmax64(z, out, rows, C, m | null, scale, maxes, sums): the rows' softmax of tensorKernels().softmaxRows (tensor/kernels.ts)
 * with Math.exp's bits: out = e^{z − max} / Σ / scale per unmasked row, maxes and sums [rows] written there too */
static napi_value softmax64(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 8);
  const int rows = call_int(&c, 2), C = call_int(&c, 3);
  const double scale = call_double(&c, 5), RC = (double)rows * C;
  const double *z = call_array(&c, 0, RC, 0), *m = call_array(&c, 4, rows, 1);
  double *out = call_array(&c, 1, RC, 0), *maxes = call_array(&c, 6, rows, 0), *sums = call_array(&c, 7, rows, 0);
  if (!c.ok || rows <= 0 || C <= 0) return call_result(env, 0);
  pick()->softmax64(z, out, rows, C, m, scale, maxes, sums);
  return call_result(env, 1);
}

/* lstmSeq64 / lstmSeq32(whh, gates, hs, cs, tanhCs, m | null, T, B, H): lstmSequenceForward's time loop for small batches
 * in one call, the per-step path's arithmetic: for t = 0 … T−1, Z_t += h_{t−1} W_hhᵀ (gemm_rows64 on W_hhᵀ, the row kernel's
 * float64 sums: small products stay float64 in both precisions), then the gate loop of the precision (lstm64, or lstm32's
 * float32 lanes) on step t's rows, then padded rows (mask 0) copy their previous h and c. whh [4H, H]; gates [T, B, 4H]
 * (input products in, activations out); hs, cs [T + 1, B, H] (block 0 = state0); tanhCs [T, B, H]; m [T·B] */
static napi_value lstm_seq(napi_env env, napi_callback_info info, int f32) {
  struct call c;
  call_args(env, info, &c, 9);
  const int T = call_int(&c, 6), B = call_int(&c, 7), H = call_int(&c, 8);
  const size_t BH = (size_t)B * H, G4 = 4 * (size_t)H;
  const double *whh = call_array(&c, 0, (double)G4 * H, 0), *m = call_array(&c, 5, (double)T * B, 1);
  double *gates = call_array(&c, 1, (double)T * BH * 4, 0), *hs = call_array(&c, 2, (T + 1.0) * BH, 0);
  double *cs = call_array(&c, 3, (T + 1.0) * BH, 0), *tcs = call_array(&c, 4, (double)T * BH, 0);
  if (!c.ok || T <= 0 || B <= 0 || H <= 0) return call_result(env, 0);
  double *wt = malloc(sizeof(double) * G4 * H);
  if (wt == NULL) return call_result(env, 0);
  for (size_t n = 0; n < G4; n++) for (int q = 0; q < H; q++) wt[q * G4 + n] = whh[n * H + q]; /* W_hhᵀ [H, 4H] */
  lstm_fn *lstm = f32 ? pick()->lstm32 : pick()->lstm64;
  for (int t = 0; t < T; t++) {
    double *z = gates + t * BH * 4, *hp = hs + t * BH, *cp = cs + t * BH;
    gemm_rows64(B, (int)G4, H, hp, wt, z, 1);
    lstm(z, cp, cp + BH, tcs + t * BH, hp + BH, B, H);
    if (m != NULL) {
      for (int b = 0; b < B; b++) {
        if (m[(long)t * B + b] != 0) continue;
        memcpy(hp + BH + (size_t)b * H, hp + (size_t)b * H, sizeof(double) * H);
        memcpy(cp + BH + (size_t)b * H, cp + (size_t)b * H, sizeof(double) * H);
      }
    }
  }
  free(wt);
  return call_result(env, 1);
}
static napi_value lstm_seq64(napi_env env, napi_callback_info info) { return lstm_seq(env, info, 0); }
static napi_value lstm_seq32(napi_env env, napi_callback_info info) { return lstm_seq(env, info, 1); }

void gates_register(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"lstm32", NULL, lstm32, NULL, NULL, NULL, napi_default, NULL},
    {"gru32", NULL, gru32, NULL, NULL, NULL, napi_default, NULL},
    {"tanh32rows", NULL, tanh32rows, NULL, NULL, NULL, napi_default, NULL},
    {"lstm64", NULL, lstm64, NULL, NULL, NULL, napi_default, NULL},
    {"gru64", NULL, gru64, NULL, NULL, NULL, napi_default, NULL},
    {"rows64", NULL, rows64, NULL, NULL, NULL, napi_default, NULL},
    {"softmax64", NULL, softmax64, NULL, NULL, NULL, napi_default, NULL},
    {"lstmSeq64", NULL, lstm_seq64, NULL, NULL, NULL, napi_default, NULL},
    {"lstmSeq32", NULL, lstm_seq32, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
