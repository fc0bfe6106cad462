package io.jgrad.examples.bytecode;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.custom.SeedCustomJvpDerivatives;
import io.jgrad.runtime.Dual;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Zero reflection on the CPU path: no class of {@code jgrad-runtime} and no generated
 * {@code ...Derivatives} class (those of this module's examples, under {@code target/test-classes})
 * uses {@code java.lang.reflect}, {@code Class.forName} or method handles (see {@link ReflectionScan}).
 * Classes in a package whose name contains {@code opencl} or {@code aparapi} are the GPU backend,
 * where Aparapi itself reflects over kernels; they are left out of the CPU scan.
 */
class ZeroReflectionTest {
  /** Where {@code member} was loaded from: a class directory, or a jar (Maven's verify uses the jar). */
  private static Path classesRoot(Class<?> member) throws Exception {
    return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static boolean gpuBackend(Path relative) {
    for (Path segment : relative) {
      String s = segment.toString().toLowerCase(java.util.Locale.ROOT);
      if (s.contains("opencl") || s.contains("aparapi")) {
        return true;
      }
    }
    return false;
  }

  /** The class files under {@code root} (a directory or a jar) that {@code include} accepts, by relative path. */
  private static Map<String, byte[]> classes(Path root, java.util.function.Predicate<Path> include)
      throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (Files.isRegularFile(root)) {
      try (JarFile jar = new JarFile(root.toFile())) {
        for (JarEntry entry : Collections.list(jar.entries())) {
          if (entry.getName().endsWith(".class") && include.test(Path.of(entry.getName()))) {
            try (InputStream in = jar.getInputStream(entry)) {
              out.put(entry.getName(), in.readAllBytes());
            }
          }
        }
      }
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        Path rel = root.relativize(p);
        if (p.toString().endsWith(".class") && include.test(rel)) {
          out.put(rel.toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static List<String> findingsIn(Map<String, byte[]> classes) throws IOException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      ReflectionScan.findings(c.getValue()).forEach(f -> out.add(c.getKey() + ": " + f));
    }
    return out;
  }

  @Test
  void runtimeCpuClassesUseNoReflection() throws Exception {
    Map<String, byte[]> runtime = classes(classesRoot(Dual.class), rel -> !gpuBackend(rel));
    assertThat(runtime).containsKey("io/jgrad/runtime/GradCheck.class");
    assertThat(findingsIn(runtime)).isEmpty();
  }

  @Test
  void generatedClassesUseNoReflection() throws Exception {
    Map<String, byte[]> generated = classes(classesRoot(SeedCustomJvpDerivatives.class),
        rel -> rel.getFileName().toString().matches("\\w+Derivatives(\\$.*)?\\.class") && !gpuBackend(rel));
    assertThat(generated.size()).isAtLeast(10);
    // The reverse-mode pullbacks are lambdas, so the lambda exemption of the scan is exercised here.
    long withLambdas = generated.values().stream().filter(ZeroReflectionTest::usesLambdas).count();
    assertThat(withLambdas).isGreaterThan(0L);
    assertThat(findingsIn(generated)).isEmpty();
  }

  /** The scan finds each kind of reflection it looks for, so an empty result above means something. */
  @Test
  void scanFindsReflectionWhereThereIsSome() throws Exception {
    Path root = classesRoot(ReflectiveSample.class);
    List<String> found = ReflectionScan.findings(
        Files.readAllBytes(root.resolve("io/jgrad/examples/bytecode/ReflectiveSample.class")));
    assertThat(String.join("\n", found)).contains("java/lang/Class.forName");
    assertThat(String.join("\n", found)).contains("java/lang/invoke/MethodHandles.lookup");
    assertThat(String.join("\n", found)).contains("java/lang/reflect/Method");
  }

  private static boolean usesLambdas(byte[] classFile) {
    try {
      return ReflectionScan.usesLambdas(classFile);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
