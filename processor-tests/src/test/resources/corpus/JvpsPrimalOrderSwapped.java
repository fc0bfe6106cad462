// Mistake: a defjvps rule taking (primal, tangent) instead of (tangent, primalOut, primals...).
package corpus;
import io.jgrad.annotations.CustomJvp;
class JvpsPrimalOrderSwapped {
  @CustomJvp(jvps = {"fJvpX"})
  static double f(double x) { return Math.sin(x); }

  static double fJvpX(double x, double xDot) { // ERROR jgrad.RuleSignature
    return Math.cos(x) * xDot;
  }
}
