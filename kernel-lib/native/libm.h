/* libm.h: float64 exp, expm1, tanh and σ with V8's bits (Math.exp, Math.tanh; σ as sigmoidScalar in activations.ts):
 * the scalar functions of libm64.wat ($exp64, $expm1_64, $tanh64, $sigmoid64), which follow V8's fdlibm port operation
 * for operation, re-expressed in C (no fused multiply-add: built with -ffp-contract=off). libm.c; the vector forms are in
 * gates64-tiles.h. */
#ifndef RNNLAB_LIBM_H
#define RNNLAB_LIBM_H
double rl_exp(double x);
double rl_expm1(double x);
double rl_tanh(double x);
double rl_sigmoid(double x);
#endif
