/* register.h: each kernel file of the add-on adds its functions to the module's exports (called once per Node thread). */
#ifndef RNNLAB_REGISTER_H
#define RNNLAB_REGISTER_H
#include <node_api.h>

/* gates.c: the forward gate loops (float32: lstm32, gru32, tanh32rows; float64 with V8's exp/tanh: lstm64, gru64, rows64) */
void gates_register(napi_env env, napi_value exports);
/* backward.c: the cells' backward gate loops of BPTT (float64, the JS loops' arithmetic) */
void backward_register(napi_env env, napi_value exports);

/* scan.c: firstNonFinite (the input checks) */
void scan_register(napi_env env, napi_value exports);

/* helpers for the bindings (addon.c): a Float64Array's data and length (NULL unless it is one) */
double *napi_f64(napi_env env, napi_value v, size_t *len);

/* One call's arguments, read in turn: `ok` stays 1 while every argument read so far was what was asked for (exactly `want`
 * arguments; ints non-negative int32; arrays Float64Arrays of at least `need` values). A binding that ends with !ok returns
 * call_result(env, 0) without touching anything, and the caller runs its JS or WebAssembly loop. */
#define CALL_MAX_ARGS 16
struct call {
  napi_env env;
  napi_value v[CALL_MAX_ARGS];
  int ok;
};
void call_args(napi_env env, napi_callback_info info, struct call *c, size_t want);
int call_int(struct call *c, int k);
/* argument k as a Float64Array of at least `need` values; `optional`: null gives NULL (absent) */
double *call_array(struct call *c, int k, double need, int optional);
/* the boolean a binding returns */
napi_value call_result(napi_env env, int ok);
#endif
