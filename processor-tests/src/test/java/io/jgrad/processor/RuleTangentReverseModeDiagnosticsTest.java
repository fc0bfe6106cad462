package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A derivative call of a function that reaches a {@code @CustomJvp} rule with an array result (whose
 * tangent function has no reverse mode) is a {@code [jgrad.DerivativeCall]} error at the call with a
 * hint, never a javac error inside generated code; its value is still read.
 */
class RuleTangentReverseModeDiagnosticsTest {
  private static String source(String body) {
    return """
        package t;
        import io.jgrad.annotations.*;
        import io.jgrad.runtime.*;
        final class T {
          @CustomJvp(jvp = "pairJvp", order = 2)
          static double[] pair(double w) { double[] y = new double[2]; y[0] = w * w; y[1] = Math.sin(w); return y; }
          static Jvp<double[]> pairJvp(double w, double wDot) {
            double[] y = pair(w);
            double[] t = new double[2];
            t[0] = 3 * w * wDot;
            t[1] = Math.cos(w) * wDot;
            return Jvp.of(y, t);
          }
          @Differentiable(order = 2)
          static double f(double w) { double[] y = pair(w); return y[0] * y[1]; }
          @Differentiable static double caller(double w) {
            %s
          }
        }
        """.formatted(body);
  }

  private static String errorAtCall(String body) {
    Compilation c = assertErrorOnLine("jgrad.DerivativeCall", "t.T", source(body), "// here");
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[jgrad.DerivativeCall]"))
        .findFirst().orElseThrow();
  }

  @Test
  void theTangentIsAnErrorAtTheCall() {
    assertThat(errorAtCall("return TDerivatives.fJvp(w, 1).tangent(); // here"))
        .contains("f reaches a @CustomJvp rule with an array or record result, through whose tangent no reverse"
            + " mode goes; hint: give that rule a plain body, or read only f's value");
  }

  @Test
  void theGradientIsAnErrorAtTheCall() {
    assertThat(errorAtCall("return TDerivatives.fGrad(w); // here")).contains("f reaches a @CustomJvp rule");
  }

  @Test
  void aCallerOfOrderTwoOfAFunctionCallingTheRuleIsAnErrorAtTheCaller() {
    // f's own tangent has no reverse mode, which g's second derivatives through f would call.
    String src = source("return w;").replace("  @Differentiable static double caller(",
        "  @Differentiable(order = 2) static double g(double w) { return f(w) * w; } // here\n"
            + "  @Differentiable static double caller(");
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "t.T", src, "// here");
    assertThat(c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("UnsupportedOrder"))
        .findFirst().orElseThrow()).contains("order 2 through a call to f, which calls pair, a @CustomJvp rule with"
            + " an array result, is not supported yet; hint: call pair here instead");
  }

  @Test
  void theValueCompiles() {
    Compilation c = compile("t.T", source("return TDerivatives.fJvp(w, 1).value();"));
    assertThat(c.errors()).isEmpty();
  }
}
