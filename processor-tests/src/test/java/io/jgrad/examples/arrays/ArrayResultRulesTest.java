package io.jgrad.examples.arrays;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Custom rules of functions with an array result. */
class ArrayResultRulesTest {
  @Test
  void aCustomVjpWithAnArrayResultPullsBackACotangentArray() {
    double[] x = {-800, -1, 0, 2, 800};
    var vjp = ArrayResultRulesDerivatives.softplusVjp(x);
    assertThat(vjp.value()[3]).isWithin(1e-15).of(Math.log1p(Math.exp(2)));
    assertThat(vjp.value()[4]).isWithin(1e-12).of(800.0);
    double[] g = vjp.pullback(new double[] {1, 1, 2, 1, 3});
    double[] expected = {0.0, 1 / (1 + Math.E), 1.0, 1 / (1 + Math.exp(-2)), 3.0};
    for (int i = 0; i < x.length; i++) {
      assertThat(g[i]).isWithin(1e-15).of(expected[i]);
    }
  }

  @Test
  void aCotangentOfAnotherLengthNamesTheArgument() {
    var vjp = ArrayResultRulesDerivatives.softplusVjp(new double[] {1, 2});
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> vjp.pullback(new double[] {1, 2, 3}));
    assertThat(e).hasMessageThat().contains("outBar");
  }

  @Test
  void callsToFunctionsWithArrayResultsAreDifferentiated() {
    double[] x = {0.5, -1.0, 2.0};
    double k = 1.5;
    var g = ArrayResultRulesDerivatives.useArraysGrad(x, k);
    double sumSquares = 0;
    for (int i = 0; i < x.length; i++) {
      // ∂/∂x[i] = 2k²x[i] + σ(x[i]); ∂/∂k = 2kΣx² + 1
      assertThat(g.x()[i]).isWithin(1e-12).of(2 * k * k * x[i] + 1 / (1 + Math.exp(-x[i])));
      sumSquares += x[i] * x[i];
    }
    assertThat(g.k()).isWithin(1e-12).of(2 * k * sumSquares + 1);
    double h = 1e-6;
    double fd = (ArrayResultRules.useArrays(new double[] {0.5 + h, -1.0, 2.0}, k)
        - ArrayResultRules.useArrays(new double[] {0.5 - h, -1.0, 2.0}, k)) / (2 * h);
    assertThat(g.x()[0]).isWithin(1e-6).of(fd);
    // Forward mode through a call with an array result (no rule on the way): the tangent of k·x.
    var jvp = ArrayResultRulesDerivatives.scaledCopyJvp(x, k, new double[] {1, 0, 0}, 2.0);
    assertThat(jvp.tangent()).usingTolerance(1e-15).containsExactly(1.5 + 1.0, -2.0, 4.0).inOrder();
  }

  @Test
  void forwardModeThroughACallWithAnArrayResult() {
    double[] x = {2.0, 3.0};
    double k = 0.5;
    // k²·x0·x1 + k
    var jvp = ArrayResultRulesDerivatives.useCopyJvp(x, k, new double[] {1.0, -1.0}, 2.0);
    double expected = k * k * x[1] - k * k * x[0] + 2.0 * (2 * k * x[0] * x[1] + 1);
    assertThat(jvp.tangent()).isWithin(1e-12).of(expected);
    var g = ArrayResultRulesDerivatives.useCopyGrad(x, k);
    assertThat(g.x()).usingTolerance(1e-12).containsExactly(k * k * x[1], k * k * x[0]).inOrder();
  }

  private static Compilation compile(String function) {
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(JavaFileObjects.forSourceString("demo.B", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class B {\n"
        + "  @Differentiable\n"
        + "  static double[] twice(double[] x) { double[] y = new double[x.length];"
        + " for (int i = 0; i < x.length; i++) { y[i] = 2 * x[i]; } return y; }\n"
        + function
        + "}\n"));
  }

  @Test
  void callsWithArrayResultsCompileAtOrderTwoAndAreClearErrorsInKernels() {
    // At order 2 the plain callee's body is taken in (values: ResultCallOrderTest).
    Compilation order2 = compile("  @Differentiable(order = 2)\n"
        + "  static double f(double[] x) { double[] y = twice(x); return y[0] * y[1]; }\n");
    assertThat(order2).succeededWithoutWarnings();
    Compilation batched = compile("  @Batched @Differentiable\n"
        + "  static double g(@NonDiff double[] x, double k) { double[] y = twice(x); return y[0] * k; }\n");
    assertThat(batched).hadErrorContaining("[jgrad.NotBatchable]");
  }

  @Test
  void aCustomJvpWithAnArrayResultRunsItsRuleAndTransposesItsArrayWrites() {
    double[] x = {1, 2};
    var jvp = ArrayResultRulesDerivatives.thriceJvp(x, new double[] {1, -1});
    assertThat(jvp.value()).usingTolerance(0).containsExactly(3.0, 6.0).inOrder();
    assertThat(jvp.tangent()).usingTolerance(0).containsExactly(3.0, -3.0).inOrder();
    assertThat(ArrayResultRulesDerivatives.thriceVjp(x).pullback(new double[] {1, 10}))
        .usingTolerance(0).containsExactly(3.0, 30.0).inOrder();
  }

  @Test
  void aRuleWithALocalArrayOfTangentsIsTransposed() {
    double[] x = {1.5, -2.0, 0.25};
    double[] g = ArrayResultRulesDerivatives.squaresGrad(x);
    for (int i = 0; i < x.length; i++) {
      assertThat(g[i]).isWithin(1e-15).of(2 * x[i]);
    }
    assertThat(ArrayResultRulesDerivatives.squaresJvp(x, new double[] {1, 1, 1}).tangent()).isWithin(1e-15).of(-0.5);
  }

  @Test
  void aNonLinearWriteIntoATangentArrayIsAnErrorAtTheValue() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.A", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class A {\n"
        + "  @CustomJvp(jvp = \"idJvp\")\n"
        + "  static double[] id(double[] x) { return x; }\n"
        + "  static Jvp<double[]> idJvp(double[] x, double[] xDot) {\n"
        + "    double[] t = new double[x.length];\n"
        + "    for (int i = 0; i < x.length; i++) { t[i] = xDot[i] * xDot[i]; }\n"
        + "    return Jvp.of(x, t);\n"
        + "  }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent]").inFile(src).onLine(9);
  }
}
