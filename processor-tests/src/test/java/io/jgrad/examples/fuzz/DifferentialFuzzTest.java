package io.jgrad.examples.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import io.jgrad.runtime.Dual;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing: random programs are compiled with the processor and their reverse mode,
 * forward mode and central finite differences must agree. {@code -Djgrad.fuzz.seeds=N} runs more
 * (default 10 seeds of 30 programs); a failure names the seed, the function and prints its source.
 */
class DifferentialFuzzTest {
  private static final int PROGRAMS_PER_SEED = 30;

  @Test
  void reverseForwardAndFiniteDifferencesAgree() throws Exception {
    int seeds = Integer.getInteger("jgrad.fuzz.seeds", 10);
    for (long seed = 1; seed <= seeds; seed++) {
      check(seed);
    }
  }

  private static void check(long seed) throws Exception {
    String source = new RandomPrograms(seed).source("fz", PROGRAMS_PER_SEED);
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor())
        .compile(JavaFileObjects.forSourceString("fz.F", source));
    assertWithMessage("seed %s does not compile:\n%s\n%s", seed, c.diagnostics(), source)
        .that(c.status()).isEqualTo(Compilation.Status.SUCCESS);
    ClassLoader loader = loader(c);
    Class<?> f = loader.loadClass("fz.F");
    Class<?> d = loader.loadClass("fz.FDerivatives");
    Random random = new Random(seed);
    for (int i = 0; i < PROGRAMS_PER_SEED; i++) {
      Method value = f.getDeclaredMethod("f" + i, double.class, double.class);
      value.setAccessible(true);
      Method grad = d.getMethod("f" + i + "Grad", double.class, double.class);
      Method jvp = d.getMethod("f" + i + "Jvp", double.class, double.class, double.class, double.class);
      for (int k = 0; k < 3; k++) {
        double x = random.nextDouble() * 2 - 1;
        double y = random.nextDouble() * 2 - 1;
        Object g = grad.invoke(null, x, y);
        double[] reverse = {
          (double) g.getClass().getMethod("x").invoke(g), (double) g.getClass().getMethod("y").invoke(g)
        };
        for (int j = 0; j < 2; j++) {
          double forward = ((Dual) jvp.invoke(null, x, y, j == 0 ? 1.0 : 0.0, j == 1 ? 1.0 : 0.0)).tangent();
          double h = 1e-6;
          double fd = ((double) value.invoke(null, x + (j == 0 ? h : 0), y + (j == 1 ? h : 0))
              - (double) value.invoke(null, x - (j == 0 ? h : 0), y - (j == 1 ? h : 0))) / (2 * h);
          if (!Double.isFinite(forward) || !Double.isFinite((double) value.invoke(null, x, y))) {
            continue; // overflowed past double's range (exp of exp): nothing finite to compare
          }
          String where = "seed " + seed + ", f" + i + " at (" + x + ", " + y + "), d/d" + (j == 0 ? "x" : "y");
          assertWithMessage("%s: reverse vs forward\n%s", where, source)
              .that(reverse[j]).isWithin(1e-9 * (1 + Math.abs(forward))).of(forward);
          if (Double.isFinite(fd) && Math.abs(fd) < 1e6 && !nearKink(value, x, y, j)) {
            assertWithMessage("%s: forward vs finite differences\n%s", where, source)
                .that(forward).isWithin(1e-4 * (1 + Math.abs(fd))).of(fd);
          }
        }
      }
    }
  }

  /** A branch, abs or max switching within the finite-difference step: one-sided slopes disagree. */
  private static boolean nearKink(Method f, double x, double y, int j) throws Exception {
    double h = 1e-6;
    double[] s = new double[3];
    for (int k = -1; k <= 1; k++) {
      double a = (double) f.invoke(null, x + (j == 0 ? k * h : 0), y + (j == 1 ? k * h : 0));
      s[k + 1] = a;
    }
    double left = (s[1] - s[0]) / h;
    double right = (s[2] - s[1]) / h;
    return Math.abs(left - right) > 1e-3 * (1 + Math.abs(left));
  }

  private static ClassLoader loader(Compilation c) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : c.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.getName().replaceFirst("^/CLASS_OUTPUT/", "").replace(".class", "").replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        }
      }
    }
    return new ClassLoader(DifferentialFuzzTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
