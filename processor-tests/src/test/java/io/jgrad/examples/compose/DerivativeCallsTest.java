package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that call fJvp, fGrad, fValueAndGrad and fVjp, against closed forms and
 * central finite differences of the functions themselves (which run the generated first-order code).
 */
class DerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[] XS = {-1.3, 0.4, 0.9, 2.2};

  private static double central(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  private static double[] central(DoubleBinaryOperator f, double x, double y) {
    return new double[] {(f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H),
        (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H)};
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void jvpOfJvpIsTheSecondDerivative() {
    for (double x : XS) {
      double second = 2 * Math.cos(x) - x * Math.sin(x);
      assertThat(DerivativeCalls.slope(x)).isWithin(1e-12).of(Math.sin(x) + x * Math.cos(x));
      assertThat(DerivativeCallsDerivatives.slopeGrad(x)).isWithin(1e-12).of(second);
      assertThat(DerivativeCallsDerivatives.slopeJvp(x, 0.7).tangent()).isWithin(1e-12).of(0.7 * second);
      assertThat(DerivativeCallsDerivatives.slopeJvp(x, 0.7).value()).isWithin(1e-12).of(DerivativeCalls.slope(x));
    }
  }

  @Test
  void theJvpsValueAndTangentAlongAnInputDependentDirection() {
    for (double x : XS) {
      double fd = central(DerivativeCalls::jvpParts, x);
      assertThat(DerivativeCallsDerivatives.jvpPartsGrad(x)).isWithin(1e-6).of(fd);
      assertThat(DerivativeCallsDerivatives.jvpPartsJvp(x, 1).tangent()).isWithin(1e-6).of(fd);
    }
  }

  @Test
  void gradientOfTheLossAfterAGradientStep() {
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 0.2}}) {
      double w = p[0];
      double b = p[1];
      // Closed form: d/dθ L(θ - 0.1 ∇L(θ)) = (I - 0.1 H(θ)) ∇L(θ1), H symmetric.
      double e = Math.exp(w * b);
      double gw = b * e + 2 * w;
      double gb = w * e;
      double w1 = w - 0.1 * gw;
      double b1 = b - 0.1 * gb;
      double e1 = Math.exp(w1 * b1);
      double g1w = b1 * e1 + 2 * w1;
      double g1b = w1 * e1;
      double hww = b * b * e + 2;
      double hwb = e * (1 + w * b);
      double hbb = w * w * e;
      DerivativeCallsDerivatives.AfterStepGrad g = DerivativeCallsDerivatives.afterStepGrad(w, b);
      assertThat(g.w()).isWithin(1e-10).of((1 - 0.1 * hww) * g1w - 0.1 * hwb * g1b);
      assertThat(g.b()).isWithin(1e-10).of(-0.1 * hwb * g1w + (1 - 0.1 * hbb) * g1b);
      double[] fd = central(DerivativeCalls::afterStep, w, b);
      assertThat(g.w()).isWithin(1e-6).of(fd[0]);
      assertThat(g.b()).isWithin(1e-6).of(fd[1]);
      assertThat(DerivativeCallsDerivatives.afterStepJvp(w, b, 0.4, -1.5).tangent())
          .isWithin(1e-10).of(0.4 * g.w() - 1.5 * g.b());
    }
  }

  @Test
  void gradientThroughGradientStepsInALoop() {
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 0.2}}) {
      double[] fd = central(DerivativeCalls::afterSteps, p[0], p[1]);
      DerivativeCallsDerivatives.AfterStepsGrad g = DerivativeCallsDerivatives.afterStepsGrad(p[0], p[1]);
      assertThat(g.w()).isWithin(1e-6).of(fd[0]);
      assertThat(g.b()).isWithin(1e-6).of(fd[1]);
      assertThat(DerivativeCallsDerivatives.afterStepsJvp(p[0], p[1], 0, 1).tangent()).isWithin(1e-10).of(g.b());
    }
  }

  @Test
  void resultsHeldInLocals() {
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 0.2}}) {
      double w = p[0];
      double b = p[1];
      double e = Math.exp(w * b);
      double wave1 = Math.sin(w) + w * Math.cos(w);
      assertThat(DerivativeCalls.held(w, b)).isWithin(1e-12)
          .of((b * e + 2 * w) * wave1 * b + w * e * w * b + Math.sin(w) * w);
      double[] fd = central(DerivativeCalls::held, w, b);
      DerivativeCallsDerivatives.HeldGrad g = DerivativeCallsDerivatives.heldGrad(w, b);
      assertThat(g.w()).isWithin(1e-6).of(fd[0]);
      assertThat(g.b()).isWithin(1e-6).of(fd[1]);
      assertThat(DerivativeCallsDerivatives.heldJvp(w, b, 1, 0).tangent()).isWithin(1e-10).of(g.w());
    }
  }

  @Test
  void pullbacksAndValuesOfVjpAndValueAndGrad() {
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}}) {
      double w = p[0];
      double b = p[1];
      double e = Math.exp(w * b);
      double loss = e + w * w;
      assertThat(DerivativeCalls.pulled(w, b)).isWithin(1e-12).of(w * w * e + loss * (b * e + 2 * w) + loss);
      double[] fd = central(DerivativeCalls::pulled, w, b);
      DerivativeCallsDerivatives.PulledGrad g = DerivativeCallsDerivatives.pulledGrad(w, b);
      assertThat(g.w()).isWithin(1e-6).of(fd[0]);
      assertThat(g.b()).isWithin(1e-6).of(fd[1]);
      var jvp = DerivativeCallsDerivatives.pulledJvp(w, b, 1, 0);
      assertThat(jvp.tangent()).isWithin(1e-10).of(g.w());
    }
    for (double x : XS) {
      assertThat(DerivativeCallsDerivatives.singleGrad(x)).isWithin(1e-6).of(central(DerivativeCalls::single, x));
      assertThat(DerivativeCallsDerivatives.singleJvp(x, 1).tangent())
          .isWithin(1e-12).of(DerivativeCallsDerivatives.singleGrad(x));
    }
  }

  @Test
  void derivativeCallsInsideMathCalls() {
    for (double x : XS) {
      assertThat(DerivativeCallsDerivatives.inMathGrad(x)).isWithin(1e-6).of(central(DerivativeCalls::inMath, x));
    }
  }

  @Test
  void aCustomJvpRuleIsUsedAndItsTangentDifferentiatedAsWritten() {
    for (double x : XS) {
      double s = sigmoid(x);
      assertThat(DerivativeCallsDerivatives.softSlopeGrad(x)).isWithin(1e-12).of(s * (1 - s) * x + s);
      // JAX's grad(grad(doubled)): 2·cos x from the rule, then its derivative -2·sin x (sin's would be -sin x).
      assertThat(DerivativeCalls.doubledSlope(x)).isWithin(1e-12).of(2 * Math.cos(x));
      assertThat(DerivativeCallsDerivatives.doubledSlopeGrad(x)).isWithin(1e-12).of(-2 * Math.sin(x));
      assertThat(DerivativeCallsDerivatives.doubledSlopeJvp(x, 1).tangent()).isWithin(1e-12).of(-2 * Math.sin(x));
    }
  }

  @Test
  void valuesAreTheRulesOutputsDifferentiatedAsJaxDoes() {
    for (double x : XS) {
      // skipping's rule computes Math.sin(x): its derivative is cos x; doubled's calls doubled: the rule's 2 cos x.
      assertThat(DerivativeCalls.ruleValues(x)).isWithin(1e-12).of(4 * Math.sin(x));
      assertThat(DerivativeCallsDerivatives.ruleValuesGrad(x)).isWithin(1e-12).of(7 * Math.cos(x));
      assertThat(DerivativeCallsDerivatives.ruleValuesJvp(x, 1).tangent()).isWithin(1e-12).of(7 * Math.cos(x));
    }
  }

  @Test
  void derivativeCallsOfReverseOnlyFunctionsMakeTheCallerReverseOnly() {
    assertThat(Arrays.stream(DerivativeCallsDerivatives.class.getMethods()).map(m -> m.getName()))
        .doesNotContain("reverseOnlyJvp");
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}, {-0.7, 1.4}}) {
      double x = p[0];
      double y = p[1];
      // scaledSinGrad(x) = 2 cos x; viaScaledGrad(x, y).y() = 2 cos(xy) x; its pullback(y).x() = y (2 cos(xy) y + 1).
      double c = Math.cos(x * y);
      double s = Math.sin(x * y);
      assertThat(DerivativeCalls.reverseOnly(x, y)).isWithin(1e-12)
          .of(2 * Math.cos(x) * y + 2 * c * x + y * (2 * c * y + 1));
      DerivativeCallsDerivatives.ReverseOnlyGrad g = DerivativeCallsDerivatives.reverseOnlyGrad(x, y);
      // The rule's bwd (2·cos·g) and fwd's residual cos(xy) differentiated as written.
      assertThat(g.x()).isWithin(1e-10).of(-2 * Math.sin(x) * y - 2 * s * y * x + 2 * c - 2 * s * y * y * y);
      assertThat(g.y()).isWithin(1e-10).of(2 * Math.cos(x) - 2 * s * x * x + 4 * c * y - 2 * s * x * y * y + 1);
      double[] fd = central(DerivativeCalls::reverseOnly, x, y);
      assertThat(g.x()).isWithin(1e-6).of(fd[0]);
      assertThat(g.y()).isWithin(1e-6).of(fd[1]);
    }
  }

  @Test
  void derivativeCallsIntoAnotherClass() {
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.5}}) {
      double x = p[0];
      double y = p[1];
      double[] fd = central(OtherCaller::curvature, x, y);
      OtherCallerDerivatives.CurvatureGrad g = OtherCallerDerivatives.curvatureGrad(x, y);
      assertThat(g.x()).isWithin(1e-6).of(fd[0]);
      assertThat(g.y()).isWithin(1e-6).of(fd[1]);
      // curvature = wave'(x)·y² + x·exp(xy): closed form of ∂/∂x.
      double dWave2 = 2 * Math.cos(x) - x * Math.sin(x);
      assertThat(g.x()).isWithin(1e-10).of(dWave2 * y * y + Math.exp(x * y) * (1 + x * y));
    }
  }
}
