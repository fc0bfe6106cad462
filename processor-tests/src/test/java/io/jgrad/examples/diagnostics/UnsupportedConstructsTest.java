package io.jgrad.examples.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagnostics beyond {@code DiagnosticsTest}: unsupported parameter types and returns, lost
 * derivatives at calls, the chain of callers of a broken function, and warning-free output.
 */
class UnsupportedConstructsTest {
  /** The class around {@code members}; members start on line 6. */
  private static JavaFileObject source(String members) {
    return JavaFileObjects.forSourceString("demo.Bad", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class Bad {\n"
        + "  static double field;\n"
        + "  private static double secret(double x) { return x; }\n"
        + members
        + "}\n");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("jgrad.UnsupportedType", 7, ""
            + "  @Differentiable\n"
            + "  static double f(double x, java.util.List<Double> xs) { return x; }\n"),
        Arguments.of("jgrad.NotDifferentiated", 10, ""
            + "  @Differentiable(wrt = {\"x\"})\n"
            + "  static double g(double x, double y) { return x * y; }\n"
            + "  @Differentiable\n"
            + "  static double f(double a) {\n"
            + "    return g(1.0, a);\n"
            + "  }\n"),
        Arguments.of("jgrad.UnsupportedReturn", 9, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    if (x > 0) {\n"
            + "      if (x > 1) return x;\n"
            + "      x = x * 2;\n"
            + "    }\n"
            + "    return x;\n"
            + "  }\n"));
  }

  @ParameterizedTest(name = "{0} on line {1}")
  @MethodSource("cases")
  void reportsCodeAtLine(String code, int line, String members) {
    JavaFileObject src = source(members);
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(src).onLine(line);
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String message = d.getMessage(null);
      assertThat(message).doesNotContain("threw an uncaught exception");
      assertThat(message).doesNotContain("jgrad.Internal");
      assertThat(message).doesNotContain("\tat ");
    }
  }

  @Test
  void aLabeledStatementIsNamedOnce() {
    JavaFileObject src = source(""
        + "  @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    outer: for (int i = 0; i < 3; i++) { x = x * 2; }\n"
        + "    return x;\n"
        + "  }\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedStatement] a labeled statement is not in the"
        + " differentiable subset").inFile(src).onLine(8);
  }

  @Test
  void integerHelpersOfMathAreIntegerArithmeticButNotOnDoubles() {
    JavaFileObject ints = source(""
        + "  @Differentiable\n"
        + "  static double f(double[] x, int k, long m) {\n"
        + "    int n = x.length;\n"
        + "    long big = Math.multiplyExact(m, 2L) + Math.subtractExact(m, 1L) + Math.floorDiv(m, 3L);\n"
        + "    return x[Math.floorMod(k, n)] * Math.abs(k) + x[Math.max(0, Math.min(k, n - 1))] * big;\n"
        + "  }\n");
    assertThat(Compiler.javac().withProcessors(new JgradProcessor()).compile(ints)).succeededWithoutWarnings();
    // on doubles the table applies: floorMod has no double overload, signum is outside the table
    JavaFileObject doubles = source(""
        + "  @Differentiable\n"
        + "  static double f(double x) { return Math.signum(x) + Math.floorMod((int) x, 3); }\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(doubles);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedMath] Math.signum").inFile(doubles).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void callersOfABrokenFunctionNameTheChain() {
    JavaFileObject src = source(""
        + "  @Differentiable\n"
        + "  static double h(double x) { return Math.signum(x); }\n"
        + "  @Differentiable\n"
        + "  static double g(double x) { return h(x) * 2; }\n"
        + "  @Differentiable\n"
        + "  static double f(double x) { return g(x) + 1; }\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedMath]").inFile(src).onLine(7);
    assertThat(c).hadErrorContaining("f → g → h").inFile(src).onLine(11);
  }

  @Test
  void validCodeCompilesWithoutWarnings() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.Fine", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class Fine {\n"
        + "  static final double K = 1.5;\n"
        + "  static int steps(double x) { return x > 0 ? 3 : 2; }\n"
        + "  @Differentiable\n"
        + "  static float f(float a, double[] w, int n) {\n"
        + "    var s = 0.0;\n"
        + "    for (double v : w) { s += v * a; }\n"
        + "    int k = 0;\n"
        + "    while (k < steps(s) + n) { s = s * 0.5 + Math.hypot(s, a) * K; k++; }\n"
        + "    float r = (float) s;\n"
        + "    r -= a / 3;\n"
        + "    System.out.println(\"r=\" + r);\n"
        + "    if (r > 2) { return r * r; }\n"
        + "    return Math.max(r, a) + (float) Math.atan2(r, 1.0);\n"
        + "  }\n"
        + "}\n");
    Compilation c = Compiler.javac().withOptions("-Xlint:all", "-Xlint:-processing")
        .withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
  }
}
