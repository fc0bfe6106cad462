// Mistake: a record result with a component that has no tangent (only parameters may have those).
package corpus;
import io.jgrad.annotations.Differentiable;
class RecordResultWithCount {
  record Tagged(double value, int count) {}
  @Differentiable
  static Tagged f(double x) { return new Tagged(x * x, 1); } // ERROR jgrad.UnsupportedType
}
