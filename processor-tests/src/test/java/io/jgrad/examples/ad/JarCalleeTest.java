package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import io.jgrad.runtime.Dual;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differentiable function calling a differentiable function of a library that is only available
 * as compiled classes (as from a jar): the library is compiled with the processor, its class files
 * are written to a directory, and the caller is compiled against that directory alone.
 */
class JarCalleeTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceLines("lib.Lib",
      "package lib;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class Lib {",
      "  private Lib() {}",
      "",
      "  @Differentiable",
      "  public static double f(double x, double y) {",
      "    return x * x * y + Math.sin(y);",
      "  }",
      "}");

  private static final JavaFileObject CALLER = JavaFileObjects.forSourceLines("app.App",
      "package app;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class App {",
      "  private App() {}",
      "",
      "  @Differentiable",
      "  public static double g(double x) {",
      "    return lib.Lib.f(x, 3.0) * x;",
      "  }",
      "}");

  @Test
  void callerDifferentiatesThroughACompiledLibrary(@TempDir Path temp) throws Exception {
    Path libDir = temp.resolve("lib-classes");
    Path appDir = temp.resolve("app-classes");
    Compilation library = Compiler.javac().withProcessors(new JgradProcessor()).compile(LIBRARY);
    assertThat(library).succeededWithoutWarnings();
    writeClasses(library, libDir);
    assertThat(Files.exists(libDir.resolve("lib/LibDerivatives.class"))).isTrue();

    Compilation caller = compileAgainst(libDir, CALLER);
    assertThat(caller).succeededWithoutWarnings();
    // the library's source is not part of the second compilation
    assertThat(caller.generatedFiles().stream().map(JavaFileObject::getName).anyMatch(n -> n.contains("Lib")))
        .isFalse();
    writeClasses(caller, appDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), appDir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> app = loader.loadClass("app.App");
      Class<?> derivatives = loader.loadClass("app.AppDerivatives");
      Method g = app.getMethod("g", double.class);
      Method gGrad = derivatives.getMethod("gGrad", double.class);
      Method gJvp = derivatives.getMethod("gJvp", double.class, double.class);
      for (double x : new double[] {-1.7, -0.2, 0.0, 0.6, 2.3}) {
        // g(x) = (3x² + sin 3)·x, so g'(x) = 9x² + sin 3
        double closedForm = 9 * x * x + Math.sin(3.0);
        assertThat((double) g.invoke(null, x)).isWithin(1e-12).of((3 * x * x + Math.sin(3.0)) * x);
        assertThat((double) gGrad.invoke(null, x)).isWithin(1e-12).of(closedForm);
        Dual d = (Dual) gJvp.invoke(null, x, 1.0);
        assertThat(d.tangent()).isWithin(1e-12).of(closedForm);
      }
    }
  }

  private static final JavaFileObject RECORD_LIBRARY = JavaFileObjects.forSourceLines("lib.Shapes",
      "package lib;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "",
      "public final class Shapes {",
      "  private Shapes() {}",
      "",
      "  public record Point(double x, double y) {}",
      "",
      "  @Differentiable",
      "  public static double area(Point p, double k) {",
      "    return k * p.x() * p.y();",
      "  }",
      "",
      "  @Differentiable",
      "  public static double norm2(Point q) {",
      "    return q.x() * q.x() + q.y() * q.y();",
      "  }",
      "}");

  private static final JavaFileObject RECORD_CALLER = JavaFileObjects.forSourceLines("app.Cost",
      "package app;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "import lib.Shapes;",
      "",
      "public final class Cost {",
      "  private Cost() {}",
      "",
      "  @Differentiable",
      "  public static double cost(double a, double b) {",
      "    return Shapes.area(new Shapes.Point(a, b), 2.0) + a + Shapes.norm2(new Shapes.Point(b, a));",
      "  }",
      "}");

  /**
   * A library compiled without {@code -parameters}, as most jars are: its class files name a record
   * parameter {@code arg0}, so the caller takes the names of its callees' leaves from the generated
   * gradient records (which keep them) instead of printing calls to {@code arg0_x()}.
   */
  @Test
  void callerDifferentiatesThroughRecordParametersOfALibraryCompiledWithoutParameterNames(@TempDir Path temp)
      throws Exception {
    Path libDir = temp.resolve("lib-classes");
    Path appDir = temp.resolve("app-classes");
    Compilation library = Compiler.javac().withProcessors(new JgradProcessor()).compile(RECORD_LIBRARY);
    assertThat(library).succeededWithoutWarnings();
    writeClasses(library, libDir);

    Compilation caller = compileAgainst(libDir, RECORD_CALLER);
    assertThat(caller).succeededWithoutWarnings();
    writeClasses(caller, appDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), appDir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> derivatives = loader.loadClass("app.CostDerivatives");
      Method grad = derivatives.getMethod("costGrad", double.class, double.class);
      for (double[] ab : new double[][] {{3, 5}, {-1.5, 0.25}, {0, -2}}) {
        double a = ab[0];
        double b = ab[1];
        // cost = 2ab + a + b² + a², so ∂a = 2b + 1 + 2a and ∂b = 2a + 2b
        Object g = grad.invoke(null, a, b);
        assertThat((double) g.getClass().getMethod("a").invoke(g)).isWithin(1e-12).of(2 * b + 1 + 2 * a);
        assertThat((double) g.getClass().getMethod("b").invoke(g)).isWithin(1e-12).of(2 * a + 2 * b);
      }
    }
  }

  /** {@code source} compiled with jgrad against the class files under {@code libDir}, not their sources. */
  static Compilation compileAgainst(Path libDir, JavaFileObject source) {
    List<File> classpath = new ArrayList<>();
    classpath.add(libDir.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return Compiler.javac().withProcessors(new JgradProcessor()).withClasspath(classpath).compile(source);
  }

  /**
   * {@code library} compiled with jgrad (without {@code -parameters}, as a jar may be), then
   * {@code caller} against its class files without a warning, both loaded under {@code temp}.
   */
  static URLClassLoader compileAndLoad(Path temp, JavaFileObject library, JavaFileObject caller) throws IOException {
    Path libDir = temp.resolve("lib-classes");
    Path appDir = temp.resolve("app-classes");
    Compilation compiledLibrary = Compiler.javac().withProcessors(new JgradProcessor()).compile(library);
    assertThat(compiledLibrary).succeeded();
    writeClasses(compiledLibrary, libDir);
    Compilation compiledCaller = compileAgainst(libDir, caller);
    assertThat(compiledCaller).succeededWithoutWarnings();
    writeClasses(compiledCaller, appDir);
    return new URLClassLoader(new URL[] {libDir.toUri().toURL(), appDir.toUri().toURL()},
        JarCalleeTest.class.getClassLoader());
  }

  /** The class files of {@code compilation}, written under {@code dir} as a jar would hold them. */
  static void writeClasses(Compilation compilation, Path dir) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String name = file.toUri().getPath();
      String relative = name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
      Path target = dir.resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
  }
}
