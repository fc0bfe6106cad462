package io.jgrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Refusals at order 2 of functions reaching a {@code @CustomVjp} rule with a record or array result
 * name what keeps the shape out, and never hint at inlining the rule (which would drop its bwd).
 */
class RuleResultRefusalsTest {
  private static final String HEAD = """
      package r;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      """;

  /** A record result with a @NonDiff double parameter at order 2: the refusal names the parameter. */
  @Test
  void theRefusalOfARecordResultWithANonDiffParameterNamesIt() {
    String src = HEAD + """
        class Held {
          record Point(double x, double y) {}
          @CustomVjp(fwd = "mixFwd", bwd = "mixBwd", order = 2)
          static Point mix(double a, double b) { return new Point(a * b, a + b); }
          static RecordFwd<Point, Point> mixFwd(double a, double b) {
            return RecordFwd.of(new Point(a * b, a + b), new Point(a, b));
          }
          static HeldDerivatives.MixGrad mixBwd(Point res, Point g) {
            return new HeldDerivatives.MixGrad(res.y() * g.x() + g.y(), res.x() * g.x() + g.y());
          }
          @Differentiable(order = 2)
          static Point scaled(double x, double y, @NonDiff double gain) {
            Point q = mix(x, y);
            return new Point(q.x() * gain, q.y());
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "r.Held", src, "static Point scaled(");
    assertThat(c).hadErrorContaining("its parameter gain is not differentiated");
  }

  /**
   * An order-2 caller of a @CustomVjp rule with a double[] result over a double[] parameter: the
   * refusal names the rule's array parameter, and does not hint at inlining the rule.
   */
  @Test
  void theRefusalOfACallerOfAnArrayResultRuleOverAnArrayNamesTheArrayNotInlining() {
    String src = HEAD + """
        class Bent {
          @CustomVjp(fwd = "bendFwd", bwd = "bendBwd", order = 2)
          static double[] bend(double[] x, double s) {
            double[] y = new double[2];
            y[0] = x[0] * x[1] * s;
            y[1] = x[0] * x[0];
            return y;
          }
          static RecordFwd<double[], double[]> bendFwd(double[] x, double s) {
            return RecordFwd.of(bend(x, s), new double[] {x[0], x[1], s});
          }
          static BentDerivatives.BendGrad bendBwd(double[] res, double[] g) {
            double[] x = new double[2];
            x[0] = res[1] * res[2] * g[0] + 2 * res[0] * g[1];
            x[1] = res[0] * res[2] * g[0];
            return new BentDerivatives.BendGrad(x, res[0] * res[1] * g[0]);
          }
          @Differentiable(order = 2)
          static double caller(double[] w, double t) {
            double[] y = bend(w, t);
            return y[0] * y[1] + w[1] * y[0];
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "r.Bent", src, "static double caller(");
    assertThat(c).hadErrorContaining("its parameter x is an array");
    c.errors().forEach(e -> assertWithMessage(e.getMessage(Locale.ROOT))
        .that(e.getMessage(Locale.ROOT)).doesNotContain("inline bend"));
  }
}
