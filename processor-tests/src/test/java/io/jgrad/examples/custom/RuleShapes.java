package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** Custom rules over arrays whose tangents or gradients can have the wrong length at run time. */
final class RuleShapes {
  private RuleShapes() {}

  @CustomJvp(jvp = "sumSquaresJvp")
  static double sumSquares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  static Dual sumSquaresJvp(double[] x, double[] xDot) {
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      t += 2 * x[i] * xDot[i];
    }
    return Dual.of(sumSquares(x), t);
  }

  /** A backward pass whose gradient has one component too many. */
  @CustomVjp(fwd = "scaledFwd", bwd = "scaledBwd")
  static double scaled(double[] x, double k) {
    return k * x[0];
  }

  static Fwd<double[]> scaledFwd(double[] x, double k) {
    return Fwd.of(scaled(x, k), new double[] {x.length, k});
  }

  static RuleShapesDerivatives.ScaledGrad scaledBwd(double[] res, double g) {
    double[] xBar = new double[(int) res[0] + 1];
    xBar[0] = res[1] * g;
    return new RuleShapesDerivatives.ScaledGrad(xBar, 0);
  }

  /** A caller: the bad gradient is caught in the rule's own pullback, before it is added anywhere. */
  @Differentiable
  static double caller(double[] x) {
    return scaled(x, 2.0) * x[1];
  }
}
