// Mistake: the annotation names the function itself as its rule.
package corpus;
import io.jgrad.annotations.CustomJvp;
class RuleIsThePrimal {
  @CustomJvp(jvp = "sq")
  static double sq(double x) { return x * x; } // ERROR jgrad.RuleSignature jgrad.RuleReturn
}
