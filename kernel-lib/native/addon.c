/* addon.c: the Node-API binding of gemm.c: gemm(C, A, B, M, N, K, transA, transB, accumulate, float32, pin, threads) → boolean, and
 * isa([name]) → the instruction set in use (switching to `name` first when given and supported). Operands are Float64Arrays
 * read and written in place (no copies). Each Node thread (main or worker) gets its own scratch through the instance data. */
#include <node_api.h>
#include <stdlib.h>
#include "gemm.h"
#include "register.h"

static void finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  gemm_state_free(data);
  free(data);
}

double *napi_f64(napi_env env, napi_value v, size_t *len) {
  napi_typedarray_type type;
  void *data;
  if (napi_get_typedarray_info(env, v, &type, len, &data, NULL, NULL) != napi_ok || type != napi_float64_array) return NULL;
  return data;
}

int napi_i32(napi_env env, napi_value v, int *ok) {
  int32_t x = 0;
  if (napi_get_value_int32(env, v, &x) != napi_ok) *ok = 0;
  return x;
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12], result;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int ok = 0;
  if (argc == 12) {
    struct gemm_args g;
    size_t nC, nA, nB;
    int32_t v[7];
    uint32_t pin;
    g.C = napi_f64(env, argv[0], &nC);
    g.A = napi_f64(env, argv[1], &nA);
    g.B = napi_f64(env, argv[2], &nB);
    int good = g.C != NULL && g.A != NULL && g.B != NULL;
    for (int q = 0; good && q < 7; q++) good = napi_get_value_int32(env, argv[3 + q], &v[q]) == napi_ok;
    int32_t threads = 1;
    good = good && napi_get_value_uint32(env, argv[10], &pin) == napi_ok && napi_get_value_int32(env, argv[11], &threads) == napi_ok;
    g.threads = threads < 1 ? 1 : threads > 64 ? 64 : threads;
    if (good) {
      g.M = v[0]; g.N = v[1]; g.K = v[2]; g.transA = v[3]; g.transB = v[4]; g.acc = v[5]; g.f32 = v[6]; g.pin = pin;
      /* the sizes must fit the arrays: never read or write past them */
      good = g.M > 0 && g.N > 0 && g.K > 0 && (double)g.M * g.N <= (double)nC && (double)g.M * g.K <= (double)nA && (double)g.K * g.N <= (double)nB;
    }
    struct gemm_state *st = NULL;
    if (good && napi_get_instance_data(env, (void **)&st) == napi_ok && st != NULL) ok = gemm_native(st, &g);
  }
  napi_get_boolean(env, ok != 0, &result);
  return result;
}

/* isa() → the vectors in use; isa(name) first switches to them when the CPU has them (for tests) */
static napi_value isa(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], s;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  char want[16];
  size_t n = 0;
  const char *in_use = argc == 1 && napi_get_value_string_utf8(env, argv[0], want, sizeof want, &n) == napi_ok
    ? gemm_native_select(want) : gemm_native_isa();
  napi_create_string_utf8(env, in_use, NAPI_AUTO_LENGTH, &s);
  return s;
}

static napi_value init(napi_env env, napi_value exports) {
  struct gemm_state *st = calloc(1, sizeof *st);
  if (st == NULL || napi_set_instance_data(env, st, finalize, NULL) != napi_ok) return NULL;
  napi_property_descriptor props[] = {
    {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
    {"isa", NULL, isa, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, props);
  gates_register(env, exports);
  backward_register(env, exports);
  scan_register(env, exports);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
