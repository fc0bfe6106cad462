package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differentiable method whose body javac had not resolved when jgrad read it (a name a class
 * generated later resolves, reached in a way jgrad does not read) gets {@code [jgrad.Unresolved]} at
 * the method when processing ends, never a build that succeeds without its derivatives; the usual
 * call {@code LibDerivatives.fGrad(w)} in the same compilation still compiles and is right.
 */
class UnresolvedBodiesTest {
  private static final String LIBRARY = """
      package lib;
      import io.jgrad.annotations.*;
      public final class Lib {
        @Differentiable(order = 2)
        public static double f(double w) { return Math.sin(w) * w; }
      }
      """;

  /** The call written as a statically imported method, on line 7: javac reports nothing. */
  private static final String STATIC_IMPORT = """
      package app;
      import io.jgrad.annotations.*;
      import static lib.LibDerivatives.fGrad;
      final class App {
        @Differentiable
        static double g(double w) {
          return w * fGrad(w);
        }
      }
      """;

  /** A misspelt generated method (fGard): javac reports it too. */
  private static final String MISSPELT = """
      package app;
      import io.jgrad.annotations.*;
      import lib.LibDerivatives;
      final class App {
        @Differentiable
        static double g(double w) {
          return w * LibDerivatives.fGard(w);
        }
      }
      """;

  /** g = w·f'(w), f = w sin w. */
  private static final String USUAL = """
      package app;
      import io.jgrad.annotations.*;
      import lib.LibDerivatives;
      final class App {
        @Differentiable
        static double g(double w) {
          return w * LibDerivatives.fGrad(w);
        }
      }
      """;

  @Test
  void aStaticallyImportedGeneratedMethod(@TempDir Path dir) {
    InProcessJavac.Result all = expectUnresolved(dir, STATIC_IMPORT, 7);
    // The only error: without it javac succeeded and AppDerivatives was never generated.
    assertWithMessage(all.describe()).that(all.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count()).isEqualTo(1);
  }

  @Test
  void aMisspeltGeneratedMethod(@TempDir Path dir) {
    expectUnresolved(dir, MISSPELT, 7);
  }

  @Test
  void theUsualCallInOneCompilation(@TempDir Path dir) throws Exception {
    InProcessJavac.Result all = InProcessJavac.compile(dir, Map.of("lib.Lib", LIBRARY, "app.App", USUAL), List.of());
    assertWithMessage(all.describe()).that(all.ok()).isTrue();
    assertWithMessage(all.describe()).that(all.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)).isEmpty();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {all.classes().toUri().toURL()},
        getClass().getClassLoader())) {
      Method grad = loader.loadClass("app.AppDerivatives").getDeclaredMethod("gGrad", double.class);
      grad.setAccessible(true);
      for (double w : new double[] {-1.3, 0.4, 2.1}) {
        // f' = sin w + w cos w, f'' = 2 cos w − w sin w: g' = f' + w f''.
        double f1 = Math.sin(w) + w * Math.cos(w);
        double f2 = 2 * Math.cos(w) - w * Math.sin(w);
        assertThat((double) grad.invoke(null, w)).isWithin(1e-12).of(f1 + w * f2);
      }
    }
  }

  private static InProcessJavac.Result expectUnresolved(Path dir, String app, long line) {
    InProcessJavac.Result all = InProcessJavac.compile(dir, Map.of("lib.Lib", LIBRARY, "app.App", app), List.of());
    assertWithMessage(all.describe()).that(all.ok()).isFalse();
    assertWithMessage(all.describe()).that(all.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR
            && d.getMessage(Locale.ROOT).startsWith("[jgrad.Unresolved] g got no derivatives")
            && d.getLineNumber() == line)
        .count()).isEqualTo(1);
    return all;
  }
}
