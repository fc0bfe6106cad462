package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derivative call {@code LibDerivatives.fGrad(w)} in a differentiable body is recognised however
 * javac resolves its qualifier: through an on-demand import ({@code import lib.*;}), from the same
 * package, or written fully qualified; with the library compiled first or in the same compilation.
 * The caller's gradient is checked against its closed form.
 */
class WildcardImportDerivativeCallsTest {
  private static final String LIBRARY = """
      package lib;
      import io.jgrad.annotations.*;
      public final class Lib {
        @Differentiable(order = 2)
        public static double f(double w) { return Math.sin(w) * w; }
      }
      """;

  /** In app's package, called without an import. */
  private static final String NEIGHBOUR = """
      package app;
      import io.jgrad.annotations.*;
      public final class Near {
        @Differentiable(order = 2)
        public static double q(double w) { return w * w * w; }
      }
      """;

  /** g = w·f'(w) + q'(w)·w + f'(w), f = w sin w, q = w³: each call spelled differently. */
  private static final String APP = """
      package app;
      import io.jgrad.annotations.*;
      import lib.*;
      final class App {
        @Differentiable
        static double g(double w) {
          return w * LibDerivatives.fGrad(w) + NearDerivatives.qGrad(w) * w + lib.LibDerivatives.fGrad(w);
        }
      }
      """;

  @Test
  void aLibraryCompiledFirst(@TempDir Path dir) throws Exception {
    InProcessJavac.Result lib = InProcessJavac.compile(dir.resolve("lib"), Map.of("lib.Lib", LIBRARY), List.of());
    assertWithMessage(lib.describe()).that(lib.ok()).isTrue();
    InProcessJavac.Result app = InProcessJavac.compile(dir.resolve("app"),
        Map.of("app.App", APP, "app.Near", NEIGHBOUR), List.of(lib.classes()));
    assertWithMessage(app.describe()).that(app.ok()).isTrue();
    checkGradient(app.classes(), lib.classes());
  }

  @Test
  void oneCompilation(@TempDir Path dir) throws Exception {
    InProcessJavac.Result all = InProcessJavac.compile(dir.resolve("all"),
        Map.of("lib.Lib", LIBRARY, "app.App", APP, "app.Near", NEIGHBOUR), List.of());
    assertWithMessage(all.describe()).that(all.ok()).isTrue();
    checkGradient(all.classes());
  }

  private void checkGradient(Path... classes) throws Exception {
    URL[] urls = new URL[classes.length];
    for (int i = 0; i < classes.length; i++) {
      urls[i] = classes[i].toUri().toURL();
    }
    try (URLClassLoader loader = new URLClassLoader(urls, getClass().getClassLoader())) {
      Method grad = loader.loadClass("app.AppDerivatives").getDeclaredMethod("gGrad", double.class);
      grad.setAccessible(true);
      for (double w : new double[] {-1.3, 0.4, 2.1}) {
        // f' = sin w + w cos w, f'' = 2 cos w − w sin w; q' = 3w², q'' = 6w.
        // g = (w + 1) f'(w) + w q'(w): g' = f' + (w + 1) f'' + q' + w q''.
        double f1 = Math.sin(w) + w * Math.cos(w);
        double f2 = 2 * Math.cos(w) - w * Math.sin(w);
        double expected = f1 + (w + 1) * f2 + 3 * w * w + w * 6 * w;
        assertThat((double) grad.invoke(null, w)).isWithin(1e-12).of(expected);
      }
    }
  }
}
