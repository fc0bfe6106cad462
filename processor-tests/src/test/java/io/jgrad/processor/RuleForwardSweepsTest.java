package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A {@code @CustomJvp} rule's loop that computes only the tangent is run backwards by the backward
 * sweep alone: the forward sweeps of {@code fVjp} and {@code fValueAndGrad} keep no loop that only
 * counts (their values are checked in {@code RuleLoopSweepsTest}).
 */
class RuleForwardSweepsTest {
  @Test
  void forwardSweepsKeepNoLoopThatOnlyCounts() throws IOException {
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(JavaFileObjects.forSourceString(
        "p.Counted", """
            package p;
            import io.jgrad.annotations.*;
            import io.jgrad.runtime.Dual;
            final class Counted {
              @CustomJvp(jvp = "fJvp")
              static double f(double x, int n) { return Math.sin(x) * n; }
              static Dual fJvp(double x, int n, double xDot) {
                double c = Math.cos(x);
                double t = 0;
                for (int i = 0; i < n; i++) {
                  t += c * xDot;
                }
                return Dual.of(Math.sin(x) * n, t);
              }
            }
            """));
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("p.CountedDerivatives").orElseThrow().getCharContent(true).toString();
    for (String entry : new String[] {"fVjp", "fValueAndGrad", "fGrad"}) {
      String method = method(generated, entry);
      assertThat(method).doesNotContain("while (");
      assertThat(method.split("for \\(", -1)).hasLength(2); // the backward sweep's loop, once
    }
  }

  /** The text of the generated method {@code name}, from its signature to the next member's Javadoc. */
  private static String method(String source, String name) {
    int start = source.indexOf(" " + name + "(");
    assertThat(start).isAtLeast(0);
    int end = source.indexOf("/**", start);
    return source.substring(start, end < 0 ? source.length() : end);
  }
}
