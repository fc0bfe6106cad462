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
 * A caller compiled against a library whose function of order 2 has no reverse mode of its tangent
 * function ({@code fTangentVjp}: it reaches a {@code @CustomJvp} rule with an array result) is
 * refused at its call, as the same function of this compilation is, never a javac error inside
 * generated code; a library function that has it is called as before.
 */
class CompiledTangentReverseModeTest {
  private static final String LIBRARY = """
      package lib;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      public final class Lib {
        @CustomJvp(jvp = "pairJvp", order = 2)
        public static double[] pair(double w) {
          double[] y = new double[2]; y[0] = w * w; y[1] = Math.sin(w); return y;
        }
        public static Jvp<double[]> pairJvp(double w, double wDot) {
          double[] y = pair(w);
          double[] t = new double[2];
          t[0] = 2 * w * wDot;
          t[1] = Math.cos(w) * wDot;
          return Jvp.of(y, t);
        }
        @Differentiable(order = 2)
        public static double f(double w) { double[] y = pair(w); return y[0] * y[1]; }
        @Differentiable(order = 2)
        public static double plain(double w) { return Math.sin(w) * w; }
      }
      """;

  private static String caller(String body) {
    return """
        package app;
        import io.jgrad.annotations.*;
        import lib.Lib;
        import lib.LibDerivatives;
        final class App {
          BODY
        }
        """.replace("BODY", body);
  }

  private static InProcessJavac.Result library(Path dir) {
    InProcessJavac.Result lib = InProcessJavac.compile(dir.resolve("lib"), Map.of("lib.Lib", LIBRARY), List.of());
    assertWithMessage(lib.describe()).that(lib.ok()).isTrue();
    return lib;
  }

  /** The one error of compiling {@code body} against the library: its code's message, in App.java. */
  private static String errorOf(Path dir, String code, String body) {
    InProcessJavac.Result r = InProcessJavac.compile(dir.resolve("app"), Map.of("app.App", caller(body)),
        List.of(library(dir).classes()));
    assertThat(r.ok()).isFalse();
    List<Diagnostic<?>> errors = r.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .<Diagnostic<?>>map(d -> d).toList();
    assertWithMessage(r.describe()).that(errors).hasSize(1);
    assertWithMessage(r.describe()).that(Path.of(((javax.tools.JavaFileObject) errors.get(0).getSource()).getName())
        .getFileName().toString()).isEqualTo("App.java");
    String message = errors.get(0).getMessage(Locale.ROOT);
    assertThat(message).contains("[" + code + "]");
    return message;
  }

  @Test
  void aCallerOfOrderTwoIsAnErrorAtItsCall(@TempDir Path dir) {
    assertThat(errorOf(dir, "jgrad.UnsupportedOrder",
        "@Differentiable(order = 2) static double g(double w) { return Lib.f(w) * w; }"))
        .contains("order 2 through a call to f, whose generated class has no fTangentVjp");
  }

  @Test
  void aDerivativeCallIsAnErrorAtTheCall(@TempDir Path dir) {
    assertThat(errorOf(dir, "jgrad.DerivativeCall",
        "@Differentiable static double g(double w) { return LibDerivatives.fGrad(w) * w; }"))
        .contains("whose generated class has no fTangentVjp");
  }

  @Test
  void aLibraryFunctionWithTheReverseModeIsCalledAtOrderTwo(@TempDir Path dir) throws Exception {
    InProcessJavac.Result lib = library(dir);
    InProcessJavac.Result r = InProcessJavac.compile(dir.resolve("app"), Map.of("app.App", caller(
        "@Differentiable(order = 2) static double g(double w) { return Lib.plain(w) * w; }\n"
            + "  @Differentiable static double h(double w) { return LibDerivatives.fJvp(w, 1).value()"
            + " + LibDerivatives.plainGrad(w) * w; }")),
        List.of(lib.classes()));
    assertWithMessage(r.describe()).that(r.ok()).isTrue();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {r.classes().toUri().toURL(), lib.classes().toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> app = loader.loadClass("app.AppDerivatives");
      Method hessian = app.getDeclaredMethod("gHessian", double.class);
      hessian.setAccessible(true);
      double w = 0.7;
      // g = w² sin w: g'' = 2 sin w + 4w cos w − w² sin w.
      double expected = 2 * Math.sin(w) + 4 * w * Math.cos(w) - w * w * Math.sin(w);
      assertThat((double) hessian.invoke(null, w)).isWithin(1e-12).of(expected);
      Method grad = app.getDeclaredMethod("hGrad", double.class);
      grad.setAccessible(true);
      // h = f's value w² sin w plus plain's gradient (sin w + w cos w) times w.
      double h = 2 * w * Math.sin(w) + w * w * Math.cos(w) + Math.sin(w) + w * Math.cos(w)
          + 2 * w * Math.cos(w) - w * w * Math.sin(w);
      assertThat((double) grad.invoke(null, w)).isWithin(1e-12).of(h);
    }
  }
}
