// Mistake: both styles of rule named at once.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleBothJvpAndJvps {
  @CustomJvp(jvp = "sqJvp", jvps = {"sqJvpX"})
  static double sq(double x) { return x * x; } // ERROR jgrad.RuleMissing

  static Dual sqJvp(double x, double xDot) { return Dual.of(x * x, 2 * x * xDot); }

  static double sqJvpX(double xDot, double ans, double x) { return 2 * x * xDot; }
}
