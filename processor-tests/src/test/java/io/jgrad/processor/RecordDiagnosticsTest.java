package io.jgrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Records in differentiable code at compile time: what jgrad cannot scalarize is a javac error at
 * the declaration or expression with a stable code, and clean record code compiles without a
 * warning under -Xlint:all.
 */
class RecordDiagnosticsTest {

  private static Compilation compile(String text) {
    return Diagnosed.compile("r.R", text);
  }

  private static void assertErrorOnLine(String code, String text, String marker) {
    Diagnosed.assertErrorOnLine(code, "r.R", text, marker);
  }

  private static final String HEAD = """
      package r;
      import io.jgrad.annotations.*;
      final class R {
        record Point(double x, double y) {}
        record Tagged(double x, int n) {}
        record Holder(double[] xs) {}
      """;

  @Test
  void cleanRecordCodeCompilesWithoutWarnings() {
    Compilation c = compile(HEAD + """
          record FPoint(float x, float y) {}
          enum Mode { A, B }
          record Config(Mode mode, long n, boolean flip, String name) {}
          @Differentiable static FPoint rot(FPoint p, float k) { return new FPoint(-k * p.y(), k * p.x()); }
          @Differentiable static float fdot(FPoint a, FPoint b, Config c) {
            FPoint r = rot(a, 2f);
            return c.flip() && c.mode() == Mode.A ? r.x() * b.x() : r.y() * b.y() * c.n();
          }
          @Differentiable static Point scale(Point p, double k) { return new Point(k * p.x(), k * p.y()); }
          @Differentiable static double f(Point p, Tagged t) {
            Point q = scale(p, t.x());
            return q.x() * t.n() + q.y();
          }
        }
        """);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void recordResultWithoutAnythingToDifferentiate() {
    assertErrorOnLine("jgrad.UnsupportedType", HEAD + """
          record Counts(int a, String b) {}
          @Differentiable static Counts f(Point p) { return new Counts(1, "b"); } // here
        }
        """, "// here");
  }

  @Test
  void recordWithAnIntArrayComponent() {
    assertErrorOnLine("jgrad.UnsupportedType", HEAD + """
          record Indices(int[] at) {}
          @Differentiable static double f(Indices h, double x) { return x; } // here
        }
        """, "// here");
  }

  @Test
  void recordWithADoubleArrayComponentIsAParameter() {
    Compilation c = compile(HEAD + """
          @Differentiable static double f(Holder h, double x) { return h.xs()[0] * x; }
        }
        """);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void recordUsedAsAValue() {
    assertErrorOnLine("jgrad.UnsupportedExpression", HEAD + """
          static String show(Point p) { return p.toString(); }
          @Differentiable static double f(Point p) {
            String s = show(p); // here
            return p.x();
          }
        }
        """, "// here");
  }

  @Test
  void recordFromAnOpaqueCall() {
    assertErrorOnLine("jgrad.UnsupportedExpression", HEAD + """
          static Point make(double x) { return new Point(x, x); }
          @Differentiable static double f(double x) {
            Point p = make(x); // here
            return p.x();
          }
        }
        """, "// here");
  }

  @Test
  void jvpRuleTangentOfTheWrongType() {
    assertErrorOnLine("jgrad.RuleSignature", HEAD + """
          @CustomJvp(jvp = "fJvp") static Point f(Point p) { return p; }
          static io.jgrad.runtime.Jvp<Point> fJvp(Point p, double pDot) { return io.jgrad.runtime.Jvp.of(p, p); } // here
        }
        """, "// here");
  }

  @Test
  void jvpRuleReturningDualForARecord() {
    assertErrorOnLine("jgrad.RuleReturn", HEAD + """
          @CustomJvp(jvp = "fJvp") static Point f(Point p) { return p; }
          static io.jgrad.runtime.Dual fJvp(Point p, Point pDot) { return io.jgrad.runtime.Dual.of(1, 1); } // here
        }
        """, "// here");
  }

  @Test
  void jvpRuleNotLinearInARecordTangent() {
    assertErrorOnLine("jgrad.NonLinearTangent", HEAD + """
          @CustomJvp(jvp = "fJvp") static Point f(Point p) { return p; }
          static io.jgrad.runtime.Jvp<Point> fJvp(Point p, Point pDot) {
            return io.jgrad.runtime.Jvp.of(f(p), new Point(pDot.x(), pDot.y() * pDot.y())); // here
          }
        }
        """, "// here");
  }

  @Test
  void vjpRuleFwdMustReturnRecordFwd() {
    assertErrorOnLine("jgrad.RuleReturn", HEAD + """
          @CustomVjp(fwd = "fFwd", bwd = "fBwd") static Point f(Point p) { return p; }
          static io.jgrad.runtime.Fwd<Point> fFwd(Point p) { return io.jgrad.runtime.Fwd.of(1, p); } // here
          static Point fBwd(Point res, Point g) { return g; }
        }
        """, "// here");
  }

  @Test
  void vjpRuleBwdMustTakeARecordCotangent() {
    assertErrorOnLine("jgrad.RuleSignature", HEAD + """
          @CustomVjp(fwd = "fFwd", bwd = "fBwd") static Point f(Point p) { return p; }
          static io.jgrad.runtime.RecordFwd<Point, Point> fFwd(Point p) { return io.jgrad.runtime.RecordFwd.of(p, p); }
          static Point fBwd(Point res, double g) { return res; } // here
        }
        """, "// here");
  }

  @Test
  void vjpRuleBwdMustReturnTheRecord() {
    assertErrorOnLine("jgrad.RuleReturn", HEAD + """
          @CustomVjp(fwd = "fFwd", bwd = "fBwd") static double f(Point p) { return p.x(); }
          static io.jgrad.runtime.Fwd<Point> fFwd(Point p) { return io.jgrad.runtime.Fwd.of(p.x(), p); }
          static double fBwd(Point res, double g) { return g; } // here
        }
        """, "// here");
  }

  @Test
  void batchedCallerOfARecordFunction() {
    assertErrorOnLine("jgrad.NotBatchable", HEAD + """
          @Differentiable static Point twice(double x) { return new Point(x, 2 * x); }
          @Batched @Differentiable static double f(double x) {
            return twice(x).y(); // here
          }
        }
        """, "// here");
  }

  @Test
  void orderTwoCallerOfARecordFunction() {
    Compilation c = compile(HEAD + """
          @Differentiable static double n2(Point p) { return p.x() * p.y(); }
          @Differentiable(order = 2) static double f(double x) {
            return n2(new Point(x, x));
          }
        }
        """);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.");
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(Locale.ROOT);
      assertWithMessage("diagnostic: %s", m).that(m).doesNotContain("[jgrad.Internal]");
      assertWithMessage("diagnostic: %s", m).that(m).doesNotContain("Derivatives.java");
      assertWithMessage("diagnostic: %s", m).that(d.getSource() == null ? "" : d.getSource().getName())
          .doesNotContain("Derivatives");
    }
  }
}
