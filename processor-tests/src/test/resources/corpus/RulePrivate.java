// Mistake: a private rule, which the generated class cannot call.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RulePrivate {
  @CustomJvp(jvp = "negJvp")
  static double neg(double x) { return -x; }

  private static Dual negJvp(double x, double xDot) { // ERROR jgrad.Inaccessible
    return Dual.of(-x, -xDot);
  }
}
