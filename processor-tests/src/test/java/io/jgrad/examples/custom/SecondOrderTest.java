package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** fHessian and fHvp against the notebook's number, closed forms and finite differences of the gradient. */
class SecondOrderTest {
  @Test
  void ruleThatCallsItsPrimalAppliesTwice() {
    assertThat(SecondOrderExamplesDerivatives.sinLikeHessian(3.0)).isWithin(1e-12).of(-Math.sin(3.0));
    assertThat(SecondOrderExamplesDerivatives.sinLikeHessian(3.0)).isWithin(1e-5).of(-0.14112);
    assertThat(SecondOrderExamplesDerivatives.sinLikeHvp(3.0, 2.0)).isWithin(1e-12).of(-2 * Math.sin(3.0));
  }

  @Test
  void hessianMatchesFiniteDifferencesOfTheGradient() {
    double h = 1e-5;
    for (double[] p : new double[][] {{0.4, 0.7}, {-0.9, 1.3}, {2.0, -0.5}}) {
      double x = p[0];
      double y = p[1];
      double[][] hessian = SecondOrderExamplesDerivatives.bumpyHessian(x, y);
      var gxp = SecondOrderExamplesDerivatives.bumpyGrad(x + h, y);
      var gxm = SecondOrderExamplesDerivatives.bumpyGrad(x - h, y);
      var gyp = SecondOrderExamplesDerivatives.bumpyGrad(x, y + h);
      var gym = SecondOrderExamplesDerivatives.bumpyGrad(x, y - h);
      assertThat(hessian[0][0]).isWithin(1e-5).of((gxp.x() - gxm.x()) / (2 * h));
      assertThat(hessian[0][1]).isWithin(1e-5).of((gyp.x() - gym.x()) / (2 * h));
      assertThat(hessian[1][0]).isWithin(1e-5).of((gxp.y() - gxm.y()) / (2 * h));
      assertThat(hessian[1][1]).isWithin(1e-5).of((gyp.y() - gym.y()) / (2 * h));
      var hvp = SecondOrderExamplesDerivatives.bumpyHvp(x, y, 0.3, -1.1);
      assertThat(hvp.x()).isWithin(1e-12).of(hessian[0][0] * 0.3 + hessian[0][1] * -1.1);
      assertThat(hvp.y()).isWithin(1e-12).of(hessian[1][0] * 0.3 + hessian[1][1] * -1.1);
    }
  }

  @Test
  void hessianThroughCallsMatchesFiniteDifferences() {
    double h = 1e-5;
    for (double[] p : new double[][] {{0.7, 0.4}, {-0.3, 1.1}}) {
      double x = p[0];
      double y = p[1];
      double[][] hessian = SecondOrderExamplesDerivatives.compositeHessian(x, y);
      var gxp = SecondOrderExamplesDerivatives.compositeGrad(x + h, y);
      var gxm = SecondOrderExamplesDerivatives.compositeGrad(x - h, y);
      var gyp = SecondOrderExamplesDerivatives.compositeGrad(x, y + h);
      var gym = SecondOrderExamplesDerivatives.compositeGrad(x, y - h);
      assertThat(hessian[0][0]).isWithin(1e-5).of((gxp.x() - gxm.x()) / (2 * h));
      assertThat(hessian[0][1]).isWithin(1e-5).of((gyp.x() - gym.x()) / (2 * h));
      assertThat(hessian[1][0]).isWithin(1e-5).of((gxp.y() - gxm.y()) / (2 * h));
      assertThat(hessian[1][1]).isWithin(1e-5).of((gyp.y() - gym.y()) / (2 * h));
    }
  }

  @Test
  void orderTwoThroughAnOrderOneCalleeIsAnError() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.O", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class O {\n"
        + "  @Differentiable static double g(double x) { return x * x; }\n"
        + "  @Differentiable(order = 2)\n"
        + "  static double f(double x) { return g(x) * x; }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedOrder]").inFile(src).onLine(6);
    assertThat(c).hadErrorContaining("give g order = 2");
  }

  @Test
  void orderTwoThroughAnOrderOneCalleeTakingAnArrayIsReportedBeforeGeneration() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.A", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class A {\n"
        + "  @Differentiable static double g(double[] v) { return v[0] * v[1]; }\n"
        + "  @Differentiable(order = 2)\n"
        + "  static double f(double[] v, double x) { return g(v) * x; }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedOrder]").inFile(src).onLine(6);
    assertThat(c).hadErrorContaining("hint: give g order = 2");
  }

  @Test
  void ruleThatSkipsItsPrimalWarnsAtOrderTwo() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.W", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class W {\n"
        + "  @CustomJvp(jvp = \"fJvp\", order = 2)\n"
        + "  static double f(double x) { return Math.sin(x); }\n"
        + "  static Dual fJvp(double x, double xDot) { return Dual.of(Math.sin(x), Math.cos(x) * xDot); }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[jgrad.RuleSkipsPrimal]").inFile(src).onLine(7);
  }

  @Test
  void orderTwoOfACustomVjpCompilesReverseOverReverse() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.V", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class V {\n"
        + "  @CustomVjp(fwd = \"idFwd\", bwd = \"idBwd\", order = 2)\n"
        + "  static double id(double x) { return x; }\n"
        + "  static Fwd<Double> idFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double idBwd(Double r, double g) { return g; }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
  }
}
