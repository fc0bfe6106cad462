// Mistake: a plain Java type error in the body; javac reports it, jgrad must not crash on it.
package corpus;
import io.jgrad.annotations.Differentiable;
class TypeErrorInBody {
  @Differentiable
  static float half(float x) {
    return x * 0.5; // JAVAC-ERROR
  }
}
