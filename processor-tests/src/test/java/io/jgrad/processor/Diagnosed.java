package io.jgrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles a test source with jgrad under {@code -Xlint:all} and asserts where its diagnostics land:
 * on the user's line (and column), never in generated code, never a crash or a stack trace.
 */
final class Diagnosed {
  private Diagnosed() {}

  static Compilation compile(String className, String text) {
    return Compiler.javac().withProcessors(new JgradProcessor()).withOptions("-Xlint:all,-processing")
        .compile(JavaFileObjects.forSourceString(className, text));
  }

  /** The 1-based line of the only occurrence of {@code marker} in {@code text}. */
  static long lineOf(String text, String marker) {
    int at = text.indexOf(marker);
    if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
      throw new IllegalArgumentException("marker must occur exactly once: " + marker);
    }
    return text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  /** The 1-based column of the only occurrence of {@code marker}, plus {@code offset} characters. */
  static long columnOf(String text, String marker, int offset) {
    lineOf(text, marker);
    int at = text.indexOf(marker) + offset;
    return at - text.lastIndexOf('\n', at - 1);
  }

  /** A failed compilation with an error {@code [code]} in the user's file on the line of {@code marker}. */
  static Compilation assertErrorOnLine(String code, String className, String text, String marker) {
    Compilation c = compile(className, text);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(c.sourceFiles().get(0)).onLine(lineOf(text, marker));
    assertNoCrash(c.diagnostics());
    return c;
  }

  /** As {@link #assertErrorOnLine}, also pinning the column to {@code offset} characters into {@code marker}. */
  static void assertErrorAt(String code, String className, String text, String marker, int offset) {
    Compilation c = compile(className, text);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(c.sourceFiles().get(0))
        .onLine(lineOf(text, marker)).atColumn(columnOf(text, marker, offset));
    assertNoCrash(c.diagnostics());
  }

  /** As {@link #assertNoCrash(List)}, for every diagnostic of {@code c}. */
  static void assertNoCrash(Compilation c) {
    assertNoCrash(c.diagnostics());
  }

  /** No processor crash, no internal error, no stack trace, nothing located in generated code. */
  static void assertNoCrash(List<? extends Diagnostic<? extends JavaFileObject>> diagnostics) {
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      String m = d.getMessage(Locale.ROOT);
      assertWithMessage("diagnostic: %s", m).that(m)
          .doesNotContain("An annotation processor threw an uncaught exception");
      assertWithMessage("diagnostic: %s", m).that(m).doesNotContain("[jgrad.Internal]");
      assertWithMessage("diagnostic: %s", m).that(m).doesNotContainMatch("(?m)^\\s*at [\\w$.]+\\(");
      assertWithMessage("diagnostic: %s", m).that(m)
          .doesNotContainMatch("[\\w$]+\\.[\\w$.]*(Exception|Error)\\b");
      assertWithMessage("diagnostic in generated code: %s", m)
          .that(d.getSource() == null ? "" : d.getSource().getName()).doesNotContain("Derivatives");
    }
  }
}
