// Mistake: a lambda that captures a differentiated value and is called in the body.
package corpus;
import io.jgrad.annotations.Differentiable;
import java.util.function.DoubleSupplier;
class LambdaCapturingDifferentiated {
  @Differentiable
  static double f(double x) {
    DoubleSupplier sq = () -> x * x; // ERROR jgrad.CapturedTangent
    return sq.getAsDouble(); // ERROR jgrad.InstanceCall
  }
}
