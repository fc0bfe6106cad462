package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order 2 through a compiled library's {@code @CustomJvp} rule that does not call its function: the
 * caller finds the library's {@code fRulePrimal} in its generated class, so that its Hessian is the
 * derivative of its gradient, as when the library is compiled with it.
 */
class RulePrimalJarCalleeTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceLines("lib.Rules",
      "package lib;",
      "",
      "import io.jgrad.annotations.CustomJvp;",
      "import io.jgrad.annotations.Differentiable;",
      "import io.jgrad.runtime.Dual;",
      "",
      "public final class Rules {",
      "  private Rules() {}",
      "",
      "  @CustomJvp(jvp = \"skipsJvp\", order = 2)",
      "  public static double skips(double x) {",
      "    return Math.sin(x);",
      "  }",
      "",
      "  public static Dual skipsJvp(double x, double xDot) {",
      "    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);",
      "  }",
      "",
      "  @Differentiable(order = 2)",
      "  public static double twice(double x) {",
      "    return skips(skips(x));",
      "  }",
      "}");

  private static final JavaFileObject CALLER = JavaFileObjects.forSourceLines("app.Caller",
      "package app;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class Caller {",
      "  private Caller() {}",
      "",
      "  @Differentiable(order = 2)",
      "  public static double g(double x) {",
      "    return lib.Rules.twice(x) * x + lib.Rules.skips(x);",
      "  }",
      "}");

  @Test
  void hessianThroughACompiledRuleIsTheSlopeOfTheGradient(@TempDir Path temp) throws Exception {
    Path libDir = temp.resolve("lib-classes");
    Path appDir = temp.resolve("app-classes");
    Compilation library = Compiler.javac().withProcessors(new JgradProcessor()).compile(LIBRARY);
    assertThat(library).succeeded();
    JarCalleeTest.writeClasses(library, libDir);
    Compilation caller = JarCalleeTest.compileAgainst(libDir, CALLER);
    assertThat(caller).succeededWithoutWarnings();
    assertThat(caller).generatedSourceFile("app.CallerDerivatives").contentsAsUtf8String()
        .contains("RulesDerivatives.Internal.twiceRulePrimalJvp(");
    JarCalleeTest.writeClasses(caller, appDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), appDir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> derivatives = loader.loadClass("app.CallerDerivatives");
      Method gGrad = derivatives.getMethod("gGrad", double.class);
      Method gHessian = derivatives.getMethod("gHessian", double.class);
      double h = 1e-5;
      for (double x : new double[] {2.0, -0.7, 1.3}) {
        double slope = ((double) gGrad.invoke(null, x + h) - (double) gGrad.invoke(null, x - h)) / (2 * h);
        assertThat((double) gHessian.invoke(null, x)).isWithin(1e-6 * Math.max(1, Math.abs(slope))).of(slope);
      }
    }
  }
}
