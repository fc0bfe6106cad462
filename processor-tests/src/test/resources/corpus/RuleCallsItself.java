// Mistake: the rule calls itself instead of the primal.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleCallsItself {
  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return Math.sin(x); }

  static Dual fJvp(double x, double xDot) {
    double ans = fJvp(x, xDot).value(); // ERROR jgrad.RuleReturn
    return Dual.of(ans, Math.cos(x) * xDot);
  }
}
