// Mistake: a cycle of three functions across two classes of the same compilation.
package corpus;
import io.jgrad.annotations.Differentiable;
class RecursionThroughThree {
  @Differentiable
  static double a(double x) { // ERROR jgrad.Recursion
    return x < 1 ? x : b(x / 2);
  }

  @Differentiable
  static double b(double x) { // ERROR jgrad.Recursion
    return Math.sin(c(x));
  }

  @Differentiable
  static double c(double x) { // ERROR jgrad.Recursion
    return a(x) * 2;
  }
}
