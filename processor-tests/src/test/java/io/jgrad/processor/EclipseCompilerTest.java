package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.annotations.Differentiable;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse and VS Code compile with ecj, which has no javac Tree API: jgrad, found on the processor
 * path as an IDE finds it, must stop the build with its own error at the user's method, not an
 * "Internal compiler error".
 */
class EclipseCompilerTest {
  private static final String SOURCE = """
      package example;

      import io.jgrad.annotations.Differentiable;

      final class Examples {
        @Differentiable
        static double f(double x, double y) {
          return Math.sin(x) * y;
        }

        @Differentiable
        static double g(double x) {
          return x * x;
        }
      }
      """;

  @Test
  void ecjGetsJgradsOwnErrorAtTheFirstAnnotatedMethodOfTheClass(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("src/example/Examples.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("out"));

    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_PATH, List.of(jarOf(Differentiable.class)));
      // As an IDE runs it: jgrad on the processor path, discovered through META-INF/services.
      files.setLocation(StandardLocation.ANNOTATION_PROCESSOR_PATH, processorPath());
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(out.toFile()));
      compiled = ecj.getTask(new StringWriter(), files, diagnostics, List.of("--release", "17"), null,
          files.getJavaFileObjects(source.toFile())).call();
    }

    List<Diagnostic<? extends JavaFileObject>> all = diagnostics.getDiagnostics();
    String printed = all.stream().map(d -> d.getKind() + " line " + d.getLineNumber() + ": "
        + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
    assertWithMessage(printed).that(compiled).isFalse();
    for (Diagnostic<? extends JavaFileObject> d : all) {
      assertWithMessage("ecj reported a crash, not jgrad's error").that(d.getMessage(Locale.ROOT))
          .doesNotContainMatch("Internal compiler error|Exception");
    }
    List<Diagnostic<? extends JavaFileObject>> errors = all.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    // One error for the class, not one per method, at its first annotated method.
    assertWithMessage(printed).that(errors).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String message = error.getMessage(Locale.ROOT);
    assertThat(message).startsWith("[jgrad.UnsupportedCompiler] jgrad reads method bodies through javac's Tree API");
    assertThat(message).contains("so no ExamplesDerivatives was generated");
    assertThat(message).contains("Compile with javac");
    assertThat(message).contains("Annotation Processing");
    assertThat(Path.of(error.getSource().toUri())).isEqualTo(source);
    assertThat(error.getLineNumber()).isEqualTo(Diagnosed.lineOf(SOURCE, "static double f("));
    assertThat(error.getStartPosition()).isEqualTo((long) SOURCE.indexOf("f(double x"));
    assertWithMessage("nothing may be generated without method bodies")
        .that(Files.exists(out.resolve("example/ExamplesDerivatives.java"))).isFalse();
  }

  /** The jar (or classes folder) {@code type} was loaded from. */
  /**
   * The packaged processor alone (JavaPoet relocated into it, the annotations with it); its classes
   * directory, in a build that stops before package, with JavaPoet and the annotations beside it.
   */
  private static List<File> processorPath() {
    File processor = jarOf(JgradProcessor.class);
    if (processor.isFile()) {
      return List.of(processor);
    }
    try {
      URL javaPoet = EclipseCompilerTest.class.getClassLoader().getResource("com/palantir/javapoet/JavaFile.class");
      String jar = javaPoet.toURI().getSchemeSpecificPart();
      return List.of(processor, new File(URI.create(jar.substring(0, jar.indexOf("!/")))), jarOf(Differentiable.class));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
