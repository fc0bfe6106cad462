package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A derivative call jgrad cannot differentiate (its function of order 1 or below the caller's order + 1, a result
 * kept whole, a Hessian, a function of a float array beside other parameters, an array gradient passed
 * on whole with arguments the body computes) is an error at the call with a hint, never javac's bare
 * "cannot find symbol" nor a caller silently left without derivatives.
 */
class DerivativeCallDiagnosticsTest {
  private static final String PLAIN = "@Differentiable";

  private static String source(String callerAnnotation, String body) {
    return """
        package a;
        import io.jgrad.annotations.*;
        import io.jgrad.runtime.Dual;
        import io.jgrad.runtime.Fwd;
        final class A {
          @Differentiable(order = 2) static double f(double x, double y) { return Math.sin(x) * y; }
          @Differentiable static double once(double x) { return x * x * x; }
          @Differentiable static double sum(double[] v) { return v[0] * v[1]; }
          @Differentiable(order = 2) static double norm(double[] v) { return v[0] * v[0] * v[1]; }
          @Differentiable(order = 3) static double cube(double[] v) { return v[0] * v[0] * v[0]; }
          @Differentiable(order = 2) static double mixed(double[] v, double a) { return v[0] * a * a; }
          @Differentiable(order = 2) static float narrow(float[] v, double a) { return (float) (v[0] * v[1] * a); }
          @CustomVjp(fwd = "clipFwd", bwd = "clipBwd", order = 2)
          static double clip(double x) { return x; }
          static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }
          static double clipBwd(Double res, double g) { return g * res; }
          @Differentiable(order = 2) static double clipped(double[] v) { return clip(v[0]) * v[1]; }
          %s static double caller(double x, double y) {
            %s
          }
        }
        """.formatted(callerAnnotation, body);
  }

  private static String message(Compilation c, String code) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[" + code + "]"))
        .findFirst().orElseThrow();
  }

  private static String errorAtCall(String code, String callerAnnotation, String body) {
    return message(assertErrorOnLine(code, "a.A", source(callerAnnotation, body), "// here"), code);
  }

  @Test
  void chainedCallsOfAnOrder2FunctionCompileCleanly() {
    Compilation c = compile("a.A", source(PLAIN, "return ADerivatives.fJvp(x, y, 1, 0).tangent()"
        + " + ADerivatives.fGrad(x, y).y() + ADerivatives.clipGrad(x);"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void theFunctionNeedsOrder2() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, "return ADerivatives.onceGrad(x); // here"))
        .contains("ADerivatives.onceGrad is a second derivative of once, generated only at order 2;"
            + " hint: add order = 2 to @Differentiable on once");
  }

  @Test
  void aCallerOfOrderKNeedsTheFunctionAtOrderKPlus1() {
    assertThat(errorAtCall("jgrad.UnsupportedOrder", "@Differentiable(order = 2)", "return ADerivatives.fGrad(x, y).x(); // here"))
        .contains("a derivative call in a function of order 2 needs f's derivatives of order 3, and f has order 2;"
            + " hint: give f order = 3, or caller order = 1");
    assertThat(errorAtCall("jgrad.DerivativeCall", "@Differentiable(order = 3)", "return ADerivatives.onceGrad(x); // here"))
        .contains("hint: add order = 4 to @Differentiable on once");
  }

  @Test
  void aCallerOfOrder2OfAnOrder3FunctionCompilesCleanly() {
    Compilation c = compile("a.A", source("@Differentiable(order = 2)", "return ADerivatives.gJvp(x, 1).tangent();")
        .replace("final class A {", "final class A {\n  @Differentiable(order = 3) static double g(double x) { return x * x * x; }"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aResultReadAsAWholeValueAsksForItsNumbers() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        "Dual d = ADerivatives.fJvp(x, y, 1, 0);\n    Dual e = d;\n    return e.tangent() + (d == null ? 0 : 1); // here"))
        .contains("d.tangent() or .value(); hint: read the number you need");
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, "return ADerivatives.fGrad(x, y).z(); // here"))
        .contains("fGrad(...).x()");
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        "ADerivatives.FGrad g = ADerivatives.fGrad(x, y);\n    return g.z(); // here"))
        .contains("a derivative call whose result is read through its methods, g.x()");
  }

  @Test
  void aLocalHoldingAResultCompilesCleanly() {
    Compilation c = compile("a.A", source(PLAIN, "Dual d = ADerivatives.fJvp(x, y, 1, 0);\n"
        + "    ADerivatives.FGrad g = ADerivatives.fGrad(x, y);\n    return d.tangent() * g.y();"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void fDerivativeIsNotDifferentiated() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, "return ADerivatives.fDerivative(x, y, 1, 0, 0, 1); // here"))
        .contains("jgrad does not differentiate a call to ADerivatives.fDerivative; it differentiates calls to fJvp");
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, "return ADerivatives.fDerivative(x, y, 1, 0, 0, 1); // here"))
        .contains("(fDerivative is the derivative of f's own order n, so its derivatives would be of order n + 1)");
  }

  @Test
  void functionObjectCallsCompileCleanly() {
    Compilation c = compile("a.A", source(PLAIN, "return ADerivatives.f().value(x, y)"
        + " + ADerivatives.f().jvp(x, y, 1, 0).tangent() + ADerivatives.f().grad(x, y).second()"
        + " + ADerivatives.f().partialFirst().value(x, y) + ADerivatives.clip().vjp(x).pullback(y);"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void functionObjectCallsJgradDoesNotDifferentiate() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        "return ADerivatives.f().partialFirst().vjp(x, y).pullback(1).first(); // here"))
        .contains("the derivative objects of f() are read through value, jvp or grad");
    assertThat(errorAtCall("jgrad.NoForwardMode", PLAIN, "return ADerivatives.clip().jvp(x, 1).tangent(); // here"))
        .contains("clip's function object has no forward mode");
    assertThat(errorAtCall("jgrad.UnsupportedOrder", PLAIN,
        "return ADerivatives.f().partialFirst().grad(x, y).first(); // here"))
        .contains("needs f's derivatives of order 3, and f has order 2");
  }

  @Test
  void kernelsTakeDerivativeCallsOfFunctionsOfNumbers() {
    Compilation c = compile("a.A", source("@Batched @Differentiable", "return ADerivatives.fGrad(x, y).x()"
        + " + ADerivatives.fJvp(x, y, 1, 0).tangent() + ADerivatives.clipGrad(x);"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(errorAtCall("jgrad.DerivativeCall", "@Batched @Differentiable",
        "return ADerivatives.normJvp(new double[] {x, y}, new double[] {1, 0}).tangent(); // here"))
        .contains("not yet ADerivatives.normJvp: norm is differentiated in arrays");
  }

  /** A local array of x and y, then {@code rest}. */
  private static String withArray(String rest) {
    return "double[] w = new double[2];\n    w[0] = x;\n    w[1] = y;\n    " + rest;
  }

  @Test
  void functionsOfDoubleArraysCompileCleanly() {
    Compilation c = compile("a.A", source(PLAIN, withArray("double[] g = ADerivatives.normGrad(w);\n"
        + "    double[] h = ADerivatives.normValueAndGrad(w).grad();\n"
        + "    double[] p = ADerivatives.normVjp(w).pullback(x);\n"
        + "    return g[0] * h[1] * p[0] + ADerivatives.mixedJvp(w, x, w, 1).tangent() + ADerivatives.normJvp(w, w).value();")));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void functionsOfAFloatArrayWithAFloatResultBesideAnotherParameterAreNotYet() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        "return ADerivatives.narrowJvp(new float[] {(float) x, 1f}, y, new float[] {1f, 0f}, 1).tangent(); // here"))
        .contains("narrow takes or returns something other than numbers, records of numbers and arrays of numbers"
            + " with a double result");
  }

  @Test
  void theGradientPassedOnWholeTakesArgumentsAsTheyAreAtTheStart() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        withArray("return sum(ADerivatives.normGrad(w)); // here")))
        .contains("the gradient of norm read in place or passed on whole is computed once, at the start of caller,"
            + " and its arguments must be parameters or constants there; hint: read it into a local array");
  }

  @Test
  void theGradientReadInPlaceOfAnArrayCreatedInTheCallIsReadIntoALocal() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        "return ADerivatives.normGrad(new double[] {x, y})[0]; // here"))
        .contains("the gradient of norm read in place or passed on whole is computed once, at the start of caller,"
            + " before an array created in its arguments (new double[] {...}) exists; hint: read it into a local"
            + " array, double[] g = normGrad(...); then read g[i]");
  }

  @Test
  void theHvpOfAReverseOnlyFunctionOfArraysIsRefusedAtTheCall() {
    // clipped has fHvp (reverse over reverse), so javac reports nothing: jgrad must.
    assertThat(errorAtCall("jgrad.UnsupportedOrder", PLAIN,
        withArray("double[] h = ADerivatives.clippedHvp(w, w); // here\n    return h[0];")))
        .contains("a derivative call in a function of order 1 needs clipped's derivatives of order 3");
  }

  @Test
  void theVhpOfAFunctionOfArraysIsRefusedAtTheCall() {
    // clipped has fVhp (reverse over reverse), generated after the caller is read: never silence.
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, withArray("return ADerivatives.clippedVhp(w, w)[0]; // here")))
        .contains("jgrad does not differentiate a call to ADerivatives.clippedVhp");
  }

  @Test
  void theHessianDiagonalOfAFunctionOfArraysIsRefusedAtTheCall() {
    // norm has fHessianDiagonal, generated after the caller is read: never silence.
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        withArray("return ADerivatives.normHessianDiagonal(w)[0]; // here")))
        .contains("jgrad does not differentiate a call to ADerivatives.normHessianDiagonal");
  }

  @Test
  void aPullbackPassedOnWholeIsReadIntoALocalFirst() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        withArray("return sum(ADerivatives.normVjp(w).pullback(x)); // here")))
        .contains("read in place or into a local array; hint: double[] p = normVjp(...).pullback(s); then pass p on");
  }

  @Test
  void theGradientReadInPlaceTakesArgumentsAsTheyAreAtTheStart() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN, withArray("return ADerivatives.normGrad(w)[0]; // here")))
        .contains("the gradient of norm read in place or passed on whole is computed once, at the start of caller,"
            + " and its arguments must be parameters or constants there; hint: read it into a local array");
    String assigned = source(PLAIN, "x = 2 * x;\n    return ADerivatives.rGrad(v, x)[0]; // here")
        .replace("caller(double x, double y)", "caller(double[] v, double x)")
        .replace("final class A {", "final class A {\n  @Differentiable(order = 2) static double r(double[] v,"
            + " @NonDiff double k) { return v[0] * v[1] * k; }");
    assertThat(message(assertErrorOnLine("jgrad.DerivativeCall", "a.A", assigned, "// here"), "jgrad.DerivativeCall"))
        .contains("the gradient of r read in place or passed on whole is computed once, at the start of caller, but its"
            + " argument x is"
            + " assigned in the body; hint: read it into a local array after the assignment, double[] g ="
            + " rGrad(...); then read g[i]");
  }

  @Test
  void theGradientArrayOfSeveralParametersWithFloatsAtOrder2IsNotYet() {
    // Of double[]s and doubles it works (GradientComponentsAtOrderTwoTest); of a float[] not yet.
    String src = source("@Differentiable(order = 2)", "float[] w = {(float) x, (float) y};\n"
        + "    float[] g = ADerivatives.pairGrad(w, x).v(); // here\n    return g[0];")
        .replace("final class A {", "final class A {\n  @Differentiable(order = 3) static double pair(float[] v,"
            + " double a) { return v[0] * v[1] * a; }");
    assertThat(message(assertErrorOnLine("jgrad.UnsupportedOrder", "a.A", src, "// here"), "jgrad.UnsupportedOrder"))
        .contains("the gradient of pair is an array, whose derivatives a caller has at order 1, or at order 2"
            + " where pair has double[] and double parameters and forward mode, and caller has order 2; hint: give"
            + " caller order = 1, or read a directional derivative, pairJvp(...).tangent()");
  }

  @Test
  void aGradientOfSeveralParametersCompilesCleanly() {
    Compilation c = compile("a.A", source(PLAIN, withArray("double[] g = ADerivatives.mixedGrad(w, x).v();\n"
        + "    double[] p = ADerivatives.mixedVjp(w, x).pullback(y).v();\n"
        + "    return g[0] + ADerivatives.mixedGrad(w, x).a() + p[1];")));
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aGradientOfAFloatResultBesideAnArrayIsNotYet() {
    String floats = source(PLAIN, withArray("double[] g = ADerivatives.floatyGrad(w, (float) x).v(); // here\n"
        + "    return g[0];"))
        .replace("final class A {", "final class A {\n  @Differentiable(order = 2) static float floaty(double[] v,"
            + " float a) { return (float) v[0] * a; }");
    assertThat(message(assertErrorOnLine("jgrad.DerivativeCall", "a.A", floats, "// here"), "jgrad.DerivativeCall"))
        .contains("ADerivatives.floatyGrad is not differentiated yet: floaty takes or returns something other"
            + " than numbers, records of numbers and arrays of numbers with a double result");
  }

  @Test
  void aHeldResultOfALocalArrayIsRefused() {
    assertThat(errorAtCall("jgrad.DerivativeCall", PLAIN,
        withArray("Dual d = ADerivatives.normJvp(w, w); // here\n    w[0] = 2 * y;\n    return d.tangent();")))
        .contains("its array argument may change before it is read; hint: pass a parameter of caller");
    // The local's reads are no second mistake.
    assertThat(compile("a.A", source(PLAIN, withArray("Dual d = ADerivatives.normJvp(w, w);\n"
        + "    return d.tangent();"))).errors()).hasSize(1);
  }

  @Test
  void theJvpOfAReverseOnlyFunctionIsExplainedOnce() {
    Compilation c = assertErrorOnLine("jgrad.NoForwardMode", "a.A",
        source(PLAIN, "return ADerivatives.clipJvp(x, 1).tangent(); // here"), "// here");
    assertThat(c.errors().stream().filter(d -> d.getMessage(Locale.ROOT).contains("[jgrad.")).count()).isEqualTo(1);
  }
}
