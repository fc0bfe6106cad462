// Mistake: a generic method whose type variable is not even used for a differentiable value.
package corpus;
import io.jgrad.annotations.Differentiable;
class GenericParameterType {
  @Differentiable
  static <N extends Number> double f(double x) { // ERROR jgrad.Generic
    return x * x;
  }
}
