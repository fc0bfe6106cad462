// Mistake: a JVP rule of a record function whose tangent parameter is not a record.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Jvp;
class RecordRuleWrongTangent {
  record Point(double x, double y) {}
  @CustomJvp(jvp = "fJvp")
  static Point f(Point p) { return new Point(p.y(), p.x()); }
  static Jvp<Point> fJvp(Point p, double pDot) { return Jvp.of(f(p), new Point(pDot, pDot)); } // ERROR jgrad.RuleSignature
}
