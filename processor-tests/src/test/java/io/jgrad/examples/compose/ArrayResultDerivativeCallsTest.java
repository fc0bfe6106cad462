package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that read fJvp(...).tangent() and .value() of functions with a
 * {@code double[]} result, against closed forms and central finite differences of the callers
 * themselves (which run the generated first-order code).
 */
class ArrayResultDerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[] X = {0.4, -1.1, 0.9};
  private static final double[] V = {0.7, 0.2, -1.3};

  /** Central differences of {@code f} at {@code p} along each unit vector. */
  private static double[] central(ToDoubleFunction<double[]> f, double[] p) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[i] += H;
      minus[i] -= H;
      out[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
    }
    return out;
  }

  /** (a, x, v) packed into one vector, for finite differences. */
  private static double[] pack(double a, double[] x, double[] v) {
    double[] p = new double[1 + x.length + v.length];
    p[0] = a;
    System.arraycopy(x, 0, p, 1, x.length);
    System.arraycopy(v, 0, p, 1 + x.length, v.length);
    return p;
  }

  private static double[] slice(double[] p, int from, int n) {
    return java.util.Arrays.copyOfRange(p, from, from + n);
  }

  private static void assertClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).isWithin(tolerance * Math.max(1, Math.abs(expected[i]))).of(expected[i]);
    }
  }

  @Test
  void theTangentReadIntoALocalArray() {
    double a = 0.8;
    var g = ArrayResultDerivativeCallsDerivatives.slopeEnergyGrad(a, X, V);
    double[] fd = central(p -> ArrayResultDerivativeCalls.slopeEnergy(p[0], slice(p, 1, 3), slice(p, 4, 3)),
        pack(a, X, V));
    assertThat(g.a()).isWithin(1e-6).of(fd[0]);
    assertClose(g.x(), slice(fd, 1, 3), 1e-6);
    assertClose(g.v(), slice(fd, 4, 3), 1e-6);
    // tᵢ = xᵢ cos(a xᵢ) + xᵢ² + (a cos(a xᵢ) + 2a xᵢ) vᵢ, and ∂/∂vᵢ Σ t² = 2tᵢ(a cos(a xᵢ) + 2a xᵢ).
    for (int i = 0; i < 3; i++) {
      double c = Math.cos(a * X[i]);
      double t = X[i] * c + X[i] * X[i] + (a * c + 2 * a * X[i]) * V[i];
      assertThat(g.v()[i]).isWithin(1e-12).of(2 * t * (a * c + 2 * a * X[i]));
    }
    double[] u = {0.3, -0.5, 1.1, 0.2, -0.7, 0.4, 0.9};
    double along = ArrayResultDerivativeCallsDerivatives.slopeEnergyJvp(a, X, V, u[0], slice(u, 1, 3),
        slice(u, 4, 3)).tangent();
    double expected = 0;
    for (int i = 0; i < u.length; i++) {
      expected += fd[i] * u[i];
    }
    assertThat(along).isWithin(1e-6).of(expected);
  }

  @Test
  void theTangentReadInPlaceInALoop() {
    double a = -0.6;
    var g = ArrayResultDerivativeCallsDerivatives.slopeAlongGrad(a, X, V);
    double[] fd = central(p -> ArrayResultDerivativeCalls.slopeAlong(p[0], slice(p, 1, 3), slice(p, 4, 3)),
        pack(a, X, V));
    assertThat(g.a()).isWithin(1e-6).of(fd[0]);
    assertClose(g.x(), slice(fd, 1, 3), 1e-6);
    assertClose(g.w(), slice(fd, 4, 3), 1e-6);
    // s = Σ wᵢ (0.5 (xᵢ cos(a xᵢ) + xᵢ²) + (a cos(a xᵢ) + 2a xᵢ) wᵢ).
    for (int i = 0; i < 3; i++) {
      double c = Math.cos(a * X[i]);
      double expected = 0.5 * (X[i] * c + X[i] * X[i]) + 2 * (a * c + 2 * a * X[i]) * V[i];
      assertThat(g.w()[i]).isWithin(1e-12).of(expected);
    }
  }

  @Test
  void theValueAndTheTangentOfAHeldJvp() {
    double a = 1.3;
    var g = ArrayResultDerivativeCallsDerivatives.valueTimesSlopeGrad(a, X, V);
    double[] fd = central(p -> ArrayResultDerivativeCalls.valueTimesSlope(p[0], slice(p, 1, 3), slice(p, 4, 3)),
        pack(a, X, V));
    assertThat(g.a()).isWithin(1e-6).of(fd[0]);
    assertClose(g.x(), slice(fd, 1, 3), 1e-6);
    assertClose(g.v(), slice(fd, 4, 3), 1e-6);
    // ∂/∂vᵢ Σ yᵢ (a cos(a xᵢ) + 2a xᵢ) vᵢ = yᵢ (a cos(a xᵢ) + 2a xᵢ).
    for (int i = 0; i < 3; i++) {
      double c = Math.cos(a * X[i]);
      double y = Math.sin(a * X[i]) + a * X[i] * X[i];
      assertThat(g.v()[i]).isWithin(1e-12).of(y * (a * c + 2 * a * X[i]));
    }
  }

  @Test
  void jacobianColumnsReadInPlaceAndIntoALocal() {
    double t = 0.8;
    double k = -1.4;
    var g = ArrayResultDerivativeCallsDerivatives.speedGrad(t, k);
    // speed = k² sin²(kt) + cos² t + 4k²t².
    double sk = Math.sin(k * t);
    double ck = Math.cos(k * t);
    assertThat(ArrayResultDerivativeCalls.speed(t, k)).isWithin(1e-12)
        .of(k * k * sk * sk + Math.cos(t) * Math.cos(t) + 4 * k * k * t * t);
    assertThat(g.t()).isWithin(1e-12).of(2 * k * k * k * sk * ck - 2 * Math.cos(t) * Math.sin(t) + 8 * k * k * t);
    assertThat(g.k()).isWithin(1e-12).of(2 * k * sk * sk + 2 * k * k * t * sk * ck + 8 * k * t * t);
    double fd = (ArrayResultDerivativeCalls.speed(t, k + H) - ArrayResultDerivativeCalls.speed(t, k - H)) / (2 * H);
    assertThat(g.k()).isWithin(1e-6).of(fd);
    for (double x : new double[] {-0.7, 0.3, 2.1}) {
      assertThat(ArrayResultDerivativeCallsDerivatives.circleSlopeGrad(x)).isWithin(1e-12)
          .of(-Math.sin(x) - x * Math.cos(x));
      assertThat(ArrayResultDerivativeCallsDerivatives.circleSlopeJvp(x, 2).tangent()).isWithin(1e-12)
          .of(2 * (-Math.sin(x) - x * Math.cos(x)));
    }
  }

  @Test
  void aRuleTangentIsDifferentiatedAsWritten() {
    double[] c = {1.5, -0.4, 2.0};
    var g = ArrayResultDerivativeCallsDerivatives.ruleSlopeGrad(X, V, c);
    // s = Σ cᵢ (3 xᵢ vᵢ)², whatever the value's own derivative (2xᵢ).
    for (int i = 0; i < 3; i++) {
      assertThat(g.x()[i]).isWithin(1e-12).of(18 * c[i] * X[i] * V[i] * V[i]);
      assertThat(g.v()[i]).isWithin(1e-12).of(18 * c[i] * X[i] * X[i] * V[i]);
      assertThat(g.c()[i]).isWithin(1e-12).of(9 * X[i] * X[i] * V[i] * V[i]);
    }
    double[] dx = {0.2, 0.1, -0.3};
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected += 18 * c[i] * X[i] * V[i] * V[i] * dx[i];
    }
    assertThat(ArrayResultDerivativeCallsDerivatives.ruleSlopeJvp(X, V, c, dx, new double[3], new double[3])
        .tangent()).isWithin(1e-12).of(expected);
  }
}
