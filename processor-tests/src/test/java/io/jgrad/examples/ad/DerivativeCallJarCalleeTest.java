package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derivative calls of a compiled library's functions: the caller finds their tangent, rule-primal and
 * pullback functions in the library's generated class, and is differentiated through them as when
 * the library is compiled with it.
 */
class DerivativeCallJarCalleeTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceLines("lib.Rules",
      "package lib;",
      "",
      "import io.jgrad.annotations.CustomJvp;",
      "import io.jgrad.annotations.CustomVjp;",
      "import io.jgrad.annotations.Differentiable;",
      "import io.jgrad.runtime.Dual;",
      "import io.jgrad.runtime.Fwd;",
      "",
      "public final class Rules {",
      "  private Rules() {}",
      "",
      "  @Differentiable(order = 2)",
      "  public static double wave(double x) {",
      "    return Math.sin(x) * x;",
      "  }",
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
      "  @CustomVjp(fwd = \"scaledFwd\", bwd = \"scaledBwd\", order = 2)",
      "  public static double scaled(double x) {",
      "    return Math.sin(x);",
      "  }",
      "",
      "  public static Fwd<Double> scaledFwd(double x) {",
      "    return Fwd.of(Math.sin(x), Math.cos(x));",
      "  }",
      "",
      "  public static double scaledBwd(Double cos, double g) {",
      "    return 2 * cos * g;",
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
      "  @Differentiable",
      "  public static double g(double x) {",
      "    return lib.RulesDerivatives.waveJvp(x, 1).tangent() + lib.RulesDerivatives.skipsJvp(x, 1).value()",
      "        + lib.RulesDerivatives.scaledGrad(x);",
      "  }",
      "}");

  private static final JavaFileObject ARRAY_LIBRARY = JavaFileObjects.forSourceLines("lib.Cubes",
      "package lib;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class Cubes {",
      "  private Cubes() {}",
      "",
      "  @Differentiable(order = 2)",
      "  public static double cubes(double[] v) {",
      "    double s = 0;",
      "    for (int i = 0; i < v.length; i++) {",
      "      s += v[i] * v[i] * v[i];",
      "    }",
      "    return s;",
      "  }",
      "}");

  private static final JavaFileObject ARRAY_CALLER = JavaFileObjects.forSourceLines("app.ArrayCaller",
      "package app;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class ArrayCaller {",
      "  private ArrayCaller() {}",
      "",
      "  @Differentiable",
      "  public static double g(double[] w) {",
      "    double[] grad = lib.CubesDerivatives.cubesGrad(w);",
      "    return grad[0] * grad[1] + lib.CubesDerivatives.cubesJvp(w, w).tangent();",
      "  }",
      "}");

  @Test
  void derivativeCallsOfACompiledLibraryFunctionOfAnArray(@TempDir Path temp) throws Exception {
    try (URLClassLoader loader = JarCalleeTest.compileAndLoad(temp, ARRAY_LIBRARY, ARRAY_CALLER)) {
      Method gGrad = loader.loadClass("app.ArrayCallerDerivatives").getMethod("gGrad", double[].class);
      double[] w = {0.7, -1.2, 0.5};
      // g = 9w₀²w₁² + Σ 3wᵢ³ (the gradient 3wᵢ² and ∇f·w).
      double[] expected = {18 * w[0] * w[1] * w[1] + 9 * w[0] * w[0], 18 * w[0] * w[0] * w[1] + 9 * w[1] * w[1],
          9 * w[2] * w[2]};
      double[] actual = (double[]) gGrad.invoke(null, (Object) w);
      for (int i = 0; i < 3; i++) {
        assertThat(actual[i]).isWithin(1e-12).of(expected[i]);
      }
    }
  }

  @Test
  void derivativeCallsOfACompiledLibrary(@TempDir Path temp) throws Exception {
    try (URLClassLoader loader = JarCalleeTest.compileAndLoad(temp, LIBRARY, CALLER)) {
      Class<?> derivatives = loader.loadClass("app.CallerDerivatives");
      // scaled has a @CustomVjp rule: the caller is reverse-only.
      assertThat(Arrays.stream(derivatives.getMethods()).map(Method::getName)).doesNotContain("gJvp");
      Method gGrad = derivatives.getMethod("gGrad", double.class);
      Method g = loader.loadClass("app.Caller").getMethod("g", double.class);
      double h = 1e-5;
      for (double x : new double[] {2.0, -0.7, 1.3}) {
        // wave'' + cos x (skips' rule computes Math.sin: differentiated as written) - 2 sin x (scaled's bwd 2 cos x·g).
        double expected = 2 * Math.cos(x) - x * Math.sin(x) + Math.cos(x) - 2 * Math.sin(x);
        assertThat((double) gGrad.invoke(null, x)).isWithin(1e-12).of(expected);
        double slope = ((double) g.invoke(null, x + h) - (double) g.invoke(null, x - h)) / (2 * h);
        assertThat(slope).isWithin(1e-6).of(expected);
      }
    }
  }
}
