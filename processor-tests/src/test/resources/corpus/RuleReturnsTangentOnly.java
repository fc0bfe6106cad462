// Mistake: a defjvp-style rule that returns only the tangent.
package corpus;
import io.jgrad.annotations.CustomJvp;
class RuleReturnsTangentOnly {
  @CustomJvp(jvp = "expJvp")
  static double exp(double x) { return Math.exp(x); }

  static double expJvp(double x, double xDot) { // ERROR jgrad.RuleReturn
    return Math.exp(x) * xDot;
  }
}
