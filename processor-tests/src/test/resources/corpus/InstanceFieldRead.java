// Mistake: a static method reads an instance field through a static singleton.
package corpus;
import io.jgrad.annotations.Differentiable;
class InstanceFieldRead {
  static final InstanceFieldRead CONFIG = new InstanceFieldRead();
  double scale = 2;

  @Differentiable
  static double f(double x) {
    return x * CONFIG.scale; // ERROR jgrad.UnsupportedExpression
  }
}
