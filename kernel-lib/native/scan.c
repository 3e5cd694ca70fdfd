/* scan.c: firstNonFinite(x) → the index of the first NaN or ±∞ in a Float64Array, or −1: the input checks' scan
 * (checkFinite in src/tensor/tensor.ts keeps the JS loop as the reference and for the error message). */
#include <string.h>
#include "register.h"
#include "napi-args.h"

#include "clones.h"

typedef double v8d __attribute__((vector_size(64)));
typedef long long v8l __attribute__((vector_size(64)));

/* x − x is 0 for every finite x and NaN for NaN and ±∞: blocks of 8 are tested at once, the block that fails one by one */
CLONES static long first_non_finite(const double *x, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    v8d v;
    memcpy(&v, x + i, sizeof v);
    const v8l ok = (v - v) == (v8d){0};
    long long all = -1;
    for (int l = 0; l < 8; l++) all &= ok[l];
    if (all != -1) break;
  }
  for (; i < n; i++) if (!(x[i] - x[i] == 0)) return i;
  return -1;
}

static napi_value firstNonFinite(napi_env env, napi_callback_info info) {
  size_t argc = 1, n = 0;
  napi_value a[1], out;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  const double *x = argc == 1 ? napi_f64(env, a[0], &n) : NULL;
  napi_create_int64(env, x == NULL ? -2 : first_non_finite(x, (long)n), &out);
  return out;
}

void scan_register(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {{"firstNonFinite", NULL, firstNonFinite, NULL, NULL, NULL, napi_default, NULL}};
  napi_define_properties(env, exports, 1, props);
}
