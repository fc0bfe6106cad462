// Mistake: an empty body; javac reports the missing return, jgrad adds nothing and does not crash.
package corpus;
import io.jgrad.annotations.Differentiable;
class EmptyBody {
  @Differentiable
  static double todo(double x) {
  } // JAVAC-ERROR
}
