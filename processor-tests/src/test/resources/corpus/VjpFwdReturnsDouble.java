// Mistake: the forward pass returns the value without residuals.
package corpus;
import io.jgrad.annotations.CustomVjp;
class VjpFwdReturnsDouble {
  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x) { return Math.sin(x); }

  static double fFwd(double x) { return Math.sin(x); } // ERROR jgrad.RuleReturn

  static double fBwd(double res, double g) { return Math.cos(res) * g; }
}
