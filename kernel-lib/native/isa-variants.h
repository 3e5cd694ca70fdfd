/* isa-variants.h: includes the header named by TILES once per instruction set, defining VB (vector bytes), SUF (the name
 * suffix of its functions) and TGT (their target attribute): _v128 everywhere, and _avx2, _avx512 with GCC on x86-64
 * (X86_VARIANTS is then defined). Every kernel file lists its variants in this order, and runs the one of index
 * gemm_native_level() (gemm.c). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define X86_VARIANTS 1
#endif

#define VB 16
#define SUF _v128
#define TGT
#include TILES
#undef VB
#undef SUF
#undef TGT

#ifdef X86_VARIANTS
#define VB 32
#define SUF _avx2
#define TGT __attribute__((target("avx2")))
#include TILES
#undef VB
#undef SUF
#undef TGT
#define VB 64
#define SUF _avx512
#define TGT __attribute__((target("avx512f")))
#include TILES
#undef VB
#undef SUF
#undef TGT
#endif
