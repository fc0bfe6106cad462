// Mistake: a loop with no exit; javac accepts a method that never returns, jgrad cannot differentiate it.
package corpus;
import io.jgrad.annotations.Differentiable;
class NeverReturnsWhileTrue {
  @Differentiable
  static double halve(double x) {
    while (true) { // ERROR jgrad.NeverReturns
      x = x * 0.5;
    }
  }
}
