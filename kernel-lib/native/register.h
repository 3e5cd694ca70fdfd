/* register.h: each kernel file of the add-on adds its functions to the module's exports (called once per Node thread by
 * addon.c). The argument readers the bindings share are in napi-args.h, so no kernel file depends on addon.c. */
#ifndef RNNLAB_REGISTER_H
#define RNNLAB_REGISTER_H
#include <node_api.h>

/* gates.c: the forward gate loops (float32: lstm32, gru32, tanh32rows; float64 with V8's exp/tanh: lstm64, gru64, rows64;
 * the rows of a softmax: softmax64) */
void gates_register(napi_env env, napi_value exports);
/* backward.c: the cells' backward gate loops of BPTT (float64, the JS loops' arithmetic) */
void backward_register(napi_env env, napi_value exports);

/* scan.c: firstNonFinite, firstOutside (the input checks) */
void scan_register(napi_env env, napi_value exports);

#endif
