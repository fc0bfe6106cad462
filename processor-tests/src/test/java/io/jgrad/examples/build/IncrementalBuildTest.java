package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an incremental build does: recompile only the caller against the callee's class output.
 * An unchanged callee gives the caller byte-identical derivatives (the same as a build of both);
 * a changed callee changes the caller's derivatives where they depend on it: the names of its
 * gradient record, whether it has forward mode, and (through the call) the numbers.
 */
class IncrementalBuildTest {
  private static final String CALLER_FILE = "inc/CallerDerivatives.java";

  private static final String CALLER = """
      package inc;
      import io.jgrad.annotations.Differentiable;
      class Caller {
        @Differentiable
        static double f(double x) { return Callee.g(x * x, x) + x; }
      }
      """;

  /** The callee, with its second parameter named {@code second} and body {@code body}. */
  private static String callee(String second, String body) {
    return """
        package inc;
        import io.jgrad.annotations.Differentiable;
        public class Callee {
          @Differentiable
          public static double g(double a, double SECOND) { return BODY; }
        }
        """.replace("SECOND", second).replace("BODY", body);
  }

  private static final String CALLEE_V1 = callee("b", "Math.sin(a) * b");

  private static InProcessJavac.Result compile(Path dir, Map<String, String> sources, Path... classPath) {
    InProcessJavac.Result r = InProcessJavac.compile(dir, sources, List.of(classPath));
    assertWithMessage(r.describe()).that(r.ok()).isTrue();
    return r;
  }

  private static String callerSource(InProcessJavac.Result r) {
    byte[] bytes = r.generatedSources().get(CALLER_FILE);
    assertWithMessage("no %s in %s", CALLER_FILE, r.generatedSources().keySet()).that(bytes).isNotNull();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void unchangedCalleeGivesIdenticalCallerDerivatives(@TempDir Path dir) {
    InProcessJavac.Result both = compile(dir.resolve("both"), Map.of("inc.Callee", CALLEE_V1, "inc.Caller", CALLER));
    InProcessJavac.Result lib = compile(dir.resolve("lib"), Map.of("inc.Callee", CALLEE_V1));
    InProcessJavac.Result callerOnly = compile(dir.resolve("caller"), Map.of("inc.Caller", CALLER), lib.classes());
    assertThat(callerOnly.generatedSources().keySet()).containsExactly(CALLER_FILE);
    assertThat(callerOnly.generatedSources().get(CALLER_FILE))
        .isEqualTo(both.generatedSources().get(CALLER_FILE));

    // Recompiling the caller again with the full previous output on the class path (its own stale
    // CallerDerivatives.class included, as an incremental javac run has) gives the same bytes.
    InProcessJavac.Result again = compile(dir.resolve("again"), Map.of("inc.Caller", CALLER), both.classes());
    assertThat(again.generatedSources().get(CALLER_FILE)).isEqualTo(both.generatedSources().get(CALLER_FILE));
  }

  @Test
  void renamedCalleeParameterChangesTheCallersDerivatives(@TempDir Path dir) throws Exception {
    InProcessJavac.Result lib1 = compile(dir.resolve("lib1"), Map.of("inc.Callee", CALLEE_V1));
    String before = callerSource(compile(dir.resolve("app1"), Map.of("inc.Caller", CALLER), lib1.classes()));
    InProcessJavac.Result lib2 = compile(dir.resolve("lib2"), Map.of("inc.Callee", callee("scale", "Math.sin(a) * scale")));
    InProcessJavac.Result app2 = compile(dir.resolve("app2"), Map.of("inc.Caller", CALLER), lib2.classes());
    String after = callerSource(app2);
    // The caller reads the callee's gradient record by component name: b() before, scale() after.
    assertThat(before).contains(".b()");
    assertThat(before).doesNotContain(".scale()");
    assertThat(after).contains(".scale()");
    assertThat(after).doesNotContain(".b()");
    assertThat(after.replace(".scale()", ".b()")).isEqualTo(before);
    assertGradientMatchesFiniteDifferences(lib2.classes(), app2.classes());
  }

  @Test
  void changedCalleeBodyReachesTheCallersGradient(@TempDir Path dir) throws Exception {
    InProcessJavac.Result lib1 = compile(dir.resolve("lib1"), Map.of("inc.Callee", CALLEE_V1));
    InProcessJavac.Result app1 = compile(dir.resolve("app1"), Map.of("inc.Caller", CALLER), lib1.classes());
    InProcessJavac.Result lib2 = compile(dir.resolve("lib2"), Map.of("inc.Callee", callee("b", "Math.exp(a) * b * b")));
    InProcessJavac.Result app2 = compile(dir.resolve("app2"), Map.of("inc.Caller", CALLER), lib2.classes());
    // The caller calls the callee's derivatives rather than inlining them, so its source is unchanged
    // and its gradient follows the new callee: both agree with finite differences of their own f.
    assertThat(callerSource(app2)).isEqualTo(callerSource(app1));
    double g1 = assertGradientMatchesFiniteDifferences(lib1.classes(), app1.classes());
    double g2 = assertGradientMatchesFiniteDifferences(lib2.classes(), app2.classes());
    assertThat(g2).isNotWithin(1e-3).of(g1);
  }

  @Test
  void calleeThatLosesForwardModeTakesItFromTheCaller(@TempDir Path dir) {
    InProcessJavac.Result lib1 = compile(dir.resolve("lib1"), Map.of("inc.Callee", CALLEE_V1));
    String before = callerSource(compile(dir.resolve("app1"), Map.of("inc.Caller", CALLER), lib1.classes()));
    String vjpCallee = """
        package inc;
        import io.jgrad.annotations.CustomVjp;
        import io.jgrad.runtime.Fwd;
        public class Callee {
          @CustomVjp(fwd = "gFwd", bwd = "gBwd")
          public static double g(double a, double b) { return Math.sin(a) * b; }
          static Fwd<double[]> gFwd(double a, double b) { return Fwd.of(g(a, b), new double[] {a, b}); }
          static CalleeDerivatives.GGrad gBwd(double[] r, double c) {
            return new CalleeDerivatives.GGrad(Math.cos(r[0]) * r[1] * c, Math.sin(r[0]) * c);
          }
        }
        """;
    InProcessJavac.Result lib2 = compile(dir.resolve("lib2"), Map.of("inc.Callee", vjpCallee));
    String after = callerSource(compile(dir.resolve("app2"), Map.of("inc.Caller", CALLER), lib2.classes()));
    assertThat(before).contains("fJvp(");
    assertThat(after).doesNotContain("fJvp(");
    assertThat(after).contains("fGrad(");
  }

  /** Loads Caller and its derivatives and checks fGrad(0.7) against central differences; returns it. */
  private static double assertGradientMatchesFiniteDifferences(Path lib, Path app) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {lib.toUri().toURL(), app.toUri().toURL()},
        IncrementalBuildTest.class.getClassLoader())) {
      Method f = loader.loadClass("inc.Caller").getDeclaredMethod("f", double.class);
      f.setAccessible(true);
      Method grad = loader.loadClass("inc.CallerDerivatives").getMethod("fGrad", double.class);
      double x = 0.7;
      double h = 1e-6;
      double fd = ((double) f.invoke(null, x + h) - (double) f.invoke(null, x - h)) / (2 * h);
      double g = (double) grad.invoke(null, x);
      assertThat(g).isWithin(1e-6 * Math.max(1, Math.abs(fd))).of(fd);
      return g;
    }
  }
}
