// Mistake: the rule is named with a class; rules live in the function's own class.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleNamedWithClass {
  @CustomJvp(jvp = "RuleNamedWithClass.Rules.softplusJvp")
  static double softplus(double x) { return Math.log1p(Math.exp(x)); } // ERROR jgrad.RuleMissing

  static final class Rules {
    static Dual softplusJvp(double x, double xDot) {
      return Dual.of(Math.log1p(Math.exp(x)), xDot / (1 + Math.exp(-x)));
    }
  }
}
