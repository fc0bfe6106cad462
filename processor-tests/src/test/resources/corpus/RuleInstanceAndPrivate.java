// Mistake: a rule that is neither static nor visible: both problems are reported.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleInstanceAndPrivate {
  @CustomJvp(jvp = "negJvp")
  static double neg(double x) { return -x; }

  private Dual negJvp(double x, double xDot) { // ERROR jgrad.RuleNotStatic jgrad.Inaccessible
    return Dual.of(-x, -xDot);
  }
}
