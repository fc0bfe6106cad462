// Mistake: a float function's rule returns Dual instead of FloatDual.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class FloatRuleReturnsDual {
  @CustomJvp(jvp = "halfJvp")
  static float half(float x) { return x / 2; }

  static Dual halfJvp(float x, float xDot) { // ERROR jgrad.RuleReturn
    return Dual.of(x / 2, xDot / 2);
  }
}
