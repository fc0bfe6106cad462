package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Dual;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that call fJvp, fGrad and fValueAndGrad of functions of a {@code double[]},
 * against closed forms and central finite differences of the callers themselves (which run the
 * generated first-order code).
 */
class ArrayDerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[][] A = {{2, 0.5, 0}, {0.5, 3, -1}, {0, -1, 4}};
  private static final double[] B = {1, -2, 0.5};

  /** Central differences of {@code f} at {@code x} along each unit vector. */
  private static double[] central(ToDoubleFunction<double[]> f, double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += H;
      minus[i] -= H;
      out[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
    }
    return out;
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * v[j];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void assertClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).isWithin(tolerance).of(expected[i]);
    }
  }

  /** Rosenbrock's gradient, written by hand. */
  private static double[] rosenbrockGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  /** Rosenbrock's Hessian times v, written by hand (tridiagonal). */
  private static double[] rosenbrockHv(double[] x, double[] v) {
    double[] out = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      double hij = -400 * x[i];
      out[i] += hii * v[i] + hij * v[i + 1];
      out[i + 1] += hij * v[i] + 200 * v[i + 1];
    }
    return out;
  }

  @Test
  void gradientOfTheQuadraticAfterAStepHasItsClosedForm() {
    for (double[] w : new double[][] {{0.3, -0.8, 1.2}, {-1.1, 0.4, 0.0}, {2.0, 1.5, -0.7}}) {
      // w1 = w - 0.1 (Aw + b); d/dw L(w1) = (I - 0.1A)ᵀ (A w1 + b), A symmetric.
      double[] g = times(A, w);
      double[] w1 = new double[3];
      for (int i = 0; i < 3; i++) {
        w1[i] = w[i] - 0.1 * (g[i] + B[i]);
      }
      double[] g1 = times(A, w1);
      double[] expected = new double[3];
      for (int i = 0; i < 3; i++) {
        g1[i] += B[i];
      }
      for (int i = 0; i < 3; i++) {
        expected[i] = g1[i] - 0.1 * times(A, g1)[i];
      }
      assertClose(ArrayDerivativeCallsDerivatives.quadraticAfterStepGrad(w), expected, 1e-12);
      assertClose(ArrayDerivativeCallsDerivatives.quadraticAfterStepGrad(w),
          central(ArrayDerivativeCalls::quadraticAfterStep, w), 1e-6);
      double[] v = {0.7, -0.2, 1.3};
      Dual d = ArrayDerivativeCallsDerivatives.quadraticAfterStepJvp(w, v);
      assertThat(d.value()).isWithin(1e-12).of(ArrayDerivativeCalls.quadraticAfterStep(w));
      assertThat(d.tangent()).isWithin(1e-12).of(dot(expected, v));
      assertClose(ArrayDerivativeCallsDerivatives.quadraticAfterStepVjp(w).pullback(2.5),
          new double[] {2.5 * expected[0], 2.5 * expected[1], 2.5 * expected[2]}, 1e-12);
    }
  }

  @Test
  void aPullbackArrayAlongAnInputDependentCotangent() {
    double[] w = {0.3, -0.8, 1.2};
    double[] fd = central(ArrayDerivativeCalls::pulled, w);
    // p = s·(Aw + b) with s = Σw: ∂p/∂w = (Aw + b)·1ᵀ + s·A, and the caller is p₀p₁ + p₂.
    double s = w[0] + w[1] + w[2];
    double[] g = times(A, w);
    for (int i = 0; i < 3; i++) {
      g[i] += B[i];
    }
    double[] expected = new double[3];
    for (int j = 0; j < 3; j++) {
      double dp0 = g[0] + s * A[0][j];
      double dp1 = g[1] + s * A[1][j];
      double dp2 = g[2] + s * A[2][j];
      expected[j] = dp0 * s * g[1] + s * g[0] * dp1 + dp2;
    }
    assertClose(ArrayDerivativeCallsDerivatives.pulledGrad(w), expected, 1e-12);
    assertClose(ArrayDerivativeCallsDerivatives.pulledGrad(w), fd, 1e-6);
    double[] v = {0.4, 1.0, -0.6};
    assertThat(ArrayDerivativeCallsDerivatives.pulledJvp(w, v).tangent()).isWithin(1e-12).of(dot(expected, v));
  }

  @Test
  void rosenbrockInnerStepAgainstFiniteDifferences() {
    double[] w = {0.7, -1.3, 0.4, 1.1, -0.2};
    double lr = 5e-4;
    ArrayDerivativeCallsDerivatives.RosenbrockAfterStepGrad g =
        ArrayDerivativeCallsDerivatives.rosenbrockAfterStepGrad(w, lr);
    double[] fd = central(x -> ArrayDerivativeCalls.rosenbrockAfterStep(x, lr), w);
    for (int i = 0; i < w.length; i++) {
      assertThat(g.w()[i]).isWithin(1e-5 * Math.max(1, Math.abs(fd[i]))).of(fd[i]);
    }
    // The loss is steep in lr (|∇f|² ~ 10⁵ scales its curvature): a smaller step keeps the truncation small.
    double hLr = 1e-8;
    double fdLr = (ArrayDerivativeCalls.rosenbrockAfterStep(w, lr + hLr)
        - ArrayDerivativeCalls.rosenbrockAfterStep(w, lr - hLr)) / (2 * hLr);
    assertThat(g.lr()).isWithin(1e-5 * Math.abs(fdLr)).of(fdLr);
    // d/dlr f(w - lr ∇f(w)) = -∇f(w1)·∇f(w), in closed form.
    double[] g0 = rosenbrockGradient(w);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - lr * g0[i];
    }
    assertThat(g.lr()).isWithin(1e-9 * Math.abs(g.lr())).of(-dot(rosenbrockGradient(w1), g0));
    double[] v = {0.3, 1.1, -0.8, 0.5, 0.9};
    assertThat(ArrayDerivativeCallsDerivatives.rosenbrockAfterStepJvp(w, lr, v, 0.4).tangent())
        .isWithin(1e-9 * Math.abs(g.lr())).of(dot(g.w(), v) + 0.4 * g.lr());
  }

  @Test
  void theTangentAlongAnArrayDirection() {
    double[] w = {0.7, -1.3, 0.4, 1.1, -0.2};
    double[] v = {0.3, 1.1, -0.8, 0.5, 0.9};
    assertThat(ArrayDerivativeCalls.rosenbrockSlope(w, v)).isWithin(1e-9).of(dot(rosenbrockGradient(w), v));
    ArrayDerivativeCallsDerivatives.RosenbrockSlopeGrad g = ArrayDerivativeCallsDerivatives.rosenbrockSlopeGrad(w, v);
    assertClose(g.w(), rosenbrockHv(w, v), 1e-9);
    assertClose(g.v(), rosenbrockGradient(w), 1e-9);
    assertClose(g.w(), central(x -> ArrayDerivativeCalls.rosenbrockSlope(x, v), w), 1e-4);
    double[] u = {-0.5, 0.2, 0.6, -1.0, 0.1};
    double[] c = {1.0, 0.0, -0.3, 0.2, 0.7};
    assertThat(ArrayDerivativeCallsDerivatives.rosenbrockSlopeJvp(w, v, u, c).tangent())
        .isWithin(1e-9).of(dot(rosenbrockHv(w, v), u) + dot(rosenbrockGradient(w), c));
  }

  @Test
  void theTangentCallerAtOrderTwo() {
    double[] w = {0.7, -1.3, 0.4, 1.1, -0.2};
    double[] v = {0.3, 1.1, -0.8, 0.5, 0.9};
    double[] u = {-0.5, 0.2, 0.6, -1.0, 0.1};
    double[] c = {1.0, 0.0, -0.3, 0.2, 0.7};
    // H·(u, c) of slope2 against central differences of its generated gradient along (u, c).
    ArrayDerivativeCallsDerivatives.RosenbrockSlope2Grad hv =
        ArrayDerivativeCallsDerivatives.rosenbrockSlope2Hvp(w, v, u, c);
    double[] wp = w.clone();
    double[] wm = w.clone();
    double[] vp = v.clone();
    double[] vm = v.clone();
    for (int i = 0; i < w.length; i++) {
      wp[i] += H * u[i];
      wm[i] -= H * u[i];
      vp[i] += H * c[i];
      vm[i] -= H * c[i];
    }
    ArrayDerivativeCallsDerivatives.RosenbrockSlope2Grad plus =
        ArrayDerivativeCallsDerivatives.rosenbrockSlope2Grad(wp, vp);
    ArrayDerivativeCallsDerivatives.RosenbrockSlope2Grad minus =
        ArrayDerivativeCallsDerivatives.rosenbrockSlope2Grad(wm, vm);
    for (int i = 0; i < w.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-4).of((plus.w()[i] - minus.w()[i]) / (2 * H));
      assertThat(hv.v()[i]).isWithin(1e-4).of((plus.v()[i] - minus.v()[i]) / (2 * H));
    }
    // The v-block's product with c is zero (slope is linear in v), its w-v block H itself: hv.v = H·u.
    assertClose(hv.v(), rosenbrockHv(w, u), 1e-9);
  }

  @Test
  void heldResultsAgainstFiniteDifferences() {
    double[] w = {0.2, -0.4, 0.9};
    double[] v = {0.5, 0.1, -0.3};
    ArrayDerivativeCallsDerivatives.HeldGrad g = ArrayDerivativeCallsDerivatives.heldGrad(w, v);
    double[] fdW = central(x -> ArrayDerivativeCalls.held(x, v), w);
    double[] fdV = central(x -> ArrayDerivativeCalls.held(w, x), v);
    for (int i = 0; i < w.length; i++) {
      assertThat(g.w()[i]).isWithin(1e-5 * Math.max(1, Math.abs(fdW[i]))).of(fdW[i]);
      assertThat(g.v()[i]).isWithin(1e-5 * Math.max(1, Math.abs(fdV[i]))).of(fdV[i]);
    }
    double[] u = {1.0, -0.5, 0.25};
    double[] c = {0.0, 0.3, 0.6};
    assertThat(ArrayDerivativeCallsDerivatives.heldJvp(w, v, u, c).tangent())
        .isWithin(1e-9 * (1 + Math.abs(dot(g.w(), u)))).of(dot(g.w(), u) + dot(g.v(), c));
  }

  @Test
  void aStepThroughACustomRuleDifferentiatesTheRulesGradientAsWritten() {
    for (double[] w : new double[][] {{0.6, -1.2}, {1.5, 0.3}}) {
      // The rule's gradient r(u) = (2u₁, 3u₀) has Jacobian J = [[0, 2], [3, 0]]; w1 = w - 0.25 r(w),
      // and JAX's gradient of tilted(w1) is (I - 0.25J)ᵀ r(w1): J's transpose, not J.
      double[] w1 = {w[0] - 0.25 * 2 * w[1], w[1] - 0.25 * 3 * w[0]};
      double[] r1 = {2 * w1[1], 3 * w1[0]};
      double[] expected = {r1[0] - 0.75 * r1[1], -0.5 * r1[0] + r1[1]};
      assertClose(ArrayDerivativeCallsDerivatives.tiltedAfterStepGrad(w), expected, 1e-12);
      double[] v = {0.8, -0.4};
      // Forward mode: r(w1)·((I - 0.25J)·v).
      double[] stepped = {v[0] - 0.5 * v[1], v[1] - 0.75 * v[0]};
      assertThat(ArrayDerivativeCallsDerivatives.tiltedAfterStepJvp(w, v).tangent())
          .isWithin(1e-12).of(dot(r1, stepped));
    }
  }

  @Test
  void aGradientWhoseTangentHasNoReverseModeIsPulledBackElementByElement() {
    double[] w = {0.75, -1.5};
    // g = (w₁² + 2w₀, 2w₀w₁); d(g₀g₁)/dw₀ = 2·g₁ + g₀·2w₁, d(g₀g₁)/dw₁ = 2w₁·g₁ + g₀·2w₀ (float-exact inputs).
    double g0 = w[1] * w[1] + 2 * w[0];
    double g1 = 2 * w[0] * w[1];
    assertClose(ArrayDerivativeCallsDerivatives.throughFloatProductGrad(w),
        new double[] {2 * g1 + g0 * 2 * w[1], 2 * w[1] * g1 + g0 * 2 * w[0]}, 1e-6);
    double[] v = {0.5, 0.25};
    assertThat(ArrayDerivativeCallsDerivatives.throughFloatProductJvp(w, v).tangent())
        .isWithin(1e-6).of((2 * g1 + g0 * 2 * w[1]) * v[0] + (2 * w[1] * g1 + g0 * 2 * w[0]) * v[1]);
  }

  @Test
  void theGradientReadInPlaceHasItsClosedForm() {
    for (double[] w : new double[][] {{0.3, -0.8, 1.2}, {-1.1, 0.4, 0.0}, {2.0, 1.5, -0.7}}) {
      // g = Aw + b; s = Σ gᵢwᵢ² + g₀w₁g₂: ∂s/∂wⱼ = Σᵢ Aᵢⱼwᵢ² + 2gⱼwⱼ + A₀ⱼw₁g₂ + g₀(δ₁ⱼg₂ + w₁A₂ⱼ).
      double[] g = times(A, w);
      for (int i = 0; i < 3; i++) {
        g[i] += B[i];
      }
      double[] expected = new double[3];
      for (int j = 0; j < 3; j++) {
        for (int i = 0; i < 3; i++) {
          expected[j] += A[i][j] * w[i] * w[i];
        }
        expected[j] += 2 * g[j] * w[j] + A[0][j] * w[1] * g[2] + g[0] * ((j == 1 ? g[2] : 0) + w[1] * A[2][j]);
      }
      assertThat(ArrayDerivativeCalls.quadraticInPlace(w))
          .isWithin(1e-12).of(g[0] * w[0] * w[0] + g[1] * w[1] * w[1] + g[2] * w[2] * w[2] + g[0] * w[1] * g[2]);
      assertClose(ArrayDerivativeCallsDerivatives.quadraticInPlaceGrad(w), expected, 1e-12);
      assertClose(ArrayDerivativeCallsDerivatives.quadraticInPlaceGrad(w),
          central(ArrayDerivativeCalls::quadraticInPlace, w), 1e-6);
      double[] v = {0.7, -0.2, 1.3};
      assertThat(ArrayDerivativeCallsDerivatives.quadraticInPlaceJvp(w, v).tangent())
          .isWithin(1e-12).of(dot(expected, v));
    }
  }

  @Test
  void theRulesGradientReadInPlaceIsDifferentiatedAsWritten() {
    double[] w = {0.6, -1.2};
    // r(w) = (2w₁, 3w₀), J = [[0, 2], [3, 0]]: ∇(r(w)·w) = Jᵀw + r(w) = (5w₁, 5w₀); J·w + r would give (4w₁, 6w₀).
    double[] expected = {5 * w[1], 5 * w[0]};
    assertClose(ArrayDerivativeCallsDerivatives.tiltedInPlaceGrad(w), expected, 1e-12);
    double[] v = {0.8, -0.4};
    assertThat(ArrayDerivativeCallsDerivatives.tiltedInPlaceJvp(w, v).tangent()).isWithin(1e-12).of(dot(expected, v));
  }

  /** ∇F(w, b) of mixed = quadratic(w) + b(w₀ - w₂) + b³/3, by hand: (Aw + b_vec + b·c, c·w + b²). */
  private static double[] mixedGradient(double[] w, double b) {
    double[] g = times(A, w);
    double[] c = {1, 0, -1};
    double[] out = new double[4];
    for (int i = 0; i < 3; i++) {
      out[i] = g[i] + B[i] + b * c[i];
    }
    out[3] = w[0] - w[2] + b * b;
    return out;
  }

  @Test
  void aGradientStepInAnArrayAndANumberHasItsClosedForm() {
    double[] c = {1, 0, -1};
    for (double[] x : new double[][] {{0.3, -0.8, 1.2, 0.5}, {-1.1, 0.4, 0.0, -0.9}}) {
      double[] w = {x[0], x[1], x[2]};
      double b = x[3];
      // (w1, b1) = (w, b) - 0.1 ∇F; the gradient is (I - 0.1 H)ᵀ ∇F(w1, b1), H = [[A, c], [cᵀ, 2b]].
      double[] g = mixedGradient(w, b);
      double[] w1 = {w[0] - 0.1 * g[0], w[1] - 0.1 * g[1], w[2] - 0.1 * g[2]};
      double[] g1 = mixedGradient(w1, b - 0.1 * g[3]);
      double[] expected = new double[4];
      for (int j = 0; j < 4; j++) {
        double hg = 0;
        for (int i = 0; i < 4; i++) {
          double hij = i < 3 && j < 3 ? A[i][j] : i < 3 ? c[i] : j < 3 ? c[j] : 2 * b;
          hg += hij * g1[i];
        }
        expected[j] = g1[j] - 0.1 * hg;
      }
      ArrayDerivativeCallsDerivatives.MixedAfterStepGrad grad = ArrayDerivativeCallsDerivatives.mixedAfterStepGrad(w, b);
      assertClose(grad.w(), new double[] {expected[0], expected[1], expected[2]}, 1e-12);
      assertThat(grad.b()).isWithin(1e-12).of(expected[3]);
      assertClose(grad.w(), central(y -> ArrayDerivativeCalls.mixedAfterStep(y, b), w), 1e-6);
      double fdB = (ArrayDerivativeCalls.mixedAfterStep(w, b + H) - ArrayDerivativeCalls.mixedAfterStep(w, b - H))
          / (2 * H);
      assertThat(grad.b()).isWithin(1e-6).of(fdB);
      double[] v = {0.7, -0.2, 1.3};
      assertThat(ArrayDerivativeCallsDerivatives.mixedAfterStepJvp(w, b, v, -0.6).tangent())
          .isWithin(1e-12).of(dot(grad.w(), v) - 0.6 * grad.b());
    }
  }

  @Test
  void componentsReadInPlaceHeldAndPulledBackAgainstFiniteDifferences() {
    double[] w = {0.3, -0.8, 1.2};
    double b = 0.7;
    double[] g = mixedGradient(w, b);
    assertThat(ArrayDerivativeCalls.mixedInPlace(w, b))
        .isWithin(1e-12).of(g[0] * w[0] + g[1] * w[1] + g[2] * w[2] + b * w[1] * g[3]);
    ArrayDerivativeCallsDerivatives.MixedInPlaceGrad grad = ArrayDerivativeCallsDerivatives.mixedInPlaceGrad(w, b);
    assertClose(grad.w(), central(y -> ArrayDerivativeCalls.mixedInPlace(y, b), w), 1e-6);
    double fdB = (ArrayDerivativeCalls.mixedInPlace(w, b + H) - ArrayDerivativeCalls.mixedInPlace(w, b - H)) / (2 * H);
    assertThat(grad.b()).isWithin(1e-6).of(fdB);
    double[] v = {0.4, 1.0, -0.6};
    assertThat(ArrayDerivativeCallsDerivatives.mixedInPlaceJvp(w, b, v, 0.3).tangent())
        .isWithin(1e-12).of(dot(grad.w(), v) + 0.3 * grad.b());
  }

  @Test
  void aRuleOverTwoArraysIsDifferentiatedAsWritten() {
    double[] a = {0.6, -1.1};
    double[] b = {-0.4, 2.0};
    // r(a, b)·(a, b) = 2b₀a₀ + 3a₀b₀; its gradient is Jᵀ(a, b) + r = (3b₀ + 2b₀, 2a₀ + 3a₀) in the first
    // elements (J·(a, b) + r would give (4b₀, 6a₀)).
    ArrayDerivativeCallsDerivatives.TiltedPairInPlaceGrad grad =
        ArrayDerivativeCallsDerivatives.tiltedPairInPlaceGrad(a, b);
    assertClose(grad.a(), new double[] {5 * b[0], 0}, 1e-12);
    assertClose(grad.b(), new double[] {5 * a[0], 0}, 1e-12);
    assertThat(ArrayDerivativeCallsDerivatives.tiltedPairInPlaceJvp(a, b, new double[] {1, 2}, new double[] {-1, 3})
        .tangent()).isWithin(1e-12).of(5 * b[0] - 5 * a[0]);
  }

  @Test
  void componentsWhoseTangentHasNoReverseModeArePulledBackElementByElement() {
    double[] w = {0.75, 0.5};
    double b = 0.5;
    // ∂f/∂w₀ = b(2w₀ + w₁) = b·u, ∂f/∂b = w₀(w₀ + w₁) = q; P = b·u·q (float-exact inputs).
    double u = 2 * w[0] + w[1];
    double q = w[0] * (w[0] + w[1]);
    ArrayDerivativeCallsDerivatives.FloatMixedProductGrad g = ArrayDerivativeCallsDerivatives.floatMixedProductGrad(w, b);
    assertClose(g.w(), new double[] {b * (2 * q + u * u), b * (q + u * w[0])}, 1e-6);
    assertThat(g.b()).isWithin(1e-6).of(u * q);
    assertThat(ArrayDerivativeCallsDerivatives.floatMixedProductJvp(w, b, new double[] {1, -1}, 2).tangent())
        .isWithin(1e-6).of(b * (2 * q + u * u) - b * (q + u * w[0]) + 2 * u * q);
  }

  @Test
  void aFloatArrayFunctionsGradientIsAFloatArray() {
    float[] w = {0.75f, -1.5f};
    // f = w₀²w₁ + 2w₁²: g = (2w₀w₁, w₀² + 4w₁), H = [[2w₁, 2w₀], [2w₀, 4]] (float-exact inputs).
    double[][] h = {{2 * w[1], 2 * w[0]}, {2 * w[0], 4}};
    double[] g = {2 * w[0] * w[1], w[0] * w[0] + 4 * w[1]};
    double[] w1 = {w[0] - 0.125 * g[0], w[1] - 0.125 * g[1]};
    double[] g1 = {2 * w1[0] * w1[1], w1[0] * w1[0] + 4 * w1[1]};
    double[] expected = new double[2];
    for (int j = 0; j < 2; j++) {
      // (I - 0.125H)ᵀ∇f(w1) + ∇(0.5 g₀g₁) = ... + 0.5(g₁H₀ⱼ + g₀H₁ⱼ).
      expected[j] = g1[j] - 0.125 * (h[0][j] * g1[0] + h[1][j] * g1[1]) + 0.5 * (g[1] * h[0][j] + g[0] * h[1][j]);
    }
    float[] grad = ArrayDerivativeCallsDerivatives.floatStepGrad(w);
    assertThat(grad[0]).isWithin(1e-5f).of((float) expected[0]);
    assertThat(grad[1]).isWithin(1e-5f).of((float) expected[1]);
    float[] v = {0.5f, -0.25f};
    float[] hv = ArrayDerivativeCallsDerivatives.floatSlopeGrad(w, v).w();
    assertThat(hv[0]).isWithin(1e-6f).of((float) (h[0][0] * v[0] + h[0][1] * v[1]));
    assertThat(hv[1]).isWithin(1e-6f).of((float) (h[1][0] * v[0] + h[1][1] * v[1]));
  }
}
