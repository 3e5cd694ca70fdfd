/* napi-args.c: the argument readers of napi-args.h. */
#include <node_api.h>
#include "napi-args.h"

double *napi_f64(napi_env env, napi_value v, size_t *len) {
  napi_typedarray_type type;
  void *data;
  if (napi_get_typedarray_info(env, v, &type, len, &data, NULL, NULL) != napi_ok || type != napi_float64_array) return NULL;
  return data;
}

void call_args(napi_env env, napi_callback_info info, struct call *c, size_t want) {
  size_t argc = CALL_MAX_ARGS;
  c->env = env;
  c->ok = want <= CALL_MAX_ARGS && napi_get_cb_info(env, info, &argc, c->v, NULL, NULL) == napi_ok && argc == want;
}

int call_int(struct call *c, int k) {
  int32_t x = 0;
  if (c->ok && napi_get_value_int32(c->env, c->v[k], &x) != napi_ok) c->ok = 0;
  if (x < 0) c->ok = 0;
  return c->ok ? x : 0;
}

double call_double(struct call *c, int k) {
  double x = 0;
  if (c->ok && napi_get_value_double(c->env, c->v[k], &x) != napi_ok) c->ok = 0;
  if (!(x - x == 0)) c->ok = 0;
  return c->ok ? x : 0;
}

double *call_array(struct call *c, int k, double need, int optional) {
  if (!c->ok) return NULL;
  if (optional) {
    napi_valuetype t;
    if (napi_typeof(c->env, c->v[k], &t) == napi_ok && t == napi_null) return NULL;
  }
  size_t len = 0;
  double *p = napi_f64(c->env, c->v[k], &len);
  if (p == NULL || (double)len < need) c->ok = 0;
  return p;
}

napi_value call_result(napi_env env, int ok) {
  napi_value r;
  napi_get_boolean(env, ok != 0, &r);
  return r;
}
