// Mistake: the backward pass of a one-parameter function returns float instead of double.
package corpus;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
class VjpBwdReturnsFloat {
  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x) { return Math.sin(x); }

  static Fwd<Double> fFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }

  static float fBwd(Double res, double g) { return (float) (res * g); } // ERROR jgrad.RuleReturn
}
