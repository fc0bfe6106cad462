package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller of order 2 compiled against a library whose derivatives class lacks an internal method
 * second derivatives call ({@code fTangentJvp}, {@code fPullbackVjp}: as an older jgrad generated it,
 * simulated by the library's own generated class with that method renamed) is refused at its call
 * with a {@code [jgrad.*]} error, never a javac error inside generated code.
 */
class CompiledOlderInternalsTest {
  private static final String LIBRARY = """
      package lib;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      public final class Lib {
        @Differentiable(order = 2)
        public static double f(double w) { return Math.sin(w) * w; }
        @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
        public static double sine(double x) { return Math.sin(x); }
        public static Fwd<Double> sineFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
        public static double sineBwd(Double cos, double g) { return cos * g; }
      }
      """;

  /** The one error of compiling {@code body} against the library whose class lacks {@code method}. */
  private static String errorOf(Path dir, String method, String body) throws Exception {
    InProcessJavac.Result lib = InProcessJavac.compile(dir.resolve("lib"), Map.of("lib.Lib", LIBRARY), List.of());
    assertWithMessage(lib.describe()).that(lib.ok()).isTrue();
    String generated = Files.readString(lib.generated().resolve("lib/LibDerivatives.java"));
    assertThat(generated).containsMatch("\\b" + method + "\\(");
    // The same class without the method: every use renamed, so that the rest still compiles.
    InProcessJavac.Result older = InProcessJavac.compile(dir.resolve("older"),
        Map.of("lib.LibDerivatives", generated.replaceAll("\\b" + method + "\\b", method + "Renamed")),
        List.of(lib.classes()));
    assertWithMessage(older.describe()).that(older.ok()).isTrue();
    InProcessJavac.Result r = InProcessJavac.compile(dir.resolve("app"), Map.of("app.App", """
        package app;
        import io.jgrad.annotations.*;
        import lib.Lib;
        final class App {
          BODY
        }
        """.replace("BODY", body)), List.of(older.classes(), lib.classes()));
    assertThat(r.ok()).isFalse();
    List<Diagnostic<? extends JavaFileObject>> errors = r.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertWithMessage(r.describe()).that(errors).hasSize(1);
    assertWithMessage(r.describe()).that(Path.of(errors.get(0).getSource().getName()).getFileName().toString())
        .isEqualTo("App.java");
    return errors.get(0).getMessage(Locale.ROOT);
  }

  @Test
  void aTangentFunctionMissingIsAnErrorAtTheCall(@TempDir Path dir) throws Exception {
    assertThat(errorOf(dir, "fTangentJvp",
        "@Differentiable(order = 2) static double g(double w) { return Lib.f(w) * w; }"))
        .contains("[jgrad.UnsupportedOrder] order 2 through a call to f, whose generated class has no fTangentJvp"
            + " (an older jgrad generated it)");
  }

  @Test
  void aPullbackFunctionMissingIsAnErrorAtTheCall(@TempDir Path dir) throws Exception {
    assertThat(errorOf(dir, "sinePullbackVjp",
        "@Differentiable(order = 2) static double g(double w) { return Lib.sine(w) * w; }"))
        .contains("[jgrad.UnsupportedOrder] order 2 through a call to sine, whose generated class has no"
            + " sinePullbackVjp (an older jgrad generated it)");
  }
}
