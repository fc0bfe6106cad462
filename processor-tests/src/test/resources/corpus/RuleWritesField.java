// Mistake: a custom rule with a side effect on a field: its body is read like any other.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleWritesField {
  static int calls;

  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return Math.sin(x); }

  static Dual fJvp(double x, double xDot) {
    calls = calls + 1; // ERROR jgrad.FieldWrite
    return Dual.of(Math.sin(x), Math.cos(x) * xDot);
  }
}
