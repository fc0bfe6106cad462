// Mistake: @CustomJvp with no rule at all.
package corpus;
import io.jgrad.annotations.CustomJvp;
class RuleNeitherJvpNorJvps {
  @CustomJvp
  static double sq(double x) { return x * x; } // ERROR jgrad.RuleMissing
}
