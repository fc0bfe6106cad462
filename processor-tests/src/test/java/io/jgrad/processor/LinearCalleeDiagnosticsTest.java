package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A JVP rule may pass its tangent to a {@code @Differentiable} function that is provably linear in
 * that parameter; a callee that is not (a product of the parameter with itself, Math.sin of it, an
 * added constant, a constant result, a local given a constant on one path) is reported at the call
 * in the rule.
 */
class LinearCalleeDiagnosticsTest {
  private static final String HEAD = """
      package a;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.Dual;
      final class A {
      """;

  private static String rule(String calleeBody) {
    return HEAD + """
          @Differentiable static double h(double v) {
            %s
          }
          @CustomJvp(jvp = "gJvp")
          static double g(double x) { return h(x); }
          static Dual gJvp(double x, double xDot) {
            return Dual.of(h(x), h(xDot)); // here
          }
        }
        """.formatted(calleeBody);
  }

  private static String message(Compilation c) {
    return c.errors().get(0).getMessage(Locale.ROOT);
  }

  @Test
  void aLinearCalleeIsAccepted() {
    assertThat(compile("a.A", rule("return 3.0 * v - v / 4.0;")).errors()).isEmpty();
  }

  @Test
  void aProductOfTheParameterWithItselfIsNotLinear() {
    Compilation c = assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("return v * v;"), "// here");
    assertThat(message(c)).contains("passing a tangent to h is not linear in the tangents");
    assertThat(message(c)).contains("@Differentiable function whose body is linear in that parameter");
  }

  @Test
  void mathSinOfTheParameterIsNotLinear() {
    assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("return Math.sin(v);"), "// here");
  }

  @Test
  void anAddedConstantIsAffineNotLinear() {
    assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("return 2.0 * v + 1.0;"), "// here");
  }

  @Test
  void aConstantResultIsNotLinear() {
    assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("double w = v * 2.0; return 1.0;"), "// here");
  }

  @Test
  void aLocalGivenAConstantOnOnePathIsAffine() {
    assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("double w = 1.0; if (x0 > 0) { w = v; } return w;")
        .replace("double h(double v)", "double h(double v, @NonDiff double x0)").replace("h(x)", "h(x, 1.0)")
        .replace("h(xDot)", "h(xDot, -1.0)"), "// here");
  }

  @Test
  void aBranchOnTheParameterIsNotLinear() {
    assertErrorOnLine("jgrad.NonLinearTangent", "a.A", rule("if (v > 0) { return v; } return -v;"), "// here");
  }

  private static String ruleOfOrder(int order) {
    return HEAD + """
          @Differentiable static double h(double v, double k) { return k * v; }
          @CustomJvp(jvp = "gJvp", order = %d)
          static double g(double x) { return x * x / 2; }
          static Dual gJvp(double x, double xDot) {
            return Dual.of(g(x), h(xDot, x)); // here
          }
        }
        """.formatted(order);
  }

  @Test
  void atOrder2ALinearCalleeOfOrder1IsDifferentiatedThroughItsForwardMode() {
    Compilation c = compile("a.A", ruleOfOrder(2));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void atOrder3TheLinearCalleeNeedsOrder2() {
    Compilation c = assertErrorOnLine("jgrad.UnsupportedOrder", "a.A", ruleOfOrder(3), "static double g(");
    assertThat(message(c)).contains("whose body calls h, which has order 1; hint: give h order = 2");
  }

  @Test
  void aJvpsRuleMayPassItsTangentToALinearCalleeAndNotToAnotherFunction() {
    String src = HEAD + """
          @Differentiable static double h(double v) { return v * v; }
          @Differentiable static double k(double v) { return 2.0 * v; }
          @CustomJvp(jvps = {"gJvpX"})
          static double g(double x) { return h(x); }
          static double gJvpX(double t, double ans, double x) {
            return k(t) + h(t); // here
          }
        }
        """;
    assertThat(message(assertErrorOnLine("jgrad.NonLinearTangent", "a.A", src, "// here"))).contains("h");
  }
}
