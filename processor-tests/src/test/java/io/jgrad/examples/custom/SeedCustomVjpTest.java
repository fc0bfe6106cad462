package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notebook's custom_vjp examples against closed forms, and the errors forward mode meets. */
class SeedCustomVjpTest {
  private static final double TOL = 1e-12;

  @BeforeEach
  void clearLog() {
    SeedCustomVjp.LOG.clear();
  }

  @Test
  void customVjpGradientMatchesTheSeed() {
    SeedCustomVjpDerivatives.FGrad grad = SeedCustomVjpDerivatives.fGrad(2, 3);
    assertThat(grad.x()).isWithin(TOL).of(Math.cos(2) * 3);
    assertThat(grad.x()).isWithin(1e-7).of(-1.2484405);
    assertThat(grad.y()).isWithin(TOL).of(Math.sin(2));
  }

  @Test
  void sideEffectsRunInTheSeedsOrder() {
    SeedCustomVjp.f(3, 1);
    assertThat(SeedCustomVjp.LOG).containsExactly("called f!");
    SeedCustomVjp.LOG.clear();
    SeedCustomVjpDerivatives.fGrad(3, 1);
    assertThat(SeedCustomVjp.LOG).containsExactly("called f_fwd!", "called f!", "called f_bwd!").inOrder();
    SeedCustomVjp.LOG.clear();
    var vjp = SeedCustomVjpDerivatives.fVjp(3, 1);
    assertThat(SeedCustomVjp.LOG).containsExactly("called f_fwd!", "called f!").inOrder();
    vjp.pullback(1.0);
    assertThat(SeedCustomVjp.LOG).containsExactly("called f_fwd!", "called f!", "called f_bwd!").inOrder();
  }

  @Test
  void clipGradientClipsTheCotangentNotTheValue() {
    for (double t = 0; t <= 10; t += 0.25) {
      assertThat(SeedCustomVjp.clipSin(t)).isEqualTo(Math.sin(t));
      double clipped = Math.max(-0.75, Math.min(0.75, 1.0)) * Math.cos(t);
      assertThat(SeedCustomVjpDerivatives.clipSinGrad(t)).isWithin(TOL).of(clipped);
    }
    SeedCustomVjpDerivatives.ClipGradientGrad g = SeedCustomVjpDerivatives.clipGradientVjp(-0.75, 0.75, 0.3)
        .pullback(2.0);
    assertThat(g.lo()).isEqualTo(0.0);
    assertThat(g.hi()).isEqualTo(0.0);
    assertThat(g.x()).isEqualTo(0.75);
  }

  @Test
  void backwardPassRunsUserCode() {
    double x = 0.8;
    double grad = SeedCustomVjpDerivatives.debuggedGrad(x);
    assertThat(grad).isWithin(TOL).of(Math.cos(x * x) * 2 * x);
    assertThat(SeedCustomVjp.LOG).containsExactly("debug bwd " + Math.cos(x * x));
  }

  @Test
  void nullGradientMeansZero() {
    SeedCustomVjpDerivatives.StopGrad g = SeedCustomVjpDerivatives.stopGrad(1, 2);
    assertThat(g.x()).isEqualTo(0.0);
    assertThat(g.y()).isEqualTo(0.0);
    assertThat(SeedCustomVjpDerivatives.stopValueAndGrad(1, 2).value()).isEqualTo(3.0);
  }

  @Test
  void reverseOnlyFunctionsHaveNoForwardEntryPoints() {
    List<String> methods = java.util.Arrays.stream(SeedCustomVjpDerivatives.class.getMethods())
        .map(java.lang.reflect.Method::getName).toList();
    assertThat(methods).contains("clipSinGrad");
    assertThat(methods).contains("clipSinVjp");
    assertThat(methods).doesNotContain("clipSinJvp");
    assertThat(methods).doesNotContain("fJvp");
    assertThat(methods).doesNotContain("debuggedJvp");
  }

  private static final String LIB = ""
      + "package demo;\n"
      + "import io.jgrad.annotations.*;\n"
      + "import io.jgrad.runtime.*;\n"
      + "final class Lib {\n"
      + "  @CustomVjp(fwd = \"idFwd\", bwd = \"idBwd\")\n"
      + "  static double id(double x) { return x; }\n"
      + "  static Fwd<Double> idFwd(double x) { return Fwd.of(x, x); }\n"
      + "  static double idBwd(Double r, double g) { return g; }\n"
      + "  @Differentiable static double twice(double x) { return 2 * id(x); }\n"
      + "}\n";

  @Test
  void callingAMissingForwardEntryPointNamesThePath() {
    JavaFileObject lib = JavaFileObjects.forSourceString("demo.Lib", LIB);
    JavaFileObject user = JavaFileObjects.forSourceString("demo.User", ""
        + "package demo;\n"
        + "final class User {\n"
        + "  static double use() {\n"
        + "    return LibDerivatives.twiceJvp(1.0, 1.0).tangent();\n"
        + "  }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(lib, user);
    assertThat(c).hadErrorContaining("[jgrad.NoForwardMode]").inFile(user).onLine(4);
    assertThat(c).hadErrorContaining("twice → id, which has only a @CustomVjp rule");
  }

  @Test
  void backwardPassWithTheWrongResidualTypeIsAnError() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.Bad", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class Bad {\n"
        + "  @CustomVjp(fwd = \"idFwd\", bwd = \"idBwd\")\n"
        + "  static double id(double x) { return x; }\n"
        + "  static Fwd<double[]> idFwd(double x) { return Fwd.of(x, new double[0]); }\n"
        + "  static double idBwd(Double r, double g) { return g; }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.RuleSignature]").inFile(src).onLine(8);
  }

  @Test
  void forwardPassMustReturnFwd() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.Bad", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class Bad {\n"
        + "  @CustomVjp(fwd = \"idFwd\", bwd = \"idBwd\")\n"
        + "  static double id(double x) { return x; }\n"
        + "  static double idFwd(double x) { return x; }\n"
        + "  static double idBwd(Double r, double g) { return g; }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.RuleReturn]").inFile(src).onLine(7);
  }

  @Test
  void missingBackwardPassIsAnError() {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.Bad", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class Bad {\n"
        + "  @CustomVjp(fwd = \"idFwd\", bwd = \"idBwd\")\n"
        + "  static double id(double x) { return x; }\n"
        + "  static Fwd<Double> idFwd(double x) { return Fwd.of(x, x); }\n"
        + "}\n");
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
    assertThat(c).hadErrorContaining("[jgrad.RuleMissing]").inFile(src).onLine(6);
  }
}
