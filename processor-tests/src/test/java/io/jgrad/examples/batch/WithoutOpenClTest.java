package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.annotations.Batched;
import io.jgrad.processor.JgradProcessor;
import io.jgrad.runtime.Batch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Batched} kernels compiled and run with the core runtime alone: the compilation's class path
 * lacks Aparapi and jgrad-opencl, so the kernels are plain lanes, and they run in a class loader that
 * sees only the runtime, the annotations and the compiled classes.
 */
class WithoutOpenClTest {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines("plain.Kernels",
      "package plain;",
      "",
      "import io.jgrad.annotations.Batched;",
      "import io.jgrad.annotations.CustomVjp;",
      "import io.jgrad.annotations.Differentiable;",
      "import io.jgrad.runtime.Fwd;",
      "",
      "public final class Kernels {",
      "  private Kernels() {}",
      "",
      "  @Batched",
      "  @Differentiable",
      "  public static double f(double x, double y) {",
      "    double z = x > y ? x * y : Math.exp(x);",
      "    return z / (1 + y * y);",
      "  }",
      "",
      "  @CustomVjp(fwd = \"stepFwd\", bwd = \"stepBwd\")",
      "  static double step(double x) {",
      "    return Math.sin(x);",
      "  }",
      "",
      "  static Fwd<Double> stepFwd(double x) {",
      "    return Fwd.of(Math.sin(x), Math.cos(x));",
      "  }",
      "",
      "  static double stepBwd(Double cos, double g) {",
      "    return cos * g;",
      "  }",
      "",
      "  @Batched",
      "  @Differentiable",
      "  public static double steps(double x, int n) {",
      "    double c = x;",
      "    for (int i = 0; i < n; i++) {",
      "      c = step(c) * x;",
      "    }",
      "    return c;",
      "  }",
      "}");

  private static final double[] X = {-1.5, -0.25, 0.0, 0.7, 1.9};
  private static final double[] Y = {0.5, -1.0, 0.4, 0.3, 2.5};
  // No lane sits on the branch x == y, where the finite differences below would straddle the kink.

  private static boolean openClEntry(String entry) {
    String name = new File(entry).getPath().toLowerCase(Locale.ROOT);
    return name.contains("aparapi") || name.contains("bcel") || name.contains("jgrad-opencl")
        || name.contains(File.separator + "opencl" + File.separator);
  }

  private static Path location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The source compiled against this test's class path without Aparapi, BCEL and jgrad-opencl. */
  private static Compilation compileWithoutOpenCl() {
    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!openClEntry(entry)) {
        classpath.add(new File(entry));
      }
    }
    return Compiler.javac().withProcessors(new JgradProcessor()).withClasspath(classpath).compile(SOURCE);
  }

  private static void writeClasses(Compilation compilation, Path dir) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String name = file.toUri().getPath();
      Path target = dir.resolve(name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
  }

  private static Object backend(ClassLoader loader, String name) throws Exception {
    return loader.loadClass("io.jgrad.runtime.Backend").getField(name).get(null);
  }

  private static double f(double x, double y) {
    return (x > y ? x * y : Math.exp(x)) / (1 + y * y);
  }

  private static double steps(double x, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = Math.sin(c) * x;
    }
    return c;
  }

  @Test
  void kernelsCompiledWithoutAparapiRunOnJavaAndThreadsWithoutIt(@TempDir Path temp) throws Exception {
    Compilation compilation = compileWithoutOpenCl();
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("plain.KernelsDerivatives").contentsAsUtf8String()
        .doesNotContain("aparapi");
    writeClasses(compilation, temp);
    URL[] urls = {temp.toUri().toURL(), location(Batch.class).toUri().toURL(),
        location(Batched.class).toUri().toURL()};
    // The platform loader as parent: nothing of this test's class path is visible but these three.
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.aparapi.Kernel"));
      Class<?> derivatives = loader.loadClass("plain.KernelsDerivatives");
      Class<?> backendType = loader.loadClass("io.jgrad.runtime.Backend");
      Method fBatch = derivatives.getMethod("fBatch", double[].class, double[].class, double[].class, backendType);
      Method fGradBatch = derivatives.getMethod("fGradBatch", double[].class, double[].class, double[].class,
          double[].class, backendType);
      Method stepsGradBatch = derivatives.getMethod("stepsGradBatch", double[].class, int.class, double[].class,
          backendType);
      for (String name : new String[] {"JAVA", "THREADS", "AUTO"}) {
        double[] out = new double[X.length];
        Object ran = fBatch.invoke(null, X, Y, out, backend(loader, name));
        // AUTO on five lanes and no OpenCL artifact: the calling thread.
        assertThat(ran.toString()).isEqualTo(name.equals("AUTO") ? "JAVA" : name);
        double[] xGrad = new double[X.length];
        double[] yGrad = new double[X.length];
        fGradBatch.invoke(null, X, Y, xGrad, yGrad, backend(loader, name));
        double[] stepsGrad = new double[X.length];
        stepsGradBatch.invoke(null, X, 3, stepsGrad, backend(loader, name));
        for (int i = 0; i < X.length; i++) {
          double x = X[i];
          double y = Y[i];
          assertThat(out[i]).isWithin(1e-15).of(f(x, y));
          double h = 1e-6;
          assertThat(xGrad[i]).isWithin(1e-6).of((f(x + h, y) - f(x - h, y)) / (2 * h));
          assertThat(yGrad[i]).isWithin(1e-6).of((f(x, y + h) - f(x, y - h)) / (2 * h));
          assertThat(stepsGrad[i]).isWithin(1e-6).of((steps(x + h, 3) - steps(x - h, 3)) / (2 * h));
        }
      }
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> fBatch.invoke(null, X, Y, new double[X.length], backend(loader, "OPENCL")));
      assertThat(e.getCause().getClass().getName()).isEqualTo("io.jgrad.runtime.BackendUnavailableException");
      assertThat(e.getCause()).hasMessageThat().contains("add io.jgrad:jgrad-opencl as a dependency");
    }
  }

  @Test
  void kernelsCompiledWithoutAparapiSayWhyOpenClCannotRunThem(@TempDir Path temp) throws Exception {
    Compilation compilation = compileWithoutOpenCl();
    assertThat(compilation).succeeded();
    writeClasses(compilation, temp);
    // This test's own loader as parent: jgrad-opencl is there at run time, but the kernels are plain lanes.
    try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.toUri().toURL()}, getClass().getClassLoader())) {
      Method fBatch = loader.loadClass("plain.KernelsDerivatives").getMethod("fBatch", double[].class,
          double[].class, double[].class, io.jgrad.runtime.Backend.class);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> fBatch.invoke(null, X, Y, new double[X.length], io.jgrad.runtime.Backend.OPENCL));
      assertThat(e.getCause()).isInstanceOf(io.jgrad.runtime.BackendUnavailableException.class);
      assertThat(e.getCause()).hasMessageThat().contains("KernelsDerivatives.fBatch has no OpenCL kernel");
      assertThat(e.getCause()).hasMessageThat().contains("io.jgrad:jgrad-opencl");
    }
  }
}
