// Mistake: two methods carry the rule's name; jgrad cannot tell which one is meant.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleOverloaded {
  @CustomJvp(jvp = "cubeJvp")
  static double cube(double x) { return x * x * x; }

  static Dual cubeJvp(double x, double xDot) {
    return Dual.of(x * x * x, 3 * x * x * xDot);
  }

  static Dual cubeJvp(float x, float xDot) { // ERROR jgrad.RuleSignature
    return Dual.of(x * x * x, 3 * x * x * xDot);
  }
}
