// Mistake: a name that does not exist; javac reports it, jgrad must not crash on it.
package corpus;
import io.jgrad.annotations.Differentiable;
class UndefinedSymbol {
  @Differentiable
  static double f(double x) {
    return x * scale; // JAVAC-ERROR
  }
}
