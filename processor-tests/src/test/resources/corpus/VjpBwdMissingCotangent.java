// Mistake: the backward pass forgets the output cotangent.
package corpus;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
class VjpBwdMissingCotangent {
  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x) { return Math.sin(x); }

  static Fwd<Double> fFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }

  static double fBwd(Double res) { return res; } // ERROR jgrad.RuleSignature
}
