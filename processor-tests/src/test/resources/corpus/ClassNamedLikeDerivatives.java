// Mistake: the user already has a class named like the generated one.
package corpus;
import io.jgrad.annotations.Differentiable;
class ClassNamedLikeDerivatives { // ERROR jgrad.NameClash
  @Differentiable
  static double f(double x) { return x * x; }
}

class ClassNamedLikeDerivativesDerivatives {
  static double f(double x) { return 2 * x; }
}
