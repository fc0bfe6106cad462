package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;
import java.util.ArrayList;
import java.util.List;

/** The notebook's custom_vjp examples, written the way the user guide (docs/guide) shows. */
final class SeedCustomVjp {
  private SeedCustomVjp() {}

  /** What the forward and backward passes did, in order, for the side-effect tests. */
  static final List<String> LOG = new ArrayList<>();

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x, double y) {
    LOG.add("called f!");
    return Math.sin(x) * y;
  }

  static Fwd<double[]> fFwd(double x, double y) {
    LOG.add("called f_fwd!");
    return Fwd.of(f(x, y), new double[] {Math.cos(x), Math.sin(x), y});
  }

  static SeedCustomVjpDerivatives.FGrad fBwd(double[] res, double g) {
    LOG.add("called f_bwd!");
    return new SeedCustomVjpDerivatives.FGrad(res[0] * g * res[2], res[1] * g);
  }

  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipGradientFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  /** A null gradient means zero; here lo and hi get zero and x its clipped cotangent. */
  static SeedCustomVjpDerivatives.ClipGradientGrad clipGradientBwd(double[] res, double g) {
    return new SeedCustomVjpDerivatives.ClipGradientGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  @Differentiable
  static double clipSin(double t) {
    return clipGradient(-0.75, 0.75, Math.sin(t));
  }

  /** The notebook's debug identity: its backward pass runs user code, here counting its calls. */
  @CustomVjp(fwd = "debugFwd", bwd = "debugBwd")
  static double debug(double x) {
    return x;
  }

  static Fwd<Double> debugFwd(double x) {
    return Fwd.of(x, x);
  }

  static double debugBwd(Double residual, double g) {
    LOG.add("debug bwd " + g);
    return g;
  }

  @Differentiable
  static double debugged(double x) {
    return Math.sin(debug(x * x));
  }

  /** A backward pass that returns null: every gradient component is zero. */
  @CustomVjp(fwd = "stopFwd", bwd = "stopBwd")
  static double stop(double x, double y) {
    return x + y;
  }

  static Fwd<Void> stopFwd(double x, double y) {
    return Fwd.of(x + y, null);
  }

  static SeedCustomVjpDerivatives.StopGrad stopBwd(Void residual, double g) {
    return null;
  }
}
