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
 * Every construct outside the differentiable subset is a javac error with its code, at the line of
 * the offending expression, and never a crash of the processor.
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
        Arguments.of("jgrad.NotStatic", 7, ""
            + "  @Differentiable\n"
            + "  double f(double x) { return x; }\n"),
        Arguments.of("jgrad.Generic", 7, ""
            + "  @Differentiable\n"
            + "  static <T> double f(double x) { return x; }\n"),
        Arguments.of("jgrad.Recursion", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return x < 1 ? x : f(x / 2);\n"
            + "  }\n"),
        Arguments.of("jgrad.Lambda", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    java.util.function.DoubleUnaryOperator g = y -> y * x;\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.TryCatch", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    try { x = x * 2; } catch (RuntimeException e) { x = 0; }\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.Switch", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x, int mode) {\n"
            + "    switch (mode) { case 1: x = x * 2; break; default: x = x * 3; }\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.Synchronized", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    synchronized (Bad.class) { x = x * 2; }\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.FieldWrite", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    field = x;\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.ArrayWrite", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double[] x) {\n"
            + "    x[0] = 1.0;\n"
            + "    return x[1];\n"
            + "  }\n"),
        Arguments.of("jgrad.UnsupportedMath", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return Math.signum(x) * x;\n"
            + "  }\n"),
        Arguments.of("jgrad.UnsupportedMath", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return Math.random() * x;\n"
            + "  }\n"),
        Arguments.of("jgrad.NotDifferentiable", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return helper(x) * 2;\n"
            + "  }\n"
            + "  static double helper(double x) { return x; }\n"),
        Arguments.of("jgrad.UnsupportedStatement", 9, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    while (x < 10) {\n"
            + "      if (x > 5) break;\n"
            + "      x = x * 2;\n"
            + "    }\n"
            + "    return x;\n"
            + "  }\n"),
        Arguments.of("jgrad.ReturnInLoop", 9, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    for (int i = 0; i < 3; i++) {\n"
            + "      return x;\n"
            + "    }\n"
            + "    return 0;\n"
            + "  }\n"),
        Arguments.of("jgrad.Inaccessible", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return secret(x) > 0 ? x : -x;\n"
            + "  }\n"),
        Arguments.of("jgrad.UnsupportedExpression", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return new double[] {x}[0];\n"
            + "  }\n"),
        Arguments.of("jgrad.InstanceCall", 8, ""
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    return \"abc\".length() * x;\n"
            + "  }\n"),
        Arguments.of("jgrad.UnsupportedType", 7, ""
            + "  @Differentiable\n"
            + "  static double f(double x, java.util.List<Double> xs) { return x; }\n"),
        Arguments.of("jgrad.BadWrt", 7, ""
            + "  @Differentiable(wrt = {\"z\"})\n"
            + "  static double f(double x) { return x; }\n"),
        Arguments.of("jgrad.NothingToDifferentiate", 7, ""
            + "  @Differentiable\n"
            + "  static double f(int n) { return n; }\n"),
        Arguments.of("jgrad.Overload", 7, ""
            + "  @Differentiable\n"
            + "  static double f(double x) { return x; }\n"
            + "  @Differentiable\n"
            + "  static double f(double x, double y) { return x * y; }\n"),
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
  void everyErrorOfAMethodIsReported() {
    JavaFileObject src = source(""
        + "  @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    double a = Math.signum(x);\n"
        + "    field = a;\n"
        + "    return Math.random();\n"
        + "  }\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedMath]").inFile(src).onLine(8);
    assertThat(c).hadErrorContaining("[jgrad.FieldWrite]").inFile(src).onLine(9);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedMath]").inFile(src).onLine(10);
  }

  @Test
  void otherClassesStillGetTheirDerivatives() throws java.io.IOException {
    JavaFileObject bad = source(""
        + "  @Differentiable\n"
        + "  static double f(double x) { return Math.signum(x); }\n");
    JavaFileObject good = JavaFileObjects.forSourceString("demo.Good", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class Good {\n"
        + "  @Differentiable static double g(double x) { return x * x; }\n"
        + "}\n");
    // compile-testing hides generated files of a failed compilation: run javac with an -s folder.
    java.nio.file.Path out = java.nio.file.Files.createTempDirectory("jgrad-generated");
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter messages = new java.io.StringWriter();
    javax.tools.JavaCompiler.CompilationTask task = javac.getTask(messages, null, null,
        java.util.List.of("-s", out.toString(), "-d", out.toString(),
            "-cp", System.getProperty("java.class.path")),
        null, java.util.List.of(bad, good));
    task.setProcessors(java.util.List.of(new JgradProcessor()));
    assertThat(task.call()).isFalse();
    assertThat(messages.toString()).contains("[jgrad.UnsupportedMath]");
    assertThat(java.nio.file.Files.exists(out.resolve("demo/GoodDerivatives.java"))).isTrue();
    assertThat(java.nio.file.Files.exists(out.resolve("demo/BadDerivatives.java"))).isFalse();
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
