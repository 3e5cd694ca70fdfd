/* clones.h: CLONES compiles a plain C function once per instruction set (AVX-512, AVX2, baseline) and picks one at load
 * (GCC's target_clones, on x86-64 Linux), so loops GCC vectorises use the widest vectors the CPU has; elsewhere it is empty. */
#ifndef RNNLAB_CLONES_H
#define RNNLAB_CLONES_H
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif
#endif
