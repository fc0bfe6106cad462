// Mistake: order = 0 on a custom rule.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class OrderZero {
  @CustomJvp(jvp = "fJvp", order = 0)
  static double f(double x) { return Math.sin(x); } // ERROR jgrad.UnsupportedOrder

  static Dual fJvp(double x, double xDot) { return Dual.of(Math.sin(x), Math.cos(x) * xDot); }
}
