/* scan-loops.h: the scans of scan.c, included once per instruction set (isa-variants.h: VB, SUF, TGT), so blocks of 8 values
 * run on the vectors the add-on chose (gemm_native_isa). */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

typedef double CAT(v8d, SUF) __attribute__((vector_size(64)));
typedef long long CAT(v8l, SUF) __attribute__((vector_size(64)));
#define v8d CAT(v8d, SUF)
#define v8l CAT(v8l, SUF)

/* x − x is 0 for every finite x and NaN for NaN and ±∞: blocks of 8 are tested at once, the block that fails one by one */
TGT static long CAT(first_non_finite, SUF)(const double *x, long n) {
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
TGT static long CAT(first_outside, SUF)(const double *x, long n, double limit) {
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

#undef v8d
#undef v8l
