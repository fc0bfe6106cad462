// Mistake: a float tangent for a double parameter.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleFloatTangentForDouble {
  @CustomJvp(jvp = "twiceJvp")
  static double twice(double x) { return 2 * x; }

  static Dual twiceJvp(double x,
      float xDot) { // ERROR jgrad.RuleSignature
    return Dual.of(2 * x, 2 * xDot);
  }
}
