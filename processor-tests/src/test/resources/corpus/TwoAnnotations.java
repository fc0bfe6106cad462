// Mistake: both @Differentiable and @CustomJvp on one method; which derivative is meant?
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
class TwoAnnotations {
  @Differentiable
  @CustomJvp(jvp = "fJvp")
  static double f(double x) { return Math.sin(x); } // ERROR jgrad.ConflictingAnnotations

  static Dual fJvp(double x, double xDot) { return Dual.of(Math.sin(x), Math.cos(x) * xDot); }
}
