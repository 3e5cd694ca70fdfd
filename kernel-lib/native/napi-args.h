/* napi-args.h: reading a binding's arguments (napi-args.c), shared by addon.c and every kernel file's bindings. */
#ifndef RNNLAB_NAPI_ARGS_H
#define RNNLAB_NAPI_ARGS_H
#include <node_api.h>

/* a Float64Array's data and length (NULL unless it is one) */
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
/* argument k as a finite double */
double call_double(struct call *c, int k);
/* argument k as a Float64Array of at least `need` values; `optional`: null gives NULL (absent) */
double *call_array(struct call *c, int k, double need, int optional);
/* the boolean a binding returns */
napi_value call_result(napi_env env, int ok);
#endif
