package io.jgrad.examples.build;

import io.jgrad.processor.JgradProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs the system javac in this JVM with jgrad's processor, writing sources, generated sources and
 * classes under a directory as a build tool would. Unlike compile-testing it keeps the generated
 * files of a failed compilation, which is what "other classes still get their derivatives" needs.
 */
public final class InProcessJavac {
  private InProcessJavac() {}

  /** The outcome of one compilation: success, diagnostics and where its outputs went. */
  public record Result(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path generated,
      Path classes) {
    /** Every generated source, by path relative to {@link #generated}, with its exact bytes. */
    public Map<String, byte[]> generatedSources() {
      Map<String, byte[]> out = new TreeMap<>();
      try (Stream<Path> files = Files.walk(generated)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.put(generated.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    /** The diagnostics as text, for assertion messages. */
    public String describe() {
      StringBuilder s = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        s.append(d.getKind()).append(' ')
            .append(d.getSource() == null ? "-" : Path.of(d.getSource().getName()).getFileName())
            .append(':').append(d.getLineNumber()).append(' ').append(d.getMessage(Locale.ROOT)).append('\n');
      }
      return s.toString();
    }
  }

  /**
   * Compiles {@code sources} (qualified class name of the file's first type to its text) under
   * {@code dir}, with the test class path plus {@code extraClassPath} first.
   */
  public static Result compile(Path dir, Map<String, String> sources, List<Path> extraClassPath) {
    try {
      Path src = Files.createDirectories(dir.resolve("src"));
      Path gen = Files.createDirectories(dir.resolve("gen"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        files.add(file.toFile());
      }
      List<String> classPath = new ArrayList<>();
      extraClassPath.forEach(p -> classPath.add(p.toString()));
      classPath.add(System.getProperty("java.class.path"));
      // -sourcepath: only the given sources, never a .java that test resources put on the class path.
      List<String> options = List.of("-classpath", String.join(File.pathSeparator, classPath),
          "-sourcepath", src.toString(), "-s", gen.toString(), "-d", classes.toString(),
          "-encoding", "UTF-8");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
          StandardCharsets.UTF_8)) {
        JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, options, null,
            fm.getJavaFileObjectsFromFiles(files));
        task.setProcessors(List.of(new JgradProcessor()));
        boolean ok = task.call();
        return new Result(ok, diagnostics.getDiagnostics(), gen, classes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
