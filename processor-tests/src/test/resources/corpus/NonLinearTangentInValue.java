// Mistake: the rule's primal output depends on the tangent.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class NonLinearTangentInValue {
  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return x; }

  static Dual fJvp(double x, double xDot) {
    return Dual.of(x + xDot, xDot); // ERROR jgrad.NonLinearTangent
  }
}
