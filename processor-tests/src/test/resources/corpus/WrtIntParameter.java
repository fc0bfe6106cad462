// Mistake: wrt names an int parameter, which has no derivative.
package corpus;
import io.jgrad.annotations.Differentiable;
class WrtIntParameter {
  @Differentiable(wrt = "n")
  static double power(double x, int n) { return Math.pow(x, n); } // ERROR jgrad.BadWrt
}
