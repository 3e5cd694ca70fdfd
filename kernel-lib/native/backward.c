/* backward.c: the cells' backward gate loops of BPTT (float64, element for element the JS loops' arithmetic). */
/* Each function is the per-step loop of one JS kernel in src/seq (the JS loop stays as the fallback and the naive
 * reference; src/seq/backward-native.test.ts compares them bit for bit): the same operations in the same order per element
 * (built with -ffp-contract=off: no fused multiply-add), and the norms' and column sums' additions in the JS order. The
 * element-wise parts of a row are a loop apart from the row's sequential sums (sh, sc), so GCC may vectorize them. Array
 * arguments are Float64Arrays read and written in place; every size is checked against the arrays' lengths first (a
 * function returns false, touching nothing, when one does not fit: the caller then runs its JS loop). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "register.h"
#include "napi-args.h"

#include "gemm.h"

/* the step loops, once per instruction set (backward-steps.h), and those of the vectors gemm.c chose */
#define TILES "backward-steps.h"
#include "isa-variants.h"
#undef TILES

struct steps {
  void (*lstm)(const double *, const double *, const double *, const double *, const double *, double *, double *, double *,
               double *, double *, int, int);
  double (*gru)(const double *, const double *, const double *, const double *, const double *, const double *, const double *,
                double *, double *, double *, double *, double *, int, int);
  double (*rnn)(const double *, const double *, double *, double *, const double *, int, int, int, int);
  void (*column_sums)(double *, const double *, int, int, long, long);
};
/* in gemm.c's order of instruction sets (gemm_native_level) */
static const struct steps STEPS[] = {
  {lstm_step_v128, gru_step_v128, rnn_step_v128, column_sums_v128},
#ifdef X86_VARIANTS
  {lstm_step_avx2, gru_step_avx2, rnn_step_avx2, column_sums_avx2},
  {lstm_step_avx512, gru_step_avx512, rnn_step_avx512, column_sums_avx512},
#endif
};
static const struct steps *pick(void) { return &STEPS[gemm_native_level()]; }


/* ---- LSTM: lstmSequenceBackward's per-step gate loop ---- */

/* lstmBackwardStep(gates, tanhCs, cPrev, dOut | null, m | null, dh, dc, dZ, out, t, B, H, dzo) → ran:
 * gates [T, B, 4H], tanhCs, cPrev, dOut [T, B, H] (step t's rows are read), m [T·B], dh, dc [B, H], dZ rows from dzo */
static napi_value lstm_backward_step(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 13);
  const int t = call_int(&c, 9), B = call_int(&c, 10), H = call_int(&c, 11), dzo = call_int(&c, 12);
  const double BH = (double)B * H, rows = (t + 1.0) * BH;
  const double *gates = call_array(&c, 0, 4 * rows, 0), *tanhc = call_array(&c, 1, rows, 0), *cp = call_array(&c, 2, rows, 0);
  const double *dout = call_array(&c, 3, rows, 1), *m = call_array(&c, 4, (t + 1.0) * B, 1);
  double *dh = call_array(&c, 5, BH, 0), *dc = call_array(&c, 6, BH, 0), *dz = call_array(&c, 7, dzo + 4 * BH, 0);
  double *out = call_array(&c, 8, 3, 0);
  double stack[1024];
  double *tmp = !c.ok ? NULL : H <= 1024 ? stack : malloc(sizeof(double) * H);
  if (tmp == NULL) return call_result(env, 0);
  const long u = (long)t * B * H;
  pick()->lstm(gates + 4 * u, tanhc + u, cp + u, dout == NULL ? NULL : dout + u, m == NULL ? NULL : m + (long)t * B,
               dh, dc, dz + dzo, out, tmp, B, H);
  if (tmp != stack) free(tmp);
  return call_result(env, 1);
}

/* lstmBackwardChunk(whh, gates, tanhCs, cPrev, dOut | null, m | null, dh, dc, dZ, dhPrev, norms, t0, t1, T, B, H) → ran: the
 * per-step loop of lstmSequenceBackward over steps t1 − 1 … t0 in one call (small batches, whose per-step calls cost more
 * than their work): per step the gate backward above into dZ rows (t − t0)·B·4H, then dh = dZ_t W_hh (gemm_rows64: each
 * element one sum in increasing k, the row kernel's), into dhPrev when a row is padded, whose real rows then take it.
 * whh [4H, H]; gates [T, B, 4H], tanhCs, cPrev, dOut [T, B, H] (t1 ≤ T), m [T·B]; dh, dc, dhPrev [B, H]; dZ
 * [(t1 − t0)·B, 4H] (padded rows are not written: zero them first); norms [2T]: ‖dh_t‖ at t, ‖dc'_t‖ at T + t. */
static napi_value lstm_backward_chunk(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 16);
  const int t0 = call_int(&c, 11), t1 = call_int(&c, 12), T = call_int(&c, 13), B = call_int(&c, 14), H = call_int(&c, 15);
  const double BH = (double)B * H, rows = (double)t1 * BH;
  const double *whh = call_array(&c, 0, 4 * (double)H * H, 0);
  const double *gates = call_array(&c, 1, 4 * rows, 0), *tanhc = call_array(&c, 2, rows, 0), *cp = call_array(&c, 3, rows, 0);
  const double *dout = call_array(&c, 4, rows, 1), *m = call_array(&c, 5, (double)t1 * B, 1);
  double *dh = call_array(&c, 6, BH, 0), *dc = call_array(&c, 7, BH, 0), *dz = call_array(&c, 8, (t1 - t0) * 4 * BH, 0);
  double *dhprev = call_array(&c, 9, BH, 0), *norms = call_array(&c, 10, 2.0 * T, 0);
  if (!c.ok || t1 <= t0 || t1 > T || B <= 0 || H <= 0) return call_result(env, 0);
  double stack[1024];
  double *tmp = H <= 1024 ? stack : malloc(sizeof(double) * H);
  if (tmp == NULL) return call_result(env, 0);
  const struct steps *k = pick();
  const long G4 = 4L * H;
  for (int t = t1 - 1; t >= t0; t--) {
    const long u = (long)t * B * H;
    double out[3];
    double *dzt = dz + (long)(t - t0) * B * G4;
    k->lstm(gates + 4 * u, tanhc + u, cp + u, dout == NULL ? NULL : dout + u, m == NULL ? NULL : m + (long)t * B, dh, dc, dzt, out,
           tmp, B, H);
    norms[t] = out[0];
    norms[T + t] = out[1];
    gemm_rows64(B, H, (int)G4, dzt, whh, out[2] != 0 ? dhprev : dh, 0);
    if (out[2] != 0) {
      for (int b = 0; b < B; b++) if (m[(long)t * B + b] != 0) memcpy(dh + (long)b * H, dhprev + (long)b * H, sizeof(double) * H);
    }
  }
  if (tmp != stack) free(tmp);
  return call_result(env, 1);
}

/* ---- GRU: gruBpttSequence's per-step loops (both variants) ---- */

/* gruBackwardStep(r, z, n, hn, hPrev, dOut | null, mask | null, dh, dhPrev, dgi, dgh, dan | null, out, t, B, H) → ran:
 * r, z, n, hn, hPrev, dh, dhPrev [B, H] (step t's), dOut [T, B, H], mask [B], dgi [B, 3H], dgh [B, 2H] with dan [B, H]
 * (classic) or [B, 3H] without; out[0] = ‖dh‖ */
static napi_value gru_backward_step(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 16);
  const int t = call_int(&c, 13), B = call_int(&c, 14), H = call_int(&c, 15);
  const double BH = (double)B * H;
  const double *r = call_array(&c, 0, BH, 0), *z = call_array(&c, 1, BH, 0), *n = call_array(&c, 2, BH, 0);
  const double *hn = call_array(&c, 3, BH, 0), *hp = call_array(&c, 4, BH, 0);
  const double *dout = call_array(&c, 5, (t + 1.0) * BH, 1), *mask = call_array(&c, 6, B, 1);
  double *dh = call_array(&c, 7, BH, 0), *dhprev = call_array(&c, 8, BH, 0);
  double *dan = call_array(&c, 11, BH, 1);
  double *dgi = call_array(&c, 9, 3 * BH, 0), *dgh = call_array(&c, 10, (dan != NULL ? 2 : 3) * BH, 0);
  double *out = call_array(&c, 12, 1, 0);
  if (!c.ok) return call_result(env, 0);
  out[0] = pick()->gru(r, z, n, hn, hp, dout == NULL ? NULL : dout + (long)t * B * H, mask, dh, dhprev, dgi, dgh, dan, B, H);
  return call_result(env, 1);
}

/* gruClassicResetBackward(drh, r, hPrev, mask | null, dhPrev, dgi, dgh, B, H) → ran: classic's d(r∗h) = da_n W_hn (drh,
 * from the caller's product) back to the reset gate, real rows only: dhPrev += drh∗r, dR = drh∗h, both r blocks
 * dR∗r∗(1 − r). drh, r, hPrev, dhPrev [B, H], mask [B], dgi [B, 3H], dgh [B, 2H]. */
static napi_value gru_classic_reset_backward(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 9);
  const int B = call_int(&c, 7), H = call_int(&c, 8);
  const double BH = (double)B * H;
  const double *drh = call_array(&c, 0, BH, 0), *r = call_array(&c, 1, BH, 0), *hp = call_array(&c, 2, BH, 0);
  const double *mask = call_array(&c, 3, B, 1);
  double *dhprev = call_array(&c, 4, BH, 0), *dgi = call_array(&c, 5, 3 * BH, 0), *dgh = call_array(&c, 6, 2 * BH, 0);
  if (!c.ok) return call_result(env, 0);
  for (int b = 0; b < B; b++) {
    if (mask != NULL && mask[b] == 0) continue;
    const long s = (long)b * H;
    const double *restrict dr = drh + s, *restrict rr = r + s, *restrict hpr = hp + s;
    double *restrict dp = dhprev + s, *restrict gi = dgi + 3L * s, *restrict gh = dgh + 2L * s;
    for (int j = 0; j < H; j++) {
      const double rk = rr[j];
      dp[j] += dr[j] * rk;
      const double dR = dr[j] * hpr[j];
      gi[j] = gh[j] = dR * rk * (1 - rk);
    }
  }
  return call_result(env, 1);
}

/* ---- vanilla RNN: rnnBpttSequence's per-step loops ---- */

/* rnnBackwardStep(dOut | null, mask | null, dh, dZ, y, out, t, B, H, dzo, act) → ran: dh += dOut (real rows), ‖dh‖ into
 * out[0], then dz = dh∗φ'(y) from the cached output (act 0 tanh: 1 − y², 1 relu: y > 0 ? 1 : 0, 2 sigmoid: y∗(1 − y)),
 * zero at padded rows. dOut [T, B, H] (step t's rows), mask [B], dh, y [B, H], dZ rows from dzo. */
static napi_value rnn_backward_step(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 11);
  const int t = call_int(&c, 6), B = call_int(&c, 7), H = call_int(&c, 8), dzo = call_int(&c, 9), act = call_int(&c, 10);
  const double BH = (double)B * H;
  const double *dout = call_array(&c, 0, (t + 1.0) * BH, 1), *mask = call_array(&c, 1, B, 1);
  double *dh = call_array(&c, 2, BH, 0), *dz = call_array(&c, 3, dzo + BH, 0);
  const double *y = call_array(&c, 4, BH, 0);
  double *out = call_array(&c, 5, 1, 0);
  if (!c.ok || act > 2) return call_result(env, 0);
  out[0] = pick()->rnn(dout, mask, dh, dz + dzo, y, t, B, H, act);
  return call_result(env, 1);
}

/* ---- shared: carrying ∂L/∂h back, bias column sums ---- */

/* carryBackRows(dh, dhPrev, mask, mo, B, H) → ran: the real rows (mask[mo + b] ≠ 0) of dh [B, H] take dhPrev's */
static napi_value carry_back_rows(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 6);
  const int mo = call_int(&c, 3), B = call_int(&c, 4), H = call_int(&c, 5);
  double *dh = call_array(&c, 0, (double)B * H, 0);
  const double *dhprev = call_array(&c, 1, (double)B * H, 0), *mask = call_array(&c, 2, (double)mo + B, 0);
  if (!c.ok) return call_result(env, 0);
  for (int b = 0; b < B; b++) if (mask[mo + b] != 0) memcpy(dh + (long)b * H, dhprev + (long)b * H, sizeof(double) * H);
  return call_result(env, 1);
}

/* columnSums(dst, src, N, cols, stride, off) → ran: dst [cols] += Σ_r src[r, off : off + cols] over rows of `stride` */
static napi_value column_sums_call(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 6);
  const int N = call_int(&c, 2), cols = call_int(&c, 3), stride = call_int(&c, 4), off = call_int(&c, 5);
  double *dst = call_array(&c, 0, cols, 0);
  const double *src = call_array(&c, 1, N == 0 ? 0 : (N - 1.0) * stride + off + cols, 0);
  if (!c.ok || (dst != NULL && src != NULL && dst < src + (long)N * stride && src < dst + cols)) return call_result(env, 0);
  pick()->column_sums(dst, src, N, cols, stride, off);
  return call_result(env, 1);
}

void backward_register(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"lstmBackwardStep", NULL, lstm_backward_step, NULL, NULL, NULL, napi_default, NULL},
    {"lstmBackwardChunk", NULL, lstm_backward_chunk, NULL, NULL, NULL, napi_default, NULL},
    {"gruBackwardStep", NULL, gru_backward_step, NULL, NULL, NULL, napi_default, NULL},
    {"gruClassicResetBackward", NULL, gru_classic_reset_backward, NULL, NULL, NULL, napi_default, NULL},
    {"rnnBackwardStep", NULL, rnn_backward_step, NULL, NULL, NULL, napi_default, NULL},
    {"carryBackRows", NULL, carry_back_rows, NULL, NULL, NULL, napi_default, NULL},
    {"columnSums", NULL, column_sums_call, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
