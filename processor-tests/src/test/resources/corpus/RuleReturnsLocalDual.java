// Mistake: the rule builds its Dual in a local and returns the local.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleReturnsLocalDual {
  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return Math.sin(x); }

  static Dual fJvp(double x, double xDot) {
    Dual out = Dual.of(Math.sin(x), Math.cos(x) * xDot); // ERROR jgrad.RuleReturn
    return out; // ERROR jgrad.RuleReturn
  }
}
