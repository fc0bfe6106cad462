// Mistake: two functions whose generated methods share a name and parameter types: the function
// object factory of lossGrad (binding its @NonDiff a) is lossGrad(double), and so is the gradient
// of loss.
package corpus;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
class NameClashGenerated {
  @Differentiable
  static double loss(double x) { // ERROR jgrad.NameClash
    return x * x;
  }

  @Differentiable
  static double lossGrad(@NonDiff double a, double x) { // ERROR jgrad.NameClash
    return a * x * x;
  }
}
