package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Dual;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Derivative calls inside batched functions, on every backend: each lane's value, JVP and gradient
 * against the scalar generated code (f, fJvp, fGrad), closed forms and central finite differences.
 */
class BatchedDerivativeCallsTest {
  private static final double H = 1e-5;

  /** The central difference of {@code f} at (x, y) along (dx, dy). */
  private static double difference(DoubleBinaryOperator f, double x, double y, double dx, double dy) {
    return (f.applyAsDouble(x + H * dx, y + H * dy) - f.applyAsDouble(x - H * dx, y - H * dy)) / (2 * H);
  }

  /**
   * Runs the three kernels of {@code f} on {@code backend} over 40 random lanes and checks each lane
   * against the scalar code, {@code closed} (the value's closed form) and central differences.
   */
  private static void check(Backend backend, long seed, Kernels kernels, DoubleBinaryOperator f,
      DoubleBinaryOperator closed, Scalar scalar) {
    OpenCl.requireIf(backend);
    Random r = new Random(seed);
    int lanes = 40;
    double[] x = uniform(r, lanes, -2, 2);
    double[] y = uniform(r, lanes, -2, 2);
    double[] xDot = uniform(r, lanes, -1, 1);
    double[] yDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] xGrad = new double[lanes];
    double[] yGrad = new double[lanes];
    kernels.run(x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      assertClose(out[l], closed.applyAsDouble(x[l], y[l]), 1e-12, "value, closed form, at lane " + l);
      assertClose(out[l], f.applyAsDouble(x[l], y[l]), tol, "value against the scalar code at lane " + l);
      Dual jvp = scalar.jvp(x[l], y[l], xDot[l], yDot[l]);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(outTangent[l], difference(f, x[l], y[l], xDot[l], yDot[l]), 1e-7,
          "jvp tangent against finite differences at lane " + l);
      double[] grad = scalar.grad(x[l], y[l]);
      assertClose(xGrad[l], grad[0], tol, "x gradient at lane " + l);
      assertClose(yGrad[l], grad[1], tol, "y gradient at lane " + l);
      assertClose(xGrad[l], difference(f, x[l], y[l], 1, 0), 1e-7, "x gradient, finite differences, lane " + l);
      assertClose(yGrad[l], difference(f, x[l], y[l], 0, 1), 1e-7, "y gradient, finite differences, lane " + l);
    }
  }

  /** The three kernels of a batched function of (x, y). */
  private interface Kernels {
    void run(double[] x, double[] y, double[] xDot, double[] yDot, double[] out, double[] outValue,
        double[] outTangent, double[] xGrad, double[] yGrad, Backend backend);
  }

  /** The scalar fJvp and fGrad of a function of (x, y). */
  private interface Scalar {
    Dual jvp(double x, double y, double xDot, double yDot);

    double[] grad(double x, double y);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aGradientComponentAndATangent(Backend backend) {
    check(backend, 21, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.slopeBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.slopeJvpBatch(x, y, xDot, yDot, outValue, outTangent, b);
      BatchedDerivativeCallsDerivatives.slopeGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::slope, (x, y) -> {
      double dx = Math.cos(x) * y + 3 * x * x;
      return dx * y + dx + Math.sin(x) * x;
    }, new Scalar() {
      @Override
      public Dual jvp(double x, double y, double xDot, double yDot) {
        return BatchedDerivativeCallsDerivatives.slopeJvp(x, y, xDot, yDot);
      }

      @Override
      public double[] grad(double x, double y) {
        var g = BatchedDerivativeCallsDerivatives.slopeGrad(x, y);
        return new double[] {g.x(), g.y()};
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aHeldJvpAHessianEntryAndRules(Backend backend) {
    check(backend, 22, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.curvatureBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.curvatureJvpBatch(x, y, xDot, yDot, outValue, outTangent, b);
      BatchedDerivativeCallsDerivatives.curvatureGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::curvature, (x, y) -> {
      double u = x * y;
      return Math.log(1 + Math.exp(u)) + Math.cos(x) / (1 + Math.exp(-u)) + 2 * Math.cos(x);
    }, new Scalar() {
      @Override
      public Dual jvp(double x, double y, double xDot, double yDot) {
        return BatchedDerivativeCallsDerivatives.curvatureJvp(x, y, xDot, yDot);
      }

      @Override
      public double[] grad(double x, double y) {
        var g = BatchedDerivativeCallsDerivatives.curvatureGrad(x, y);
        return new double[] {g.x(), g.y()};
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tangentFunctionsOfCallees(Backend backend) {
    check(backend, 23, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.nestedBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.nestedJvpBatch(x, y, xDot, yDot, outValue, outTangent, b);
      BatchedDerivativeCallsDerivatives.nestedGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::nested, (x, y) -> {
      double u = x * y;
      return Math.cos(u) * x * y + Math.sin(u) + 3 * u * u * x + x;
    }, new Scalar() {
      @Override
      public Dual jvp(double x, double y, double xDot, double yDot) {
        return BatchedDerivativeCallsDerivatives.nestedJvp(x, y, xDot, yDot);
      }

      @Override
      public double[] grad(double x, double y) {
        var g = BatchedDerivativeCallsDerivatives.nestedGrad(x, y);
        return new double[] {g.x(), g.y()};
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void derivativeCallsOfARecordFunction(Backend backend) {
    check(backend, 25, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.bowlSlopeBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.bowlSlopeJvpBatch(x, y, xDot, yDot, outValue, outTangent, b);
      BatchedDerivativeCallsDerivatives.bowlSlopeGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::bowlSlope, (x, y) -> {
      // ∂bowl/∂x = 2xy, ∂bowl/∂y = x² + cos y
      return 2 * x * y * y + 2 * x * y + (x * x + Math.cos(y)) * x;
    }, new Scalar() {
      @Override
      public Dual jvp(double x, double y, double xDot, double yDot) {
        return BatchedDerivativeCallsDerivatives.bowlSlopeJvp(x, y, xDot, yDot);
      }

      @Override
      public double[] grad(double x, double y) {
        var g = BatchedDerivativeCallsDerivatives.bowlSlopeGrad(x, y);
        return new double[] {g.x(), g.y()};
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDerivativeCallInAReverseLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(24);
    int lanes = 40;
    double[] x = uniform(r, lanes, -2, 2);
    double[] y = uniform(r, lanes, -2, 2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes];
    double[] yGrad = new double[lanes];
    BatchedDerivativeCallsDerivatives.clippedSlopeBatch(x, y, out, backend);
    BatchedDerivativeCallsDerivatives.clippedSlopeGradBatch(x, y, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double slope = Math.cos(x[l]) * y[l] + 3 * x[l] * x[l];
      assertClose(out[l], slope * y[l], 1e-12, "value, closed form, at lane " + l);
      assertClose(out[l], BatchedDerivativeCalls.clippedSlope(x[l], y[l]), tol, "value vs the scalar code, lane " + l);
      var grad = BatchedDerivativeCallsDerivatives.clippedSlopeGrad(x[l], y[l]);
      assertClose(xGrad[l], grad.x(), tol, "x gradient against fGrad at lane " + l);
      assertClose(yGrad[l], grad.y(), tol, "y gradient against fGrad at lane " + l);
      // The cotangent y reaching the slope is clipped; the slope's own derivatives are wave's second ones.
      double clipped = Math.max(-0.5, Math.min(0.5, y[l]));
      assertClose(xGrad[l], clipped * (-Math.sin(x[l]) * y[l] + 6 * x[l]), 1e-12, "x gradient, closed form, " + l);
      assertClose(yGrad[l], clipped * Math.cos(x[l]) + slope, 1e-12, "y gradient, closed form, at lane " + l);
    }
  }

  /**
   * Runs the value and gradient kernels of a reverse-only {@code f} on {@code backend} over 40 random
   * lanes and checks each lane against the scalar code ({@code f}, {@code grad}), {@code closed} and
   * central differences.
   */
  private static void checkReverse(Backend backend, long seed, Kernels kernels, DoubleBinaryOperator f,
      DoubleBinaryOperator closed, java.util.function.BiFunction<Double, Double, double[]> grad) {
    OpenCl.requireIf(backend);
    Random r = new Random(seed);
    int lanes = 40;
    double[] x = uniform(r, lanes, -2, 2);
    double[] y = uniform(r, lanes, -2, 2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes];
    double[] yGrad = new double[lanes];
    kernels.run(x, y, null, null, out, null, null, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      assertClose(out[l], closed.applyAsDouble(x[l], y[l]), 1e-12, "value, closed form, at lane " + l);
      assertClose(out[l], f.applyAsDouble(x[l], y[l]), tol, "value against the scalar code at lane " + l);
      double[] g = grad.apply(x[l], y[l]);
      assertClose(xGrad[l], g[0], tol, "x gradient against fGrad at lane " + l);
      assertClose(yGrad[l], g[1], tol, "y gradient against fGrad at lane " + l);
      assertClose(xGrad[l], difference(f, x[l], y[l], 1, 0), 1e-7, "x gradient, finite differences, lane " + l);
      assertClose(yGrad[l], difference(f, x[l], y[l], 0, 1), 1e-7, "y gradient, finite differences, lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theGradientOfACustomVjpFunction(Backend backend) {
    checkReverse(backend, 26, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.ruleSlopeBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.ruleSlopeGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::ruleSlope, (x, y) -> {
      double t = Math.tanh(x * y);
      return 0.5 * (1 - t * t) * y + Math.sin(x);
    }, (x, y) -> {
      var g = BatchedDerivativeCallsDerivatives.ruleSlopeGrad(x, y);
      return new double[] {g.x(), g.y()};
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aGradientComponentOfAFunctionReachingARule(Backend backend) {
    checkReverse(backend, 27, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.tanhWaveSlopeBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.tanhWaveSlopeGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::tanhWaveSlope, (x, y) -> {
      double t = Math.tanh(x * y);
      return (0.5 * (1 - t * t) * y + Math.cos(x) * y) * y;
    }, (x, y) -> {
      var g = BatchedDerivativeCallsDerivatives.tanhWaveSlopeGrad(x, y);
      return new double[] {g.x(), g.y()};
    });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void hessiansOfFunctionsReachingARule(Backend backend) {
    checkReverse(backend, 28, (x, y, xDot, yDot, out, outValue, outTangent, xGrad, yGrad, b) -> {
      BatchedDerivativeCallsDerivatives.cubeCurvatureBatch(x, y, out, b);
      BatchedDerivativeCallsDerivatives.cubeCurvatureGradBatch(x, y, xGrad, yGrad, b);
    }, BatchedDerivativeCalls::cubeCurvature, (x, y) -> 9 * x * x * y * y + Math.cos(x) + 6 * x, (x, y) -> {
      var g = BatchedDerivativeCallsDerivatives.cubeCurvatureGrad(x, y);
      return new double[] {g.x(), g.y()};
    });
  }
}
