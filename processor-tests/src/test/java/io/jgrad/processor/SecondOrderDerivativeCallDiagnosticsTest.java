package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A second-order entry point called in a body that jgrad does not differentiate (its function of too
 * low an order, a Hessian read at an index that is not a constant, fHvp of a function reaching a
 * {@code @CustomVjp} rule, fDerivative) is an error at the call with a hint.
 */
class SecondOrderDerivativeCallDiagnosticsTest {
  private static String source(String body) {
    return """
        package a;
        import io.jgrad.annotations.*;
        import io.jgrad.runtime.Fwd;
        final class A {
          @Differentiable(order = 3) static double f(double x, double y) { return Math.sin(x) * y; }
          @Differentiable(order = 2) static double two(double x, double y) { return Math.sin(x) * y; }
          @CustomVjp(fwd = "clipFwd", bwd = "clipBwd", order = 3)
          static double clip(double x) { return x; }
          static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }
          static double clipBwd(Double res, double g) { return g * res; }
          @Differentiable static double caller(double x, double y, int k) {
            %s
          }
        }
        """.formatted(body);
  }

  private static String errorAtCall(String code, String body) {
    Compilation c = assertErrorOnLine(code, "a.A", source(body), "// here");
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[" + code + "]"))
        .findFirst().orElseThrow();
  }

  @Test
  void hessianEntriesAndHvpComponentsCompileCleanly() {
    Compilation c = compile("a.A", source("double[][] h = ADerivatives.fHessian(x, y);\n"
        + "    return h[0][1] + ADerivatives.fHessian(y, x)[1][1] + ADerivatives.fHvp(x, y, 1, x).y();"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aSecondDerivativeNeedsTwoOrdersAboveTheCaller() {
    assertThat(errorAtCall("jgrad.UnsupportedOrder", "return ADerivatives.twoHvp(x, y, 1, 0).x(); // here"))
        .contains("a derivative call in a function of order 1 needs two's derivatives of order 3, and two has"
            + " order 2; hint: give two order = 3");
  }

  @Test
  void hessianEntriesAreReadAtConstantIndices() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return ADerivatives.fHessian(x, y)[k][0]; // here"))
        .contains("fHessian(...)[i][j] at constant indices");
    errorAtCall("jgrad.DerivativeCall", "return ADerivatives.fHessian(x, y)[0][2]; // here");
    errorAtCall("jgrad.DerivativeCall", "double[][] h = ADerivatives.fHessian(x, y);\n    return h[0][k]; // here");
  }

  @Test
  void aReverseOnlyFunctionsHessianCompilesAndItsHvpDoesNotExist() {
    Compilation c = compile("a.A", source("return ADerivatives.clipHessian(x);"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(errorAtCall("jgrad.NoForwardMode", "return ADerivatives.clipHvp(x, 1); // here"))
        .contains("ADerivatives.clipHvp does not exist: forward mode cannot pass a @CustomVjp rule");
  }

  @Test
  void fDerivativeIsNotDifferentiated() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return ADerivatives.fDerivative(x, y, 1, 0, 0, 1, 1, 1); // here"))
        .contains("it differentiates calls to fJvp, fGrad, fValueAndGrad, fVjp(...).pullback(g), fHvp and"
            + " fHessian(...)[i][j]");
  }
}
