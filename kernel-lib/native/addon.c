/* addon.c: the Node-API binding of gemm.c: gemm(C, A, B, M, N, K, transA, transB, accumulate, float32, pin, threads) → boolean, and
 * isa([name]) → the instruction set in use (switching to `name` first when given and supported). Operands are Float64Arrays
 * read and written in place (no copies). Each Node thread (main or worker) gets its own scratch through the instance data. */
#include <node_api.h>
#include <stdlib.h>
#include "gemm.h"
#include "register.h"
#include "napi-args.h"

/* bump with every change of the exported functions, their arguments or their arithmetic (and NATIVE_ABI in
 * src/fast/native/gemm-native.ts) */
#define RNNLAB_NATIVE_ABI 4

static void finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  gemm_state_free(data);
  free(data);
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  struct call c;
  call_args(env, info, &c, 12);
  struct gemm_args g;
  g.M = call_int(&c, 3); g.N = call_int(&c, 4); g.K = call_int(&c, 5);
  g.transA = call_int(&c, 6); g.transB = call_int(&c, 7); g.acc = call_int(&c, 8); g.f32 = call_int(&c, 9);
  g.pin = (unsigned)call_int(&c, 10);
  const int threads = call_int(&c, 11);
  g.threads = threads < 1 ? 1 : threads > 64 ? 64 : threads;
  /* the sizes must fit the arrays: never read or write past them */
  g.C = call_array(&c, 0, (double)g.M * g.N, 0);
  g.A = call_array(&c, 1, (double)g.M * g.K, 0);
  g.B = call_array(&c, 2, (double)g.K * g.N, 0);
  struct gemm_state *st = NULL;
  const int good = c.ok && g.M > 0 && g.N > 0 && g.K > 0 && napi_get_instance_data(env, (void **)&st) == napi_ok && st != NULL;
  return call_result(env, good && gemm_native(st, &g));
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
  /* the interface version the TS loader expects (gemm-native.ts): a build from older sources is refused as a whole */
  napi_value abi;
  napi_create_int32(env, RNNLAB_NATIVE_ABI, &abi);
  napi_set_named_property(env, exports, "abi", abi);
  gates_register(env, exports);
  backward_register(env, exports);
  scan_register(env, exports);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
