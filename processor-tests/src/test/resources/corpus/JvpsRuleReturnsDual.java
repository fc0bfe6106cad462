// Mistake: a defjvps-style rule returning a Dual instead of its contribution.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class JvpsRuleReturnsDual {
  @CustomJvp(jvps = {"fJvpX"})
  static double f(double x) { return Math.sin(x); }

  static Dual fJvpX(double xDot, double ans, double x) { // ERROR jgrad.RuleReturn
    return Dual.of(ans, Math.cos(x) * xDot);
  }
}
