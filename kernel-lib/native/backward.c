/* backward.c: the cells' backward gate loops of BPTT (float64, element for element the JS loops' arithmetic). */
#include "register.h"

void backward_register(napi_env env, napi_value exports) {
  (void)env; (void)exports;
}
