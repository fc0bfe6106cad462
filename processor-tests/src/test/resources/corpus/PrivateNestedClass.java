// Mistake: a differentiable function inside a private nested class, which generated code cannot reach.
package corpus;
import io.jgrad.annotations.Differentiable;
class PrivateNestedClass {
  private static final class Impl {
    @Differentiable
    static double f(double x) { return x * x; } // ERROR jgrad.Inaccessible
  }
}
