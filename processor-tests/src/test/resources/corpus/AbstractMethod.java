// Mistake: an abstract method: not static, and no body.
package corpus;
import io.jgrad.annotations.Differentiable;
abstract class AbstractMethod {
  @Differentiable
  abstract double loss(double x); // ERROR jgrad.NotStatic
}
