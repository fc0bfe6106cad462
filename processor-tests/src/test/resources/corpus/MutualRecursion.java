// Mistake: two functions that call each other (recursion through another function).
package corpus;
import io.jgrad.annotations.Differentiable;
class MutualRecursion {
  @Differentiable
  static double even(double x) { // ERROR jgrad.Recursion
    return x < 1 ? x : odd(x - 1);
  }

  @Differentiable
  static double odd(double x) { // ERROR jgrad.Recursion
    return x < 1 ? -x : even(x - 1);
  }
}
