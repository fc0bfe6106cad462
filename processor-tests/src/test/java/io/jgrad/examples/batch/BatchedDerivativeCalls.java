package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/**
 * Batched functions that take derivative calls: each lane inlines the tangent functions and rule
 * primals the calls read as, and its kernels differentiate them again (forward over forward).
 */
final class BatchedDerivativeCalls {
  private BatchedDerivativeCalls() {}

  /** {@code sin(x) y + x³}, of order 3: its Hessian is differentiated once more below. */
  @Differentiable(order = 3)
  static double wave(double x, double y) {
    return Math.sin(x) * y + x * x * x;
  }

  /** The notebook's stable softplus: a rule that calls its primal, of order 2. */
  @CustomJvp(jvp = "softplusJvp", order = 2)
  static double softplus(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual softplusJvp(double x, double xDot) {
    double ans = softplus(x);
    return Dual.of(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  /** A rule whose tangent, 2 cos(x), is not the derivative of its value: differentiated as written. */
  @CustomJvp(jvp = "doubledJvp", order = 2)
  static double doubled(double x) {
    return Math.sin(x);
  }

  static Dual doubledJvp(double x, double xDot) {
    return Dual.of(doubled(x), 2 * Math.cos(x) * xDot);
  }

  /** {@code x y}, by a {@code jvps} pair, of order 2. */
  @CustomJvp(jvps = {"productJvpX", "productJvpY"}, order = 2)
  static double product(double x, double y) {
    return x * y;
  }

  static double productJvpX(double xDot, double primalOut, double x, double y) {
    return y * xDot;
  }

  static double productJvpY(double yDot, double primalOut, double x, double y) {
    return x * yDot;
  }

  /** {@code wave(xy, y) + softplus(x) + product(x, y)}: calls of a body, a rule and a jvps pair, of order 2. */
  @Differentiable(order = 2)
  static double chain(double x, double y) {
    return wave(x * y, y) + softplus(x) + product(x, y);
  }

  /** {@code ∂chain/∂y}: the lane inlines chain's tangent function, which calls its callees' own. */
  @Batched
  @Differentiable
  static double nested(double x, double y) {
    return BatchedDerivativeCallsDerivatives.chainGrad(x, y).y();
  }

  /** {@code ∂wave/∂x · y + wave's JVP along (1, x)}: a gradient component and a tangent in the lane. */
  @Batched
  @Differentiable
  static double slope(double x, double y) {
    return BatchedDerivativeCallsDerivatives.waveGrad(x, y).x() * y
        + BatchedDerivativeCallsDerivatives.waveJvp(x, y, 1, x).tangent();
  }

  /**
   * {@code softplus(xy) + softplus'(xy) ∂²wave/∂x∂y + 2 cos(x)}: a held JVP read twice, a Hessian
   * entry and a rule's tangent.
   */
  @Batched
  @Differentiable
  static double curvature(double x, double y) {
    Dual d = BatchedDerivativeCallsDerivatives.softplusJvp(x * y, 1);
    return d.value() + d.tangent() * BatchedDerivativeCallsDerivatives.waveHessian(x, y)[0][1]
        + BatchedDerivativeCallsDerivatives.doubledJvp(x, 1).tangent();
  }

  /** The notebook's clip_gradient: the identity whose cotangent is clipped to [-0.5, 0.5]. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd")
  static double clip(double x) {
    return x;
  }

  static Fwd<Double> clipFwd(double x) {
    return Fwd.of(x, x);
  }

  static double clipBwd(Double res, double g) {
    return Math.max(-0.5, Math.min(0.5, g));
  }

  /** {@code clip(∂wave/∂x) · y}: a derivative call in a lane written as reverse mode (it reaches clip). */
  @Batched
  @Differentiable
  static double clippedSlope(double x, double y) {
    return clip(BatchedDerivativeCallsDerivatives.waveJvp(x, y, 1, 0).tangent()) * y;
  }

  record Point(double x, double y) {}

  /** {@code x² y + sin y} of a point, of order 2. */
  @Differentiable(order = 2)
  static double bowl(Point p) {
    return p.x() * p.x() * p.y() + Math.sin(p.y());
  }

  /**
   * {@code ∂bowl/∂x · y + bowl's JVP along (1, x)} at {@code (x, y)}: derivative calls of a record
   * function in a lane, through its flat function's tangent function.
   */
  @Batched
  @Differentiable
  static double bowlSlope(double x, double y) {
    return BatchedDerivativeCallsDerivatives.bowlGrad(new Point(x, y)).x() * y
        + BatchedDerivativeCallsDerivatives.bowlJvp(new Point(x, y), new Point(1, x)).tangent();
  }

  /** tanh with a rule of order 2 whose gradient is half tanh's: the lanes must apply the rule. */
  @CustomVjp(fwd = "halfTanhFwd", bwd = "halfTanhBwd", order = 2)
  static double halfTanh(double x) {
    return Math.tanh(x);
  }

  static Fwd<Double> halfTanhFwd(double x) {
    double t = Math.tanh(x);
    return Fwd.of(t, t);
  }

  static double halfTanhBwd(Double t, double g) {
    return 0.5 * (1 - t * t) * g;
  }

  /** {@code halfTanh'(xy) y + sin x}: the gradient of a @CustomVjp function in a lane, its bwd as code. */
  @Batched
  @Differentiable
  static double ruleSlope(double x, double y) {
    return BatchedDerivativeCallsDerivatives.halfTanhGrad(x * y) * y + Math.sin(x);
  }

  /** {@code halfTanh(xy) + sin(x) y}, of order 2: it reaches the rule, so it has reverse mode only. */
  @Differentiable(order = 2)
  static double tanhWave(double x, double y) {
    return halfTanh(x * y) + Math.sin(x) * y;
  }

  /** {@code ∂tanhWave/∂x · y}: a gradient component of a function reaching a rule, its reverse sweep as code. */
  @Batched
  @Differentiable
  static double tanhWaveSlope(double x, double y) {
    return BatchedDerivativeCallsDerivatives.tanhWaveGrad(x, y).x() * y;
  }

  /** {@code x³} with a rule of order 3 (its true derivative). */
  @CustomVjp(fwd = "cubeFwd", bwd = "cubeBwd", order = 3)
  static double cube(double x) {
    return x * x * x;
  }

  static Fwd<Double> cubeFwd(double x) {
    return Fwd.of(x * x * x, x);
  }

  static double cubeBwd(Double x, double g) {
    return 3 * x * x * g;
  }

  /** {@code cube(xy) + sin(x) y}, of order 3, reaching the rule. */
  @Differentiable(order = 3)
  static double cubeWave(double x, double y) {
    return cube(x * y) + Math.sin(x) * y;
  }

  /**
   * {@code ∂²cubeWave/∂x∂y + cube''(x)}: Hessians of functions reaching a rule in a lane, the
   * pullbacks of their pullback functions as code.
   */
  @Batched
  @Differentiable
  static double cubeCurvature(double x, double y) {
    return BatchedDerivativeCallsDerivatives.cubeWaveHessian(x, y)[0][1] + BatchedDerivativeCallsDerivatives.cubeHessian(x);
  }
}
