/* backward-steps.h: the per-step loops of backward.c, included once per instruction set (isa-variants.h: VB, SUF, TGT), so
 * GCC vectorises their element-wise parts with the vectors the add-on chose (gemm_native_isa, which the tests and
 * `--isa avx2` switch). The step norms and column sums stay sequential sums in the JS order (GCC never reassociates
 * floating-point additions without -ffast-math), so every variant gives the same bits. */

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define F(name) CAT(name, SUF)

/* One step of the LSTM gate backward over B rows (pointers at step t's rows): dh += dOut (real rows), then per element
 * dO = dh∗tc, dcn = dc + dh∗o∗(1 − tc²), dI = dcn∗g, dG = dcn∗i, dF = dcn∗c_{t−1}, dc = dcn∗f,
 * dZ = [dI∗i∗(1 − i) | dF∗f∗(1 − f) | dG∗(1 − g²) | dO∗o∗(1 − o)]; padded rows only pass dh, dc on.
 * out = [‖dh‖, ‖dcn‖ (dc at padded rows), any padded row]. tmp: H scratch values. */
TGT static void F(lstm_step)(const double *gates, const double *tanhc, const double *cp, const double *dout, const double *m,
                               double *dh, double *dc, double *dz, double *out, double *tmp, int B, int H) {
  const long G4 = 4L * H;
  double sh = 0, sc = 0;
  int any = 0;
  for (int b = 0; b < B; b++) {
    const long s = (long)b * H;
    double *restrict dhr = dh + s, *restrict dcr = dc + s, *restrict q = dz + b * G4, *restrict dcn_ = tmp;
    if (m != NULL && m[b] == 0) {
      any = 1;
      for (int j = 0; j < H; j++) {
        sh += dhr[j] * dhr[j];
        sc += dcr[j] * dcr[j];
      }
      continue;
    }
    const double *restrict g_ = gates + b * G4, *restrict tcr = tanhc + s, *restrict cpr = cp + s;
    if (dout != NULL) {
      const double *restrict d = dout + s;
      for (int j = 0; j < H; j++) dhr[j] += d[j];
    }
    for (int j = 0; j < H; j++) {
      const double dhj = dhr[j];
      const double i = g_[j], f = g_[H + j], g = g_[2 * H + j], o = g_[3 * H + j];
      const double tc = tcr[j];
      const double dO = dhj * tc;
      const double dcn = dcr[j] + dhj * o * (1 - tc * tc);
      dcn_[j] = dcn;
      const double dI = dcn * g;
      const double dG = dcn * i;
      const double dF = dcn * cpr[j];
      dcr[j] = dcn * f;
      q[j] = dI * i * (1 - i);
      q[H + j] = dF * f * (1 - f);
      q[2 * H + j] = dG * (1 - g * g);
      q[3 * H + j] = dO * o * (1 - o);
    }
    /* the sums in the JS order: element after element, both running across rows */
    for (int j = 0; j < H; j++) {
      sh += dhr[j] * dhr[j];
      sc += dcn_[j] * dcn_[j];
    }
  }
  out[0] = sqrt(sh);
  out[1] = sqrt(sc);
  out[2] = any;
}

/* One step of the GRU gate backward over B rows: dh += dOut (real rows); dN = dh∗(1 − z), dZ = dh∗(h − n), dhPrev = dh∗z,
 * da = dN∗(1 − n²), daz = dZ∗z∗(1 − z) into dG_i's z, n blocks and dG_h's z block; classic: da_n = da (dan != NULL);
 * reset-after: dR = da∗hn, dG_h's n block da∗r, both r blocks dR∗r∗(1 − r). Padded rows only pass dh on. Returns ‖dh‖. */
TGT static double F(gru_step)(const double *r, const double *z, const double *n, const double *hn, const double *hp,
                                 const double *dout, const double *mask, double *dh, double *dhprev, double *dgi, double *dgh,
                                 double *dan, int B, int H) {
  const long G3 = 3L * H, Gh = dan != NULL ? 2L * H : G3;
  double sh = 0;
  for (int b = 0; b < B; b++) {
    const long s = (long)b * H;
    double *restrict dhr = dh + s;
    if (mask != NULL && mask[b] == 0) {
      for (int j = 0; j < H; j++) sh += dhr[j] * dhr[j];
      continue;
    }
    if (dout != NULL) {
      const double *restrict d = dout + s;
      for (int j = 0; j < H; j++) dhr[j] += d[j];
    }
    const double *restrict zr = z + s, *restrict nr = n + s, *restrict hpr = hp + s;
    double *restrict gi = dgi + b * G3, *restrict gh = dgh + b * Gh, *restrict dp = dhprev + s;
    for (int j = 0; j < H; j++) {
      const double dhk = dhr[j], zk = zr[j], nk = nr[j];
      const double dN = dhk * (1 - zk);
      const double dZ = dhk * (hpr[j] - nk);
      dp[j] = dhk * zk;
      const double da = dN * (1 - nk * nk);
      gi[2 * H + j] = da;
      const double daz = dZ * zk * (1 - zk);
      gi[H + j] = daz;
      gh[H + j] = daz;
    }
    if (dan != NULL) {
      memcpy(dan + s, gi + 2 * H, sizeof(double) * H);
    } else {
      const double *restrict rr = r + s, *restrict hnr = hn + s;
      for (int j = 0; j < H; j++) {
        const double da = gi[2 * H + j], rk = rr[j];
        const double dR = da * hnr[j];
        gh[2 * H + j] = da * rk;
        gi[j] = gh[j] = dR * rk * (1 - rk);
      }
    }
    for (int j = 0; j < H; j++) sh += dhr[j] * dhr[j];
  }
  return sqrt(sh);
}

/* One step of the vanilla RNN backward over B rows: dh += dOut (real rows), then dz = dh∗φ'(y) (act 0 tanh: 1 − y², 1 relu:
 * y > 0 ? 1 : 0, 2 sigmoid: y∗(1 − y)), zero at padded rows. Returns ‖dh‖ (summed before φ', element after element). */
TGT static double F(rnn_step)(const double *dout, const double *mask, double *dh, double *dz, const double *y, int t, int B,
                              int H, int act) {
  double s = 0;
  for (int b = 0; b < B; b++) {
    const long o = (long)b * H;
    double *restrict dhr = dh + o, *restrict q = dz + o;
    const double *restrict yr = y + o;
    const int pad = mask != NULL && mask[b] == 0;
    if (dout != NULL && !pad) {
      const double *restrict d = dout + (long)t * B * H + o;
      for (int j = 0; j < H; j++) dhr[j] += d[j];
    }
    for (int j = 0; j < H; j++) s += dhr[j] * dhr[j];
    if (pad) for (int j = 0; j < H; j++) q[j] = 0;
    else if (act == 0) for (int j = 0; j < H; j++) q[j] = dhr[j] * (1 - yr[j] * yr[j]);
    else if (act == 1) for (int j = 0; j < H; j++) q[j] = dhr[j] * (yr[j] > 0 ? 1.0 : 0.0);
    else for (int j = 0; j < H; j++) q[j] = dhr[j] * (yr[j] * (1 - yr[j]));
  }
  return sqrt(s);
}

/* dst[j] += src[r·stride + off + j], r = 0 … N−1 in order (each column's sum in the JS order), j < cols */
TGT static void F(column_sums)(double *restrict dst, const double *restrict src, int N, int cols, long stride, long off) {
  for (int r = 0; r < N; r++) {
    const double *restrict row = src + r * stride + off;
    for (int j = 0; j < cols; j++) dst[j] += row[j];
  }
}

#undef F
