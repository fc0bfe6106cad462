// Mistake: the rule forgets the tangent of the second parameter.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class RuleMissingTangent {
  @CustomJvp(jvp = "mulJvp")
  static double mul(double x, double y) { return x * y; }

  static Dual mulJvp(double x, double y, double xDot) { // ERROR jgrad.RuleSignature
    return Dual.of(x * y, y * xDot);
  }
}
