package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Derivative calls of a function with a {@code double[]} result that jgrad does not differentiate
 * yet (a caller of order 2, the tangent or pullback array as a value of its own) are errors at the
 * call with a hint; the shapes it reads compile cleanly.
 */
class ArrayResultCallDiagnosticsTest {
  private static String source(String callerAnnotation, String body) {
    return """
        package a;
        import io.jgrad.annotations.*;
        final class A {
          @Differentiable(order = 3) static double[] twice(double[] v, double a) {
            double[] y = new double[v.length];
            for (int i = 0; i < v.length; i++) {
              y[i] = a * v[i] * v[i];
            }
            return y;
          }
          @Differentiable static double first(double[] v) { return v[0]; }
          %s static double caller(double[] w, double[] u, double x) {
            %s
          }
        }
        """.formatted(callerAnnotation, body);
  }

  private static String errorAtCall(String code, String callerAnnotation, String body) {
    Compilation c = assertErrorOnLine(code, "a.A", source(callerAnnotation, body), "// here");
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[" + code + "]"))
        .findFirst().orElseThrow();
  }

  @Test
  void theTangentIntoALocalAndInPlaceCompilesCleanly() {
    Compilation c = compile("a.A", source("@Differentiable", "double[] t = ADerivatives.twiceJvp(w, x, u, 1).tangent();\n"
        + "    double[] y = ADerivatives.twiceJvp(w, x, u, 0).value();\n"
        + "    return t[0] * y[1] + ADerivatives.twiceJvp(w, x, u, 1).tangent()[1];"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aCallerOfOrder2IsNotYet() {
    assertThat(errorAtCall("jgrad.UnsupportedOrder", "@Differentiable(order = 2)",
        "double[] t = ADerivatives.twiceJvp(w, x, u, 1).tangent(); // here\n    return t[0];"))
        .contains("the derivatives of twiceJvp(...) are an array's, which a caller has at order 1 only,"
            + " and caller has order 2; hint: give caller order = 1");
  }

  @Test
  void theTangentPassedOnWholeIsRefused() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "@Differentiable",
        "return first(ADerivatives.twiceJvp(w, x, u, 1).tangent()); // here"))
        .contains("twiceJvp(...).tangent() is an array: jgrad differentiates it read in place or into a local array"
            + " at the top level of the body; hint: twiceJvp(...).tangent()[i], or double[] t =");
  }

  @Test
  void aPullbackCompilesCleanly() {
    Compilation c = compile("a.A", source("@Differentiable", "double[] g = ADerivatives.twiceVjp(w, x).pullback(u).v();\n"
        + "    return g[0] + ADerivatives.twiceVjp(w, x).pullback(u).a() + ADerivatives.twiceVjp(w, x).pullback(u).v()[1];"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aPullbackArrayPassedOnWholeIsRefused() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "@Differentiable",
        "return first(ADerivatives.twiceVjp(w, x).pullback(u).v()); // here"))
        .contains("twiceVjp(...).pullback(u) is an array: jgrad differentiates it read in place or into a local"
            + " array at the top level of the body; hint:");
  }

  @Test
  void aPullbackInACallerOfOrder2IsNotYet() {
    assertThat(errorAtCall("jgrad.UnsupportedOrder", "@Differentiable(order = 2)",
        "return ADerivatives.twiceVjp(w, x).pullback(u).a(); // here"))
        .contains("the derivatives of twiceVjp(...).pullback(u) are second derivatives of twice, which returns an"
            + " array, and a caller has them at order 1 only, and caller has order 2; hint: give caller order = 1");
  }

  @Test
  void aTangentInPlaceNeedsParametersAsArguments() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "@Differentiable",
        "double a = 2 * x;\n    return ADerivatives.twiceJvp(w, a, u, 1).tangent()[0]; // here"))
        .contains("twiceJvp(...).tangent() read in place is computed once, at the start of caller, and its"
            + " arguments must be parameters or constants there; hint: read it into a local array where its"
            + " arguments have their values, double[] t = twiceJvp(...).tangent(); then read t[i]");
  }
}
