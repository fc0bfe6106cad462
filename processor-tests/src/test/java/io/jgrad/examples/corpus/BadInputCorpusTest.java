package io.jgrad.examples.corpus;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.examples.build.InProcessJavac;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/corpus}): sources a user could write by mistake.
 * Each is compiled with a valid companion class and must give exactly the diagnostics its markers
 * name (see {@link CorpusFile}) at their lines, never a processor crash, an internal error, a stack
 * trace or an error in generated code, while the companion still gets its derivatives.
 */
class BadInputCorpusTest {
  private static final String COMPANION_CLASS = "corpus.ValidCompanion";
  private static final String COMPANION = """
      package corpus;
      import io.jgrad.annotations.Differentiable;
      class ValidCompanion {
        @Differentiable
        static double f(double x, double y) { return Math.sin(x) * y; }
      }
      """;
  private static final Pattern CODE = Pattern.compile("^\\[(jgrad\\.\\w+)\\]");

  static Stream<String> corpus() throws IOException, URISyntaxException {
    return Files.list(corpusDir()).map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".java")).sorted();
  }

  private static Path corpusDir() throws URISyntaxException {
    return Path.of(BadInputCorpusTest.class.getResource("/corpus").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void givesExactlyTheMarkedDiagnostics(String name, @TempDir Path dir) throws Exception {
    CorpusFile file = CorpusFile.parse(name, Files.readString(corpusDir().resolve(name), StandardCharsets.UTF_8));
    assertWithMessage("%s marks no expected diagnostic", name).that(file.expected()).isNotEmpty();
    InProcessJavac.Result r = InProcessJavac.compile(dir,
        Map.of(file.className(), file.text(), COMPANION_CLASS, COMPANION), List.of());
    String all = r.describe();

    assertWithMessage("%s must not compile:\n%s", name, all).that(r.ok()).isFalse();
    Set<String> actual = new TreeSet<>();
    for (Diagnostic<? extends JavaFileObject> d : r.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      assertNoCrash(message);
      boolean inFile = d.getSource() != null && d.getSource().getName().endsWith("/" + name);
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        // An error anywhere else (generated code that does not compile) is a processor bug.
        assertWithMessage("%s: error outside the corpus file:\n%s", name, all).that(inFile).isTrue();
      }
      if (!inFile || (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING
          && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING)) {
        continue;
      }
      Matcher code = CODE.matcher(message);
      String kind = d.getKind() == Diagnostic.Kind.ERROR ? "ERROR" : "WARNING";
      if (code.find()) {
        actual.add(CorpusFile.entry(d.getLineNumber(), kind, code.group(1)));
      } else if (kind.equals("ERROR")) {
        actual.add(CorpusFile.entry(d.getLineNumber(), kind, "javac"));
      }
    }
    assertWithMessage("%s: diagnostics were\n%s", name, all).that(actual)
        .containsExactlyElementsIn(file.expected());

    if (file.processingRuns()) {
      Path companion = r.generated().resolve("corpus/ValidCompanionDerivatives.java");
      assertWithMessage("%s: the valid companion lost its derivatives:\n%s", name, all)
          .that(Files.exists(companion)).isTrue();
      assertThat(Files.readString(companion)).contains("public static FGrad fGrad(double x, double y)");
    }
  }

  private static void assertNoCrash(String message) {
    assertWithMessage("diagnostic: %s", message).that(message)
        .doesNotContain("An annotation processor threw an uncaught exception");
    assertWithMessage("diagnostic: %s", message).that(message).doesNotContain("jgrad.Internal");
    assertWithMessage("diagnostic: %s", message).that(message).doesNotContainMatch("(?m)^\\s*at [\\w$.]+\\(");
    assertWithMessage("diagnostic: %s", message).that(message)
        .doesNotContainMatch("[\\w$]+\\.[\\w$.]*(Exception|Error)\\b");
  }

  /** The issue asks for at least 40 mistakes; a shrinking corpus fails here, not silently. */
  @Test
  void corpusHasAtLeastFortyFiles() throws Exception {
    assertThat(corpus().count()).isAtLeast(40L);
  }

  /** The marker reader itself: codes, kinds and the line numbers they sit on. */
  @Test
  void markersAreReadWithTheirLines() {
    CorpusFile f = CorpusFile.parse("X.java", "package p;\nclass X {\n  int a; // ERROR jgrad.A jgrad.B\n"
        + "  int b; // WARNING jgrad.C\n  int c; // JAVAC-ERROR (stops annotation processing)\n}\n");
    assertThat(f.className()).isEqualTo("p.X");
    assertThat(f.expected()).containsExactly(CorpusFile.entry(3, "ERROR", "jgrad.A"),
        CorpusFile.entry(3, "ERROR", "jgrad.B"), CorpusFile.entry(4, "WARNING", "jgrad.C"),
        CorpusFile.entry(5, "ERROR", "javac"));
    assertThat(f.processingRuns()).isFalse();
  }
}
