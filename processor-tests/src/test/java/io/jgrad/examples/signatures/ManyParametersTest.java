package io.jgrad.examples.signatures;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The 63-parameter function compiles and its derivatives match the closed form. */
class ManyParametersTest {
  private static final int N = 63;

  private static double[] point() {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = Math.sin(i + 1.0);
    }
    return x;
  }

  /** d/dx_k of s x0 x62, with s = sum (i + 1) x_i^2. */
  private static double expected(double[] x, int k) {
    double s = 0;
    for (int i = 0; i < N; i++) {
      s += (i + 1) * x[i] * x[i];
    }
    double d = 2 * (k + 1) * x[k] * x[0] * x[62];
    if (k == 0) {
      d += s * x[62];
    }
    if (k == 62) {
      d += s * x[0];
    }
    return d;
  }

  @Test
  void gradientMatchesClosedForm() {
    double[] x = point();
    var g = ManyParametersDerivatives.weightedGrad(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7],
        x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15], x[16], x[17], x[18], x[19], x[20], x[21],
        x[22], x[23], x[24], x[25], x[26], x[27], x[28], x[29], x[30], x[31], x[32], x[33], x[34],
        x[35], x[36], x[37], x[38], x[39], x[40], x[41], x[42], x[43], x[44], x[45], x[46], x[47],
        x[48], x[49], x[50], x[51], x[52], x[53], x[54], x[55], x[56], x[57], x[58], x[59], x[60],
        x[61], x[62]);
    assertThat(g.x0()).isWithin(1e-9).of(expected(x, 0));
    assertThat(g.x17()).isWithin(1e-9).of(expected(x, 17));
    assertThat(g.x62()).isWithin(1e-9).of(expected(x, 62));
  }

  @Test
  void jvpTakesAllTangents() {
    double[] x = point();
    // The tangent along x0 + 2 x40 + x62.
    double t = ManyParametersDerivatives.weightedJvp(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7],
        x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15], x[16], x[17], x[18], x[19], x[20], x[21],
        x[22], x[23], x[24], x[25], x[26], x[27], x[28], x[29], x[30], x[31], x[32], x[33], x[34],
        x[35], x[36], x[37], x[38], x[39], x[40], x[41], x[42], x[43], x[44], x[45], x[46], x[47],
        x[48], x[49], x[50], x[51], x[52], x[53], x[54], x[55], x[56], x[57], x[58], x[59], x[60],
        x[61], x[62],
        1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0).tangent();
    assertThat(t).isWithin(1e-9).of(expected(x, 0) + 2 * expected(x, 40) + expected(x, 62));
  }
}
