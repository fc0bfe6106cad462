// Mistake: wrt names a parameter that is also @NonDiff.
package corpus;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
class WrtNonDiffParameter {
  @Differentiable(wrt = {"x", "scale"})
  static double f(double x, @NonDiff double scale) { return x * scale; } // ERROR jgrad.BadWrt
}
