// Mistake: forward mode of a function that reaches a @CustomVjp rule (JAX: TypeError at run time).
package corpus;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;
class ForwardThroughCustomVjp {
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd")
  static double clip(double x) { return x; }

  static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }

  static double clipBwd(Double res, double g) { return Math.max(-1, Math.min(1, g)); }

  @Differentiable
  static double clipSin(double x) { return clip(Math.sin(x)); }

  static double use(double x) {
    return ForwardThroughCustomVjpDerivatives.clipSinJvp(x, 1).tangent(); // ERROR jgrad.NoForwardMode
  }
}
