/* gemm-tiles-tb.h: the float64 A·Bᵀ tiles of gemm.c (included by gemm-tiles.h once per instruction set), blocked for the caches.
 * (float32 A·Bᵀ sums each element in increasing k like A·B: gemm.c packs op(B) in float32 panels for seq32.)
 * op(B) = Bᵀ arrives packed by gemm.c in panels: panel p holds the columns [p·P, p·P + P) of op(B) as [K, P] rows (P = the
 * tile's width, zero past the last column), so a tile reads its panel contiguously and one panel serves, from the L1 cache,
 * every row tile of a block of A's rows (as many as fit in about 256 KiB, so the block stays in L2 while all panels pass).
 * Each element keeps the arithmetic of its WebAssembly twin (dotvec in gemm-tiles.wat): blocking and panels
 * change which elements are computed together, never the order of an element's additions. */

#if VB == 64
#define NE 2 /* vectors per row of an eo64 tile, two accumulators each */
#define R64 4 /* rows per eo64 tile: 4 × 2 × 2 accumulators of the 32 vector registers */
#else /* 16 vector registers, 12 accumulators: eo64 3 rows × 2 vectors (AVX2 W3 9 % and 128-bit 17 % faster than 4 × 1) */
#define NE 2
#define R64 3
#endif
#define P64 (NE * L64) /* the float64 panel width */
enum { CAT(p64_width, SUF) = P64 };

/* rows of A per block: a multiple of `tile` rows whose `rowBytes` each fit in about 256 KiB (at least one tile) */
static inline int CAT(row_block, SUF)(long rowBytes, int tile) {
  const long rows = (256L * 1024 / (rowBytes > 0 ? rowBytes : 1)) / tile * tile;
  return rows > tile ? (rows < (1 << 20) ? (int)rows : 1 << 20) : tile;
}

/* one eo64 tile: rows a[r·K + k] (r < R) times one panel bp [K, P64]; even and odd k summed apart from 0, s = E + O, then
 * + a(r, K−1)·b(K−1) when K is odd, then C (+)= s for the first w columns (c: the tile's corner, row stride ldc) */
TGT static inline __attribute__((always_inline)) void CAT(eo64_tile, SUF)(const int R, int K, const double *a, const double *bp,
                                                                          double *c, long ldc, int acc, int w) {
  VD e[R64][NE], o[R64][NE];
  for (int r = 0; r < R; r++) for (int q = 0; q < NE; q++) { e[r][q] = (VD){0}; o[r][q] = (VD){0}; }
  const int K2 = K & ~1;
  const double *b = bp;
  for (int k = 0; k < K2; k += 2, b += 2 * P64) {
    VD b0[NE], b1[NE];
    for (int q = 0; q < NE; q++) { b0[q] = CAT(ldd, SUF)(b + q * L64); b1[q] = CAT(ldd, SUF)(b + P64 + q * L64); }
    for (int r = 0; r < R; r++) {
      const VD x0 = CAT(bcd, SUF)(a[r * (long)K + k]), x1 = CAT(bcd, SUF)(a[r * (long)K + k + 1]);
      for (int q = 0; q < NE; q++) { e[r][q] = e[r][q] + x0 * b0[q]; o[r][q] = o[r][q] + x1 * b1[q]; }
    }
  }
  for (int r = 0; r < R; r++) for (int q = 0; q < NE; q++) {
    VD s = e[r][q] + o[r][q];
    if (K & 1) s = s + CAT(bcd, SUF)(a[r * (long)K + K - 1]) * CAT(ldd, SUF)(bp + (long)(K - 1) * P64 + q * L64);
    double *out = c + r * ldc + q * L64;
    const int n = w - q * L64;
    if (n >= L64) CAT(std_, SUF)(out, acc ? CAT(ldd, SUF)(out) + s : s);
    else if (n > 0) CAT(stn, SUF)(out, s, acc, n);
  }
}

/* eo64: dotvec's arithmetic for C = A·Bᵀ over rows i < M and columns j < Ncols: A [M, K] rows, Bp op(B) in P64-wide panels. */
TGT static void CAT(eo64, SUF)(int M, int Ncols, int K, const double *A, const double *Bp, double *C, long ldc, int acc) {
  const int panels = (Ncols + P64 - 1) / P64;
  const int MB = CAT(row_block, SUF)((long)K * 8, R64);
  for (int i0 = 0; i0 < M; i0 += MB) {
    const int i1 = i0 + MB < M ? i0 + MB : M;
    for (int p = 0; p < panels; p++) {
      const double *bp = Bp + (long)p * K * P64;
      const int j = p * P64, w = Ncols - j < P64 ? Ncols - j : P64;
      int i = i0;
      for (; i + R64 <= i1; i += R64) CAT(eo64_tile, SUF)(R64, K, A + (long)i * K, bp, C + i * ldc + j, ldc, acc, w);
      for (; i < i1; i++) CAT(eo64_tile, SUF)(1, K, A + (long)i * K, bp, C + i * ldc + j, ldc, acc, w);
    }
  }
}

/* rowsbt64: the edge loop's arithmetic (edge64 in gemm.c: s = Σ_k a(i, k)·B[j, k] from 0 in increasing k, then C (+)= s) for
 * C = A·Bᵀ over rows i < M and columns j < N, B stored [N, K] (unpacked): rows one at a time (batch-1 products such as a
 * decoder's output layer, and the rows below the last tile of either precision), each lane of a vector one column, its values gathered from
 * one row of B; four vectors of columns in flight, so four chains of additions overlap. */
TGT static void CAT(rowsbt64, SUF)(int M, int N, int K, const double *A, const double *B, double *C, long ldc, int acc) {
  for (int i = 0; i < M; i++) {
    const double *a = A + (long)i * K;
    double *c = C + (long)i * ldc;
    int j = 0;
    for (; j + 4 * L64 <= N; j += 4 * L64) {
      VD s[4] = {{0}, {0}, {0}, {0}};
      const double *b = B + (long)j * K;
      for (int k = 0; k < K; k++) {
        const VD x = CAT(bcd, SUF)(a[k]);
        for (int q = 0; q < 4; q++) {
          VD bv;
          for (int l = 0; l < L64; l++) bv[l] = b[(long)(q * L64 + l) * K + k];
          s[q] = s[q] + x * bv;
        }
      }
      for (int q = 0; q < 4; q++) {
        double *o = c + j + q * L64;
        CAT(std_, SUF)(o, acc ? CAT(ldd, SUF)(o) + s[q] : s[q]);
      }
    }
    for (; j < N; j++) {
      double t = 0;
      for (int k = 0; k < K; k++) t += a[k] * B[(long)j * K + k];
      c[j] = acc ? c[j] + t : t;
    }
  }
}

#undef NE
#undef R64
#undef P64
