// Mistake: the rule's name in the annotation has a typo (capital letters).
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleTypo {
  @CustomJvp(jvp = "squareJVP")
  static double square(double x) { return x * x; } // ERROR jgrad.RuleMissing

  static Dual squareJvp(double x, double xDot) {
    return Dual.of(x * x, 2 * x * xDot);
  }
}
