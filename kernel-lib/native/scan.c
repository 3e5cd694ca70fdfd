/* scan.c: the input checks' scans (src/tensor/kernels.ts holds the plain JS reference of each; tensor.ts's checks build
 * their error messages from the index found):
 *   firstNonFinite(x)        → the index of the first NaN or ±∞ in a Float64Array, or −1;
 *   firstOutside(x, limit)   → the index of the first NaN or value with |x| > limit (±∞ too when limit is finite), or −1. */
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

/* |x| ≤ limit is false for NaN and for magnitudes beyond the limit: |x| clears the sign bit; blocks of 8, the failing
 * block one by one */
CLONES static long first_outside(const double *x, long n, double limit) {
  const v8d lim = (v8d){0} + limit;
  const v8l magnitude = (v8l){0} + 0x7fffffffffffffffLL;
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    v8l bits;
    memcpy(&bits, x + i, sizeof bits);
    bits &= magnitude;
    v8d a;
    memcpy(&a, &bits, sizeof a);
    const v8l ok = a <= lim;
    long long all = -1;
    for (int l = 0; l < 8; l++) all &= ok[l];
    if (all != -1) break;
  }
  for (; i < n; i++) if (!(x[i] <= limit && x[i] >= -limit)) return i;
  return -1;
}

static napi_value firstOutside(napi_env env, napi_callback_info info) {
  size_t argc = 2, n = 0;
  napi_value a[2], out;
  double limit = 0;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  const double *x = argc == 2 ? napi_f64(env, a[0], &n) : NULL;
  const int ok = x != NULL && napi_get_value_double(env, a[1], &limit) == napi_ok;
  napi_create_int64(env, ok ? first_outside(x, (long)n, limit) : -2, &out);
  return out;
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
  napi_property_descriptor props[] = {
    {"firstNonFinite", NULL, firstNonFinite, NULL, NULL, NULL, napi_default, NULL},
    {"firstOutside", NULL, firstOutside, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, props);
}
