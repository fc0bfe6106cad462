package io.jgrad.examples.arrays;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Dual;
import io.jgrad.runtime.FloatDual;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tables in {@code static final} arrays are read, never differentiated: gradients and JVPs match the
 * closed forms and finite differences, and a pullback uses the elements its forward sweep read, even
 * after someone writes into the array.
 */
class StaticTablesTest {
  private static final double[] X = {0.3, -0.7, 1.1, 0.4};
  private static final double[] RATES = StaticTables.RATES.clone();

  @AfterEach
  void restore() {
    System.arraycopy(RATES, 0, StaticTables.RATES, 0, RATES.length);
  }

  /** The central difference of {@code f} at {@code x} along coordinate {@code i}. */
  private static double difference(ToDoubleFunction<double[]> f, double[] x, int i) {
    double h = 1e-6;
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[i] += h;
    minus[i] -= h;
    return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
  }

  @Test
  void weightsAreReadNotDifferentiated() {
    double[] g = StaticTablesDerivatives.weightedGrad(X);
    for (int i = 0; i < X.length; i++) {
      assertThat(g[i]).isWithin(1e-15).of(2 * StaticTables.W[i] * X[i]);
      assertThat(g[i]).isWithin(1e-7).of(difference(StaticTables::weighted, X, i));
    }
    double[] v = {1.0, -2.0, 0.5, 3.0};
    Dual jvp = StaticTablesDerivatives.weightedJvp(X, v);
    double directional = 0;
    for (int i = 0; i < X.length; i++) {
      directional += g[i] * v[i];
    }
    assertThat(jvp.value()).isWithin(1e-15).of(StaticTables.weighted(X));
    assertThat(jvp.tangent()).isWithin(1e-14).of(directional);
    var vg = StaticTablesDerivatives.weightedValueAndGrad(X);
    assertThat(vg.value()).isWithin(1e-15).of(StaticTables.weighted(X));
    assertThat(vg.grad()).usingTolerance(1e-15).containsExactly(g).inOrder();
  }

  @Test
  void anIntTableAsIndices() {
    double[] g = StaticTablesDerivatives.permutedGrad(X);
    double[] closed = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      int j = StaticTables.IDX[i];
      closed[i] += StaticTables.W[i] * Math.sin(X[j]);
      closed[j] += StaticTables.W[i] * X[i] * Math.cos(X[j]);
    }
    assertThat(g).usingTolerance(1e-14).containsExactly(closed).inOrder();
    for (int i = 0; i < X.length; i++) {
      assertThat(g[i]).isWithin(1e-7).of(difference(StaticTables::permuted, X, i));
    }
    double[] v = {0.0, 1.0, 0.0, 0.0};
    assertThat(StaticTablesDerivatives.permutedJvp(X, v).tangent()).isWithin(1e-14).of(closed[1]);
    assertThat(StaticTablesDerivatives.permutedVjp(X).pullback(2.0)[3]).isWithin(1e-14).of(2 * closed[3]);
  }

  @Test
  void aPolynomialAtOrderTwo() {
    double t = 0.8;
    double[] c = StaticTables.POLY;
    assertThat(StaticTablesDerivatives.cubicGrad(t)).isWithin(1e-14).of(c[1] + 2 * c[2] * t + 3 * c[3] * t * t);
    assertThat(StaticTablesDerivatives.cubicJvp(t, 2.0).tangent())
        .isWithin(1e-14).of(2 * (c[1] + 2 * c[2] * t + 3 * c[3] * t * t));
    assertThat(StaticTablesDerivatives.cubicHessian(t)).isWithin(1e-13).of(2 * c[2] + 6 * c[3] * t);
    assertThat(StaticTablesDerivatives.cubicHvp(t, 0.5)).isWithin(1e-13).of(0.5 * (2 * c[2] + 6 * c[3] * t));
  }

  @Test
  void aFloatTable() {
    float x = 1.25f;
    FloatDual d = StaticTablesDerivatives.scaledJvp(x, 1f);
    assertThat(d.value()).isWithin(1e-6f).of(StaticTables.scaled(x));
    assertThat(d.tangent()).isWithin(1e-6f).of(2 * StaticTables.SCALES[0] * x + StaticTables.SCALES[1]);
    assertThat(StaticTablesDerivatives.scaledGrad(x)).isWithin(1e-6f)
        .of(2 * StaticTables.SCALES[0] * x + StaticTables.SCALES[1]);
  }

  @Test
  void aPullbackUsesTheElementsItsForwardSweepRead() {
    var v = StaticTablesDerivatives.ratedVjp(X);
    var growth = StaticTablesDerivatives.growthVjp(0.5);
    double growthBefore = RATES[1] * Math.exp(RATES[1] * 0.5);
    for (int i = 0; i < RATES.length; i++) {
      StaticTables.RATES[i] = 100.0 + i;
    }
    double[] g = v.pullback(1.0);
    for (int i = 0; i < X.length; i++) {
      assertThat(g[i]).isWithin(1e-15).of(2 * RATES[i] * X[i]);
    }
    assertThat(growth.pullback(1.0)).isWithin(1e-14).of(growthBefore);
    // A sweep that starts after the write reads the new elements.
    assertThat(StaticTablesDerivatives.ratedGrad(X)[2]).isWithin(1e-12).of(2 * 102.0 * X[2]);
  }
}
