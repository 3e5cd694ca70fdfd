/* scan.c: the input checks' scans (src/tensor/kernels.ts holds the plain JS reference of each; tensor.ts's checks build
 * their error messages from the index found):
 *   firstNonFinite(x)        → the index of the first NaN or ±∞ in a Float64Array, or −1;
 *   firstOutside(x, limit)   → the index of the first NaN or value with |x| > limit (±∞ too when limit is finite), or −1. */
#include <string.h>
#include "register.h"
#include "napi-args.h"

#include "gemm.h"

/* the scans once per instruction set (scan-loops.h), and those of the vectors gemm.c chose */
#define TILES "scan-loops.h"
#include "isa-variants.h"
#undef TILES

struct scans { long (*non_finite)(const double *, long); long (*outside)(const double *, long, double); };
/* in gemm.c's order of instruction sets (gemm_native_level) */
static const struct scans SCANS[] = {
  {first_non_finite_v128, first_outside_v128},
#ifdef X86_VARIANTS
  {first_non_finite_avx2, first_outside_avx2},
  {first_non_finite_avx512, first_outside_avx512},
#endif
};
static const struct scans *pick(void) { return &SCANS[gemm_native_level()]; }

static napi_value firstOutside(napi_env env, napi_callback_info info) {
  size_t argc = 2, n = 0;
  napi_value a[2], out;
  double limit = 0;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  const double *x = argc == 2 ? napi_f64(env, a[0], &n) : NULL;
  const int ok = x != NULL && napi_get_value_double(env, a[1], &limit) == napi_ok;
  napi_create_int64(env, ok ? pick()->outside(x, (long)n, limit) : -2, &out);
  return out;
}

static napi_value firstNonFinite(napi_env env, napi_callback_info info) {
  size_t argc = 1, n = 0;
  napi_value a[1], out;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  const double *x = argc == 1 ? napi_f64(env, a[0], &n) : NULL;
  napi_create_int64(env, x == NULL ? -2 : pick()->non_finite(x, (long)n), &out);
  return out;
}

void scan_register(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"firstNonFinite", NULL, firstNonFinite, NULL, NULL, NULL, napi_default, NULL},
    {"firstOutside", NULL, firstOutside, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, props);
}
