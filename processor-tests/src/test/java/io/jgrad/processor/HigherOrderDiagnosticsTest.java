package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Orders above 2 at compile time: what they cannot reach yet is a {@code [jgrad.UnsupportedOrder]}
 * error on the function with a hint (a callee of lower order, a {@code @CustomVjp} rule, a rule whose
 * body calls another rule's function), and a clean order-3 source compiles without a warning.
 */
class HigherOrderDiagnosticsTest {
  private static final String HEAD = """
      package h;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      """;

  @Test
  void aCalleeOfLowerOrderIsAnErrorWithTheOrderToGiveIt() {
    String src = HEAD + """
        class Low {
          @Differentiable(order = 2)
          static double g(double x) { return x * x; }
          @Differentiable(order = 3)
          static double f(double x) { return g(x) * x; }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Low", src, "static double f(");
    assertThat(c).hadErrorContaining("order 3 through a call to g, which has order 2; hint: give g order = 3");
  }

  @Test
  void aRuleWithARecordResultCallingItsFunctionAtOrderThreeIsAnErrorWithAHint() {
    String src = HEAD + """
        class RecordOut {
          record Point(double x, double y) {}
          @CustomJvp(jvp = "twiceJvp", order = 3)
          static Point twice(double x) { return new Point(2 * x, x * x); }
          static Jvp<Point> twiceJvp(double x, double xDot) {
            return Jvp.of(twice(x), new Point(2 * xDot, 2 * x * xDot));
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordOut", src, "static Point twice(");
    assertThat(c).hadErrorContaining("order 3 of a @CustomJvp rule with a record result that calls twice is not"
        + " supported yet; hint:");
  }

  @Test
  void aCallOfACustomRuleWithARecordResultAtOrderThreeIsAnErrorNamingTheCallee() {
    // At order 2 the caller reads the rule's tangent record through its fTangent; above, not yet.
    String src = HEAD + """
        class RecordCall {
          record Point(double x, double y) {}
          @CustomJvp(jvp = "twiceJvp", order = 3)
          static Point twice(double x) { return new Point(2 * x, x * x); }
          static Jvp<Point> twiceJvp(double x, double xDot) {
            return Jvp.of(new Point(2 * x, x * x), new Point(2 * xDot, 2 * x * xDot));
          }
          @Differentiable(order = 3)
          static double f(double x) { Point p = twice(x); return p.x() * p.y(); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordCall", src, "static double f(");
    assertThat(c).hadErrorContaining("order 3 through a call to twice, a @CustomJvp rule with a record result, is"
        + " not supported yet above order 2; hint: give the caller order = 2");
  }

  @Test
  void aCallOfARecordResultWithAnArrayComponentAtOrderTwoIsAnError() {
    String src = HEAD + """
        class RecordArrayCall {
          record Layer(double[] w, double b) {}
          @Differentiable
          static Layer layer(double x) { double[] w = new double[1]; w[0] = x; return new Layer(w, x * x); }
          @Differentiable(order = 2)
          static double f(double x) { Layer l = layer(x); return l.w()[0] * l.b(); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordArrayCall", src, "static double f(");
    assertThat(c).hadErrorContaining("order 2 through a call to layer, which returns a record with an array"
        + " component, is not supported yet; hint:");
  }

  @Test
  void aRecordResultRuleAboveOrderTwoIsAnErrorWithAHint() {
    // A number result has fDerivative above order 2 (RecordVjpRulesAtOrderThree); a record result not yet.
    String src = HEAD + """
        class RecordVjp {
          record Point(double x, double y) {}
          @CustomVjp(fwd = "fFwd", bwd = "fBwd", order = 3)
          static Point f(Point p) { return new Point(p.y(), p.x() * p.y()); }
          static RecordFwd<Point, Point> fFwd(Point p) { return RecordFwd.of(new Point(p.y(), p.x() * p.y()), p); }
          static Point fBwd(Point p, Point g) { return new Point(p.y() * g.y(), g.x() + p.x() * g.y()); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordVjp", src, "static Point f(");
    assertThat(c).hadErrorContaining("order 3 of a function with records that has or reaches a @CustomVjp rule is"
        + " not supported yet above order 2 for a record result; hint: give it order = 1 or 2");
  }

  @Test
  void aRecordWithAnArrayComponentReachingACustomVjpRuleAboveOrderTwoIsAnErrorWithAHint() {
    String src = HEAD + """
        class RecordArrayVjp {
          record Layer(double[] w, double b) {}
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 3)
          static double s(double x) { return Math.sin(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double sBwd(Double cos, double g) { return cos * g; }
          @Differentiable(order = 3)
          static double f(Layer l) { return s(l.w()[0] * l.b()); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordArrayVjp", src, "static double f(");
    assertThat(c).hadErrorContaining("order 3 of a function with records that has or reaches a @CustomVjp rule is"
        + " not supported yet above order 2 for a record with an array or float component; hint:");
  }

  @Test
  void aRecordResultReachingACustomVjpRuleWithAnIntParameterAtOrderTwoIsAnErrorWithAHint() {
    String src = HEAD + """
        class RecordOutVjp {
          record Point(double x, double y) {}
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 2)
          static double s(double x) { return Math.sin(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double sBwd(Double cos, double g) { return cos * g; }
          @Differentiable(order = 2)
          static Point f(double x, int n) {
            double y = x;
            int i = 0;
            while (i < n) {
              y = s(y);
              i++;
            }
            return new Point(y, x * x);
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RecordOutVjp", src, "static Point f(");
    assertThat(c).hadErrorContaining("order 2 of a function with a record result that reaches a @CustomVjp rule is"
        + " supported where every parameter is a differentiated double, and its parameter n is an int;"
        + " hint: give it order = 1, or return a number");
  }

  @Test
  void anOrderBelowOneIsAnError() {
    String src = HEAD + """
        class Zero {
          @Differentiable(order = 0)
          static double f(double x) { return x * x; }
        }
        """;
    Compilation c = compile("h.Zero", src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedOrder] order must be at least 1");
  }

  @Test
  void aCustomVjpRuleAtOrderThreeWhoseBackwardPassCallsAFunctionOfOrderOne() {
    String src = HEAD + """
        class Vjp3 {
          @Differentiable
          static double twice(double x) { return 2 * x; }
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 3)
          static double s(double x) { return Math.sin(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double sBwd(Double cos, double g) { return twice(cos) * g / 2; }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Vjp3", src, "static double s(");
    assertThat(c).hadErrorContaining("order 3 of s differentiates its fwd and bwd 2 times: order 2 through a call"
        + " to twice, which has order 1; hint: give twice order = 2");
  }

  @Test
  void reverseOverReverseAboveOrderTwoThroughAFunctionWithForwardModeIsAnError() {
    String src = HEAD + """
        class Vjp3Caller {
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 3)
          static double s(double x) { return Math.sin(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double sBwd(Double cos, double g) { return cos * g; }
          @Differentiable(order = 3)
          static double square(double x) { return x * x; }
          @Differentiable(order = 3)
          static double f(double x) { return s(x) * square(x); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Vjp3Caller", src, "static double f(");
    assertThat(c).hadErrorContaining("order 3 by reverse over reverse through square, which has forward mode, is"
        + " not supported yet above order 2; hint:");
  }

  @Test
  void aBodyTooLargeForReverseOverReverseAtOrderFourIsAnError() {
    String src = HEAD + """
        class Vjp4Size {
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 4)
          static double s(double x) { return Math.sin(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double sBwd(Double cos, double g) { return cos * g; }
          @Differentiable(order = 4)
          static double f(double x, int n) {
            double c = x;
            for (int i = 0; i < n; i++) {
              c = s(c) * c + Math.sin(c * c) - Math.cos(c) / (1 + c * c);
              c = c * 0.5 + s(c + 1) * 0.25 + Math.exp(-c * c);
            }
            return c;
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Vjp4Size", src, "static double f(");
    assertThat(c).hadErrorContaining("operations and values, more than the 33 whose derivatives of that order fit"
        + " the JVM's 64 KB of bytecode per method; hint:");
  }

  @Test
  void tooManyPullbackFunctionsOfPullbackFunctionsIsAnError() {
    String src = HEAD + """
        class Vjp6 {
          @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 6)
          static double s(double x, double y, double z) { return x * y * z; }
          static Fwd<double[]> sFwd(double x, double y, double z) { return Fwd.of(x * y * z, new double[] {x, y, z}); }
          static Vjp6Derivatives.SGrad sBwd(double[] r, double g) {
            return new Vjp6Derivatives.SGrad(r[1] * r[2] * g, r[0] * r[2] * g, r[0] * r[1] * g);
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Vjp6", src, "static double s(");
    assertThat(c).hadErrorContaining("order 6 of s by reverse over reverse would generate more than 256 pullback"
        + " functions");
  }

  @Test
  void aCallerOfOrderThreeOfARuleOfAFloatWhoseBodyCallsAnotherRulesFunctionIsAnError() {
    String src = HEAD + """
        class Nested {
          @CustomJvp(jvp = "gJvp", order = 3)
          static double g(double x) { return Math.sin(x); }
          static Dual gJvp(double x, double xDot) { return Dual.of(g(x), 2 * Math.cos(x) * xDot); }
          @CustomJvp(jvp = "fJvp", order = 3)
          static double f(float x) { return Math.sin(x); }
          static Dual fJvp(float x, float xDot) { return Dual.of(g(x), Math.cos(x) * xDot); }
          @Differentiable(order = 3)
          static double h(double x) { return f((float) x) * x; }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Nested", src, "static double h(");
    assertThat(c).hadErrorContaining("order 3 through a call to f, which has or reaches a @CustomJvp rule whose"
        + " body calls another function with a custom rule, is supported above order 2 only for a function of"
        + " doubles compiled with its caller; hint: give the caller order = 2, or make f a function of doubles");
    assertThat(c.errors()).hasSize(1); // f itself, of order 3, is fine
  }

  @Test
  void aRuleCallingARuleWhoseBodyCallsAnotherRulesFunctionIsAnErrorAtOrderThree() {
    String src = HEAD + """
        class NestedJvps {
          @CustomJvp(jvp = "gJvp", order = 3)
          static double g(double x) { return Math.sin(x); }
          static Dual gJvp(double x, double xDot) { return Dual.of(g(x), 2 * Math.cos(x) * xDot); }
          @CustomJvp(jvps = {"fJvpX"}, order = 3)
          static double f(double x) { return Math.sin(x); }
          static double fJvpX(double t, double ans, double x) { return g(x) * t; }
          @CustomJvp(jvp = "kJvp", order = 3)
          static double k(double x) { return Math.sin(x); }
          static Dual kJvp(double x, double xDot) { return Dual.of(Math.sin(x), f(x) * xDot); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.NestedJvps", src, "static double k(");
    assertThat(c).hadErrorContaining("order 3 through a call to f, which has or reaches a @CustomJvp rule whose");
    assertThat(c.errors()).hasSize(1); // f, whose jvps rule calls g, is fine at order 3
  }

  @Test
  void jvpsRulesOfOrderTwoAndThreeCompileCleanly() {
    String src = HEAD + """
        class Jvps {
          @CustomJvp(jvps = {"fJvpX", ""}, order = 3)
          static double f(double x, double y) { return Math.sin(x) * y; }
          static double fJvpX(double t, double ans, double x, double y) { return ans * t; }
          @CustomJvp(jvps = {"gJvpX"}, order = 2)
          static double g(double x) { return Math.exp(x); }
          static double gJvpX(double t, double ans, double x) { return 2 * ans * t; }
        }
        """;
    Compilation c = compile("h.Jvps", src);
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aRuleThatCallsItsFunctionMustReturnThatCallAsItsValueAtOrderThree() {
    String src = HEAD + """
        class Twice {
          @CustomJvp(jvp = "fJvp", order = 3)
          static double f(double x) { return Math.sin(x); }
          static Dual fJvp(double x, double xDot) { return Dual.of(2 * f(x), Math.cos(x) * xDot); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.Twice", src, "static double f(");
    assertThat(c).hadErrorContaining("Dual.of(f(x), ...)");
  }

  @Test
  void aRuleBodysCalleeNeedsTheOrderBelow() {
    String src = HEAD + """
        class RuleCallee {
          @Differentiable
          static double sq(double x) { return x * x; }
          @CustomJvp(jvp = "fJvp", order = 3)
          static double f(double x) { return x * x * x; }
          static Dual fJvp(double x, double xDot) { return Dual.of(f(x), 3 * sq(x) * xDot); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RuleCallee", src, "static double f(");
    assertThat(c).hadErrorContaining("hint: give sq order = 2");
  }

  @Test
  void aCallerOfOrderThreeOfARuleWithAnArrayResultIsAnErrorWithAHint() {
    String src = HEAD + """
        class RuleArrays {
          @CustomJvp(jvp = "fJvp", order = 3)
          static double[] f(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * x[i];
            }
            return y;
          }
          static Jvp<double[]> fJvp(double[] x, double[] xDot) {
            double[] y = new double[x.length];
            double[] t = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * x[i];
              t[i] = 2 * x[i] * xDot[i];
            }
            return Jvp.of(y, t);
          }
          @Differentiable(order = 3)
          static double g(double[] x) {
            double[] y = f(x);
            return y[0] * y[1];
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.RuleArrays", src, "static double g(");
    assertThat(c).hadErrorContaining("order 3 through a call to f, a @CustomJvp rule with an array result, is not"
        + " supported yet above order 2; hint: give the caller order = 2");
  }

  @Test
  void aFloatBesideAnArrayReverseOverReverseIsAnError() {
    String src = HEAD + """
        class VjpArrays {
          @CustomVjp(fwd = "gFwd", bwd = "gBwd", order = 2)
          static double g(double x) { return Math.sin(x); }
          static Fwd<Double> gFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double gBwd(Double cos, double gr) { return cos * gr; }
          @Differentiable(order = 2)
          static double f(double[] x, float y) { return g(x[0]) * x[1] * y; }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.VjpArrays", src, "static double f(");
    assertThat(c).hadErrorContaining("or double[], float[] and double parameters with a double result; hint:");
    assertThat(c).hadErrorContaining("order 2 through a @CustomVjp rule needs double parameters and a double result");
  }

  @Test
  void anArrayResultRuleAtOrderThreeIsAnError() {
    String src = HEAD + """
        class VjpArrayResult {
          @CustomVjp(fwd = "gFwd", bwd = "gBwd", order = 3)
          static double[] g(double[] x) { double[] y = new double[1]; y[0] = x[0] * x[1]; return y; }
          static RecordFwd<double[], double[]> gFwd(double[] x) { return RecordFwd.of(g(x), new double[] {x[0], x[1]}); }
          static double[] gBwd(double[] res, double[] gr) {
            double[] out = new double[2];
            out[0] = res[1] * gr[0];
            out[1] = res[0] * gr[0];
            return out;
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.VjpArrayResult", src, "static double[] g(");
    assertThat(c).hadErrorContaining("order 3 of a @CustomVjp rule with an array result is not supported yet (order 2"
        + " over double and double[] parameters is); hint:");
  }

  @Test
  void anArrayParameterReverseOverReverseAboveOrderTwoThroughForwardModeIsAnError() {
    String src = HEAD + """
        class VjpArrays3 {
          @CustomVjp(fwd = "gFwd", bwd = "gBwd", order = 3)
          static double g(double x) { return Math.sin(x); }
          static Fwd<Double> gFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
          static double gBwd(Double cos, double gr) { return cos * gr; }
          @Differentiable(order = 3)
          static double h(double x) { return x * x * x; }
          @Differentiable(order = 3)
          static double f(double[] x) { return g(x[0]) * h(x[1]); }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.VjpArrays3", src, "static double f(");
    assertThat(c).hadErrorContaining("order 3 by reverse over reverse through h, which has forward mode, is not"
        + " supported yet above order 2; hint:");
  }

  @Test
  void aCallOfAFunctionReturningItsArrayParameterAtOrderTwoIsAnError() {
    String src = HEAD + """
        class ArrayResult {
          @Differentiable
          static double[] same(double[] x) {
            return x;
          }
          @Differentiable(order = 2)
          static double f(double[] x) {
            double[] y = same(x);
            return y[0] * y[1];
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.ArrayResult", src, "static double f(");
    assertThat(c).hadErrorContaining("order 2 through a call to same, which returns an array, takes its body in"
        + " as the caller's code, but it returns its parameter x; hint:");
  }

  @Test
  void aCallOfACustomVjpRuleWithAnArrayResultAtOrderTwoIsAnError() {
    String src = HEAD + """
        class ArrayRule {
          @CustomVjp(fwd = "twiceFwd", bwd = "twiceBwd")
          static double[] twice(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              y[i] = 2 * x[i];
            }
            return y;
          }
          static RecordFwd<double[], Double> twiceFwd(double[] x) {
            return RecordFwd.of(twice(x), 2.0);
          }
          static double[] twiceBwd(Double two, double[] g) {
            double[] out = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              out[i] = two * g[i];
            }
            return out;
          }
          @Differentiable(order = 2)
          static double f(double x) {
            double[] a = new double[2];
            a[0] = x;
            a[1] = x * x;
            double[] y = twice(a);
            return y[0] * y[1];
          }
        }
        """;
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "h.ArrayRule", src, "static double f(");
    assertThat(c).hadErrorContaining("order 2 through a call to twice, which returns an array, is not supported"
        + " yet in a function that reaches a @CustomVjp rule; hint:");
  }

  @Test
  void orderThreeCompilesWithoutWarnings() {
    String src = HEAD + """
        class Clean {
          @CustomJvp(jvp = "gJvp", order = 3)
          static double g(double x) { return Math.sin(x); }
          static Dual gJvp(double x, double xDot) { return Dual.of(g(x), Math.cos(x) * xDot); }
          @Differentiable(order = 3)
          static double f(double x, double y, DiffFn1 k) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s = s * x + g(y) * k.value(x);
            }
            return s;
          }
        }
        """;
    Compilation c = compile("h.Clean", src);
    assertThat(c).succeededWithoutWarnings();
  }
}
