// Mistake: fwd names a method that does not exist.
package corpus;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
class VjpFwdMisnamed {
  @CustomVjp(fwd = "f_fwd", bwd = "fBwd")
  static double f(double x) { return Math.sin(x); } // ERROR jgrad.RuleMissing

  static Fwd<Double> fFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }

  static double fBwd(Double res, double g) { return res * g; }
}
