/* gates.c: the float32 fast path's forward gate loops (lstm32, gru32, tanh32rows of gemm-simd.wat), lane for lane the same
 * arithmetic with wider vectors, on the caller's Float64Arrays in place (no copies into WebAssembly memory). Bound as
 * lstm32(z, zo, c, co, cn, tc, h, so, to, B, H), gru32(g, gh, bh, hp, r, z, n, hn, h, B, H) and tanh32rows(z) → boolean. */
#include <string.h>
#include "register.h"
#include "gemm.h"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define X86_VARIANTS 1
#endif

#define VB 16
#define SUF _v128
#define TGT
#include "gates-tiles.h"
#undef VB
#undef SUF
#undef TGT
#ifdef X86_VARIANTS
#define VB 32
#define SUF _avx2
#define TGT __attribute__((target("avx2")))
#include "gates-tiles.h"
#undef VB
#undef SUF
#undef TGT
#define VB 64
#define SUF _avx512
#define TGT __attribute__((target("avx512f")))
#include "gates-tiles.h"
#undef VB
#undef SUF
#undef TGT
#endif

typedef void lstm32_fn(double *, const double *, double *, double *, double *, int, int);
typedef void gru32_fn(const double *, const double *, const double *, const double *, double *, double *, double *, double *, double *, int, int);
typedef void tanh32rows_fn(double *, long);

/* the kernels of the instruction set gemm.c chose (gemm_native_isa, switched by tests through isa(name)) */
static void pick(lstm32_fn **lstm, gru32_fn **gru, tanh32rows_fn **th) {
  const char *isa = gemm_native_isa();
#ifdef X86_VARIANTS
  if (strcmp(isa, "avx512f") == 0) { *lstm = lstm32_avx512; *gru = gru32_avx512; *th = tanh32rows_avx512; return; }
  if (strcmp(isa, "avx2") == 0) { *lstm = lstm32_avx2; *gru = gru32_avx2; *th = tanh32rows_avx2; return; }
#endif
  (void)isa;
  *lstm = lstm32_v128; *gru = gru32_v128; *th = tanh32rows_v128;
}

static napi_value boolean(napi_env env, int ok) {
  napi_value v;
  napi_get_boolean(env, ok != 0, &v);
  return v;
}

/* lstm32(z, zo, c, co, cn, tc, h, so, to, B, H): z [B, 4H] from zo; c [B, H] from co; cn, h from so; tc from to */
static napi_value lstm32(napi_env env, napi_callback_info info) {
  size_t argc = 11, nz, nc, ncn, ntc, nh;
  napi_value a[11];
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  if (argc != 11) return boolean(env, 0);
  int ok = 1;
  double *z = napi_f64(env, a[0], &nz), *c = napi_f64(env, a[2], &nc), *cn = napi_f64(env, a[4], &ncn);
  double *tc = napi_f64(env, a[5], &ntc), *h = napi_f64(env, a[6], &nh);
  const long zo = napi_i32(env, a[1], &ok), co = napi_i32(env, a[3], &ok), so = napi_i32(env, a[7], &ok), to = napi_i32(env, a[8], &ok);
  const int B = napi_i32(env, a[9], &ok), H = napi_i32(env, a[10], &ok);
  const long BH = (long)B * H;
  if (!ok || !z || !c || !cn || !tc || !h || B <= 0 || H <= 0 || zo < 0 || co < 0 || so < 0 || to < 0
      || (size_t)(zo + 4 * BH) > nz || (size_t)(co + BH) > nc || (size_t)(so + BH) > ncn || (size_t)(to + BH) > ntc || (size_t)(so + BH) > nh)
    return boolean(env, 0);
  lstm32_fn *lstm; gru32_fn *gru; tanh32rows_fn *th;
  pick(&lstm, &gru, &th);
  lstm(z + zo, c + co, cn + so, tc + to, h + so, B, H);
  return boolean(env, 1);
}

/* gru32(g, gh, bh, hp, r, z, n, hn, h, B, H): g, gh [B, 3H], bh [3H], the rest [B, H], all from offset 0 */
static napi_value gru32(napi_env env, napi_callback_info info) {
  size_t argc = 11, len[9];
  napi_value a[11];
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  if (argc != 11) return boolean(env, 0);
  int ok = 1;
  double *p[9];
  for (int q = 0; q < 9; q++) { p[q] = napi_f64(env, a[q], &len[q]); ok = ok && p[q] != NULL; }
  const int B = napi_i32(env, a[9], &ok), H = napi_i32(env, a[10], &ok);
  const size_t BH = (size_t)B * H;
  if (!ok || B <= 0 || H <= 0 || len[0] < 3 * BH || len[1] < 3 * BH || len[2] < 3 * (size_t)H) return boolean(env, 0);
  for (int q = 3; q < 9; q++) if (len[q] < BH) return boolean(env, 0);
  lstm32_fn *lstm; gru32_fn *gru; tanh32rows_fn *th;
  pick(&lstm, &gru, &th);
  gru(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], B, H);
  return boolean(env, 1);
}

/* tanh32rows(z): z ← tanh(z) in float32 lanes, every value */
static napi_value tanh32rows(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value a[1];
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  double *z = argc == 1 ? napi_f64(env, a[0], &n) : NULL;
  if (z == NULL) return boolean(env, 0);
  lstm32_fn *lstm; gru32_fn *gru; tanh32rows_fn *th;
  pick(&lstm, &gru, &th);
  th(z, (long)n);
  return boolean(env, 1);
}

void gates_register(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"lstm32", NULL, lstm32, NULL, NULL, NULL, napi_default, NULL},
    {"gru32", NULL, gru32, NULL, NULL, NULL, napi_default, NULL},
    {"tanh32rows", NULL, tanh32rows, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 3, props);
}
