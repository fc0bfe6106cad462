package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Derivative calls of functions with records that jgrad does not differentiate yet (a record result
 * with an int component) or read in a way it does not (a component
 * without tangent) are errors at the call with a hint.
 */
class RecordDerivativeCallDiagnosticsTest {
  private static String source(String body) {
    return """
        package a;
        import io.jgrad.annotations.*;
        final class A {
          record P(double x, double y) {}
          record T(double u, int n) {}
          @Differentiable(order = 2) static double f(P p, T t) { return p.x() * p.y() * t.u() * t.n(); }
          @Differentiable(order = 2) static P twice(P p) { return new P(2 * p.x(), 2 * p.y()); }
          @Differentiable(order = 2) static T tag(P p) { return new T(p.x() * p.y(), 1); }
          @Differentiable(order = 2) static double g(P p) { return p.x() * p.y(); }
          @Differentiable static double caller(double x, double y) {
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
  void readsOfRecordGradientsCompileCleanly() {
    Compilation c = compile("a.A", source("ADerivatives.FGrad g = ADerivatives.fGrad(new P(x, y), new T(y, 2));\n"
        + "    return g.p().x() + g.t().u() + ADerivatives.fJvp(new P(x, y), new T(x, 1), new P(1, 0), new T(0, 0))"
        + ".tangent() + ADerivatives.gVjp(new P(y, x)).pullback(x).y();"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aRecordResultWithAnIntComponentIsNotYet() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return ADerivatives.tagJvp(new P(x, y), new P(1, 0)).value().u();"
        + " // here")).contains("ADerivatives.tagJvp is not differentiated yet: tag returns a record with a"
            + " component other than a number");
  }

  @Test
  void aRecordResultIsReadAtALeaf() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return ADerivatives.twiceJvp(new P(x, y), new P(1, 0)).value()"
        + ".hashCode(); // here")).contains(".tangent() or .value(), each read at a leaf (.x())");
  }

  @Test
  void aComponentWithoutTangentIsNoGradient() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return ADerivatives.fGrad(new P(x, y), new T(y, 2)).t().n();"
        + " // here")).contains("fGrad(...).p().x()");
  }

  @Test
  void aRecordGivenWholeMustBeAGradient() {
    assertThat(errorAtCall("jgrad.DerivativeCall", "return g(ADerivatives.fGrad(new P(x, y), new T(y, 2))); // here"))
        .contains("jgrad differentiates a record a derivative call gives whole where it is a gradient of records");
    errorAtCall("jgrad.DerivativeCall", "return g(ADerivatives.fGrad(new P(x, y), new T(y, 2)).t()); // here");
  }

  @Test
  void gradientRecordsUsedWholeCompileCleanly() {
    Compilation c = compile("a.A", source("P d = ADerivatives.gGrad(new P(x, y));\n    P e = d;\n"
        + "    return g(e) + g(ADerivatives.fGrad(new P(x, y), new T(y, 2)).p()) + g(ADerivatives.gVjp(e).pullback(x));"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }
}
