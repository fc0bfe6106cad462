// Mistake: a method reference captured into a local.
package corpus;
import io.jgrad.annotations.Differentiable;
import java.util.function.DoubleUnaryOperator;
class MethodReference {
  @Differentiable
  static double f(double x) {
    DoubleUnaryOperator op = Math::sin; // ERROR jgrad.Lambda
    return op.applyAsDouble(x); // ERROR jgrad.InstanceCall
  }
}
