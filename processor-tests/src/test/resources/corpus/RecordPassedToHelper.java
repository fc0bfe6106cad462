// Mistake: a record handed to a non-differentiable helper, which jgrad cannot see inside.
package corpus;
import io.jgrad.annotations.Differentiable;
class RecordPassedToHelper {
  record Point(double x, double y) {}
  static boolean onAxis(Point p) { return p.x() == 0 || p.y() == 0; }
  @Differentiable
  static double f(Point p) {
    if (onAxis(p)) { // ERROR jgrad.UnsupportedExpression
      return 0;
    }
    return p.x() * p.y();
  }
}
