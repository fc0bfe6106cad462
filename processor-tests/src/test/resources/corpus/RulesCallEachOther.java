// Mistake: each function's rule calls the other function, so the two are defined through each other.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RulesCallEachOther {
  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return Math.sin(x); } // ERROR jgrad.Recursion

  static Dual fJvp(double x, double xDot) {
    return Dual.of(f(x), g(x) * xDot);
  }

  @CustomJvp(jvp = "gJvp")
  static double g(double x) { return Math.cos(x); } // ERROR jgrad.Recursion

  static Dual gJvp(double x, double xDot) {
    return Dual.of(g(x), -f(x) * xDot);
  }
}
