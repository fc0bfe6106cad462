// Mistake: an instance method that reads the object's state.
package corpus;
import io.jgrad.annotations.Differentiable;
class InstanceMethodReadsField {
  double weight = 3;

  @Differentiable
  double predict(double x) { // ERROR jgrad.NotStatic
    return weight * x;
  }
}
