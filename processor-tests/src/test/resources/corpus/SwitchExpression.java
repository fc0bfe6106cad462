// Mistake: a switch expression (not a statement) choosing a value.
package corpus;
import io.jgrad.annotations.Differentiable;
class SwitchExpression {
  @Differentiable
  static double f(double x, int mode) {
    double y = switch (mode) { // ERROR jgrad.Switch
      case 0 -> x;
      default -> x * x;
    };
    return y;
  }
}
