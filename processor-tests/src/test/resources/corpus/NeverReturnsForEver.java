// Mistake: for (;;) after an early return: the other path never ends.
package corpus;
import io.jgrad.annotations.Differentiable;
class NeverReturnsForEver {
  @Differentiable
  static double f(double x) {
    if (x > 0) {
      return x;
    }
    for (int i = 0; ; i++) { // ERROR jgrad.NeverReturns
      x = x + 1;
    }
  }
}
