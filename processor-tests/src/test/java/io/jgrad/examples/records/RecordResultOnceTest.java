package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordResultOnce.Cartesian;
import io.jgrad.examples.records.RecordResultOnce.Mixed;
import org.junit.jupiter.api.Test;

/** A record result is linearized once: one run of the body, one pullback for all its leaves. */
class RecordResultOnceTest {
  @Test
  void theBodyRunsOncePerVjpAndJvp() {
    RecordResultOnce.runs = 0;
    var vjp = RecordResultOnceDerivatives.cartesianVjp(2.0, 0.5);
    assertThat(RecordResultOnce.runs).isEqualTo(1);
    var g = vjp.pullback(new Cartesian(1.0, 1.0));
    assertThat(RecordResultOnce.runs).isEqualTo(1);
    // d/dr (r cos t + r sin t) = cos t + sin t; d/dt = r (cos t - sin t)
    assertThat(g.r()).isWithin(1e-12).of(Math.cos(0.5) + Math.sin(0.5));
    assertThat(g.t()).isWithin(1e-12).of(2.0 * (Math.cos(0.5) - Math.sin(0.5)));
    RecordResultOnceDerivatives.cartesianJvp(2.0, 0.5, 1.0, 0.0);
    assertThat(RecordResultOnce.runs).isEqualTo(2);
  }

  /** Σ wBar·w + fBar·f + sBar·s: the number whose gradient is the pullback of that cotangent. */
  private static double weighted(double[] x, float k, Mixed bar) {
    Mixed m = RecordResultOnce.mixed(x, k);
    double sum = bar.f() * m.f() + bar.s() * m.s();
    for (int i = 0; i < x.length; i++) {
      sum += bar.w()[i] * m.w()[i];
    }
    return sum;
  }

  @Test
  void floatAndArrayLeavesAgainstFiniteDifferences() {
    double[] x = {0.3, -1.2, 0.8};
    float k = 1.5f;
    Mixed bar = new Mixed(new double[] {0.7, -0.4, 1.1}, 0.9f, -1.3, 0);
    RecordResultOnce.runs = 0;
    var vjp = RecordResultOnceDerivatives.mixedVjp(x, k);
    Mixed value = vjp.value();
    Mixed expected = RecordResultOnce.mixed(x, k);
    assertThat(value.w()).usingTolerance(1e-12).containsExactly(expected.w()).inOrder();
    assertThat(value.f()).isEqualTo(expected.f());
    assertThat(value.s()).isWithin(1e-12).of(expected.s());
    assertThat(value.n()).isEqualTo(3);
    var g = vjp.pullback(bar);
    assertThat(RecordResultOnce.runs).isEqualTo(2);
    // A step large enough that rounding x[0] and k to float does not swamp the central difference.
    double h = 1e-3;
    for (int i = 0; i < x.length; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      double fd = (weighted(up, k, bar) - weighted(down, k, bar)) / (2 * h);
      assertThat(g.x()[i]).isWithin(1e-3).of(fd);
    }
    float hk = 1e-2f;
    double fdK = (weighted(x, k + hk, bar) - weighted(x, k - hk, bar)) / (2 * hk);
    assertThat((double) g.k()).isWithin(1e-3).of(fdK);

    double[] xDot = {1.0, 0.5, -2.0};
    var jvp = RecordResultOnceDerivatives.mixedJvp(x, k, xDot, 0.5f);
    double[] xUp = new double[x.length];
    double[] xDown = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xUp[i] = x[i] + h * xDot[i];
      xDown[i] = x[i] - h * xDot[i];
    }
    // Along (xDot, kDot) the leaves move by the tangent: compare each with central differences.
    Mixed up = RecordResultOnce.mixed(xUp, k + 0.5f * (float) h);
    Mixed down = RecordResultOnce.mixed(xDown, k - 0.5f * (float) h);
    for (int i = 0; i < x.length; i++) {
      assertThat(jvp.tangent().w()[i]).isWithin(1e-3).of((up.w()[i] - down.w()[i]) / (2 * h));
    }
    assertThat(jvp.tangent().s()).isWithin(1e-3).of((up.s() - down.s()) / (2 * h));
    assertThat((double) jvp.tangent().f()).isWithin(1e-6).of(0.5 * x[0] + k * xDot[0]);
    assertThat(jvp.tangent().n()).isEqualTo(3);
  }
}
