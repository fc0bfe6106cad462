package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Each reverse-mode entry point prints the one transposed program under its own residual policy:
 * past what a lambda can capture, {@code fVjp}'s pullback reads saved values from the tape, while
 * {@code fGrad} and {@code fValueAndGrad}, which run both sweeps in one method, keep them in locals.
 */
class EntryPointPlacementTest {
  @Test
  void onlyThePullbackClosureOfALongFunctionUsesTheTape() throws IOException {
    StringBuilder body = new StringBuilder("    double a0 = x * y;\n");
    for (int k = 1; k < 160; k++) {
      body.append("    double a").append(k).append(" = Math.sin(a").append(k - 1).append(") * y;\n");
    }
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(JavaFileObjects.forSourceString(
        "p.Long", "package p;\nimport io.jgrad.annotations.*;\nfinal class Long {\n"
            + "  @Differentiable static double f(double x, double y) {\n" + body + "    return a159;\n  }\n}\n"));
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("p.LongDerivatives").orElseThrow().getCharContent(true).toString();
    assertThat(method(generated, "fVjp")).contains("tape.push");
    assertThat(method(generated, "fGrad")).doesNotContain("tape");
    assertThat(method(generated, "fValueAndGrad")).doesNotContain("tape");
  }

  /** The text of the generated method {@code name}, from its signature to the next member's Javadoc. */
  private static String method(String source, String name) {
    int start = source.indexOf(" " + name + "(");
    assertThat(start).isAtLeast(0);
    int end = source.indexOf("/**", start);
    return source.substring(start, end < 0 ? source.length() : end);
  }
}
