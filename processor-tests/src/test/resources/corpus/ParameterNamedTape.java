// Mistake: parameters named like the locals of generated reverse mode (tape, outBar).
package corpus;
import io.jgrad.annotations.Differentiable;
class ParameterNamedTape {
  @Differentiable
  static double f(double tape, // ERROR jgrad.NameClash
      double outBar) { // ERROR jgrad.NameClash
    double reader = tape * outBar;
    return reader * tape;
  }
}
