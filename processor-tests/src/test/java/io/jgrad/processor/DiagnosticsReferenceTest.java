package io.jgrad.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.jgrad.docs.RepositoryFiles;
import io.jgrad.processor.diag.Codes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/diagnostics.md covers every code in {@link Codes}, and its examples are true: each Wrong
 * example, compiled with jgrad, reports its code (and no error that is not jgrad's), and each Fixed
 * example compiles with no jgrad diagnostic at all.
 */
class DiagnosticsReferenceTest {

  private static Map<String, DiagnosticsReference.Section> page() throws IOException {
    String text = Files.readString(RepositoryFiles.root().resolve("docs/diagnostics.md"), StandardCharsets.UTF_8);
    return DiagnosticsReference.parse(text);
  }

  /** Every code the processor can report, read from Codes' constants. */
  private static Set<String> codes() throws IllegalAccessException {
    Set<String> codes = new TreeSet<>();
    for (Field f : Codes.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }
    return codes;
  }

  @Test
  void everyCodeHasASectionAndEverySectionACode() throws Exception {
    Set<String> codes = codes();
    assertWithMessage("Codes has no constants: the reflection read nothing").that(codes).isNotEmpty();
    Set<String> documented = page().keySet();
    Set<String> missing = new TreeSet<>(codes);
    missing.removeAll(documented);
    assertWithMessage("codes with no \"### <code>\" section in docs/diagnostics.md").that(missing).isEmpty();
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(codes);
    assertWithMessage("sections of docs/diagnostics.md for codes the processor does not have").that(stale).isEmpty();
  }

  @Test
  void everyCodeAUserCanCauseHasAWrongAndAFixedExample() throws Exception {
    List<String> without = new ArrayList<>();
    for (DiagnosticsReference.Section s : page().values()) {
      // no Java example can show these: an internal error, and a compiler without javac's Tree API
      // (EclipseCompilerTest runs ecj over the Quick start for that one)
      boolean noJavaExample = s.code().equals(Codes.INTERNAL) || s.code().equals(Codes.UNSUPPORTED_COMPILER);
      if (!noJavaExample && (s.wrong().isEmpty() || s.fixed().isEmpty())) {
        without.add(s.code());
      }
    }
    assertWithMessage("sections without a Wrong and a Fixed example").that(without).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyWrongExampleReportsItsCode() throws IOException {
    return page().values().stream().flatMap(s -> s.wrong().stream().map(src ->
        DynamicTest.dynamicTest(s.code() + " wrong", () -> assertReports(s, src))));
  }

  @TestFactory
  Stream<DynamicTest> everyFixedExampleCompilesWithoutJgradDiagnostics() throws IOException {
    return page().values().stream().flatMap(s -> s.fixed().stream().map(src ->
        DynamicTest.dynamicTest(s.code() + " fixed", () -> assertClean(s, src))));
  }

  private static void assertReports(DiagnosticsReference.Section s, String example) {
    String unit = DiagnosticsReference.compilationUnit(example);
    Compilation c = Diagnosed.compile("example.Examples", unit);
    Diagnostic.Kind kind = s.warning() ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR;
    boolean reported = c.diagnostics().stream().anyMatch(d -> kindMatches(d, kind)
        && d.getMessage(Locale.ROOT).contains("[" + s.code() + "]"));
    assertWithMessage("%s's Wrong example does not report [%s] as %s; it gave:\n%s\n%s", s.code(), s.code(), kind,
        messages(c), unit).that(reported).isTrue();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertWithMessage("%s's Wrong example has an error that is not jgrad's:\n%s", s.code(), unit)
          .that(d.getMessage(Locale.ROOT)).contains("[jgrad.");
    }
    Diagnosed.assertNoCrash(c);
  }

  private static void assertClean(DiagnosticsReference.Section s, String example) {
    String unit = DiagnosticsReference.compilationUnit(example);
    Compilation c = Diagnosed.compile("example.Examples", unit);
    assertWithMessage("%s's Fixed example does not compile:\n%s\n%s", s.code(), messages(c), unit)
        .that(c.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("%s's Fixed example still gets jgrad diagnostics:\n%s", s.code(), unit)
        .that(messages(c)).doesNotContain("[jgrad.");
    assertThat(c).generatedSourceFile("example.ExamplesDerivatives");
  }

  private static boolean kindMatches(Diagnostic<?> d, Diagnostic.Kind kind) {
    return d.getKind() == kind || (kind == Diagnostic.Kind.WARNING && d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
  }

  private static String messages(Compilation c) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      b.append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return b.toString();
  }
}
