// Mistake: the backward pass takes residuals of another type than the forward pass saves.
package corpus;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
class VjpBwdWrongResidualType {
  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static double f(double x) { return Math.sin(x); }

  static Fwd<double[]> fFwd(double x) { return Fwd.of(Math.sin(x), new double[] {Math.cos(x)}); }

  static double fBwd(Double res, // ERROR jgrad.RuleSignature
      double g) {
    return res * g;
  }
}
