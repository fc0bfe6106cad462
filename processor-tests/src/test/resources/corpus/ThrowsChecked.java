// Mistake: a checked exception in the throws clause of a differentiable function or of a rule; the
// generated pullbacks and function objects are lambdas, which cannot throw it.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;
class ThrowsChecked {
  @Differentiable
  static double read(double x) throws java.io.IOException { // ERROR jgrad.CheckedThrows
    return x * x;
  }

  @CustomJvp(jvp = "squareJvp")
  static double square(double x) {
    return x * x;
  }

  static Dual squareJvp(double x, double xDot) throws Exception { // ERROR jgrad.CheckedThrows
    return new Dual(x * x, 2 * x * xDot);
  }

  @CustomVjp(fwd = "cubeFwd", bwd = "cubeBwd")
  static double cube(double x) {
    return x * x * x;
  }

  static Fwd<Double> cubeFwd(double x) {
    return Fwd.of(x * x * x, x);
  }

  static double cubeBwd(Double x, double g) throws InterruptedException { // ERROR jgrad.CheckedThrows
    return 3 * x * x * g;
  }
}
