package io.jgrad.examples.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * A chain of calls named in an error goes through functions with records by the names the user
 * wrote ({@code outer → clipped}), not by their internal flat functions ({@code outer_flat}).
 */
class RecordPathNamesTest {
  @Test
  void aPathThroughRecordFunctionsNamesThemAsWritten() {
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(
        JavaFileObjects.forSourceString("demo.Lib", ""
            + "package demo;\n"
            + "import io.jgrad.annotations.*;\n"
            + "import io.jgrad.runtime.Fwd;\n"
            + "final class Lib {\n"
            + "  record P(double x, double y) {}\n"
            + "  @CustomVjp(fwd = \"clipFwd\", bwd = \"clipBwd\")\n"
            + "  static double clip(double x) { return x; }\n"
            + "  static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }\n"
            + "  static double clipBwd(Double res, double g) { return Math.max(-1, Math.min(1, g)); }\n"
            + "  @Differentiable\n"
            + "  static double clipped(P p) { return clip(p.x()) * p.y(); }\n"
            + "  @Differentiable\n"
            + "  static double outer(P p) { return clipped(p) + p.x(); }\n"
            + "}\n"),
        JavaFileObjects.forSourceString("demo.User", ""
            + "package demo;\n"
            + "final class User {\n"
            + "  static double use(Lib.P p) {\n"
            + "    return LibDerivatives.outerJvp(p, p).tangent();\n"
            + "  }\n"
            + "}\n"));
    assertThat(c).hadErrorContaining("outer → clipped → clip, which has only a @CustomVjp rule");
    for (Diagnostic<?> d : c.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("_flat");
    }
  }
}
