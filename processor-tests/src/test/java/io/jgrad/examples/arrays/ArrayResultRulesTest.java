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
  void aCustomJvpWithAnArrayResultIsRefusedWithAHint() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.A", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class A {\n"
        + "  @CustomJvp(jvp = \"idJvp\")\n"
        + "  static double[] id(double[] x) { return x; }\n"
        + "  static Jvp<double[]> idJvp(double[] x, double[] xDot) { return Jvp.of(x, xDot); }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("hint: use @CustomVjp").inFile(src).onLine(6);
  }
}
