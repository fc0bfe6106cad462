package io.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A record local assigned again from a second call of a {@code @CustomJvp} rule with a record
 * result: the generated code compiles (its values: {@code ReassignedRecordRuleResultsTest}).
 */
class ReassignedRecordRuleCompileTest {
  private static final String HEAD = """
      package r;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      """;

  /** Each leaf's tangent is declared once, by the first call ("p_xDot is already defined" before). */
  @Test
  void aRecordLocalReassignedFromARecordJvpRuleCompiles() {
    String src = HEAD + """
        class Reassigned {
          record Point(double x, double y) {}
          @CustomJvp(jvp = "bentJvp", order = 2)
          static Point bent(double x, double y) { return new Point(x * y, Math.sin(x)); }
          static Jvp<Point> bentJvp(double x, double y, double xDot, double yDot) {
            return Jvp.of(bent(x, y), new Point(y * xDot + x * yDot, Math.cos(x) * xDot));
          }
          @Differentiable(order = 2)
          static double reassigned(double x, double y) {
            Point p = bent(x, y);
            double s = p.x();
            p = bent(s, p.y());
            return s * p.x() + p.y();
          }
        }
        """;
    Compilation c = compile("r.Reassigned", src);
    assertThat(c).succeeded();
  }
}
