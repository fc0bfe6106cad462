// Mistake: a record result with nothing to differentiate (no double or float component).
package corpus;
import io.jgrad.annotations.Differentiable;
class RecordResultWithCount {
  record Tagged(String label, int count) {}
  @Differentiable
  static Tagged f(double x) { return new Tagged("x", (int) x); } // ERROR jgrad.UnsupportedType
}
