package io.jgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's own cost: javac on {@link GeneratedModule} with {@code -proc:none} and with
 * jgrad's processor, alternating in one JVM (javac warmed up, as in a long-lived build daemon or
 * IDE), plus each in a fresh JVM (as a one-shot {@code mvn compile} sees it).
 */
public final class ProcessorCost {
  private static final String PROCESSOR = "io.jgrad.processor.JgradProcessor";

  /** Warm and cold timings in milliseconds. */
  public record Result(int methods, double[] warmWithoutMs, double[] warmWithMs, double[] coldWithoutMs, double[] coldWithMs) {
    /** Median extra time per annotated method, warm. */
    public double warmOverheadPerMethodMs() {
      return (median(warmWithMs) - median(warmWithoutMs)) / methods;
    }

    /** Median extra time per annotated method, in a fresh JVM. */
    public double coldOverheadPerMethodMs() {
      return (median(coldWithMs) - median(coldWithoutMs)) / methods;
    }

    /** This result as JSON. */
    public String toJson() {
      return String.format(Locale.ROOT,
          "{\n  \"methods\": %d,\n  \"warmWithoutMs\": %s,\n  \"warmWithMs\": %s,\n  \"coldWithoutMs\": %s,\n"
              + "  \"coldWithMs\": %s,\n  \"warmOverheadPerMethodMs\": %.3f,\n  \"coldOverheadPerMethodMs\": %.3f\n}\n",
          methods, Arrays.toString(warmWithoutMs), Arrays.toString(warmWithMs), Arrays.toString(coldWithoutMs),
          Arrays.toString(coldWithMs), warmOverheadPerMethodMs(), coldOverheadPerMethodMs());
    }
  }

  private ProcessorCost() {}

  /** Measures {@code warmRuns} alternating pairs after {@code warmups} unmeasured pairs, and {@code coldRuns} fresh JVMs each. */
  public static Result measure(int warmups, int warmRuns, int coldRuns) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jgrad-javac-cost");
    List<Path> sources = GeneratedModule.write(dir.resolve("src"));
    for (int i = 0; i < warmups; i++) {
      compile(sources, dir, false);
      compile(sources, dir, true);
    }
    double[] without = new double[warmRuns];
    double[] with = new double[warmRuns];
    for (int i = 0; i < warmRuns; i++) {
      without[i] = compile(sources, dir, false);
      with[i] = compile(sources, dir, true);
    }
    double[] coldWithout = new double[coldRuns];
    double[] coldWith = new double[coldRuns];
    for (int i = 0; i < coldRuns; i++) {
      coldWithout[i] = compileInFreshJvm(dir, false);
      coldWith[i] = compileInFreshJvm(dir, true);
    }
    return new Result(GeneratedModule.CLASSES * GeneratedModule.METHODS_PER_CLASS, without, with, coldWithout, coldWith);
  }

  /** One compilation of {@code sources}, in milliseconds; fails if javac reports an error. */
  static double compile(List<Path> sources, Path dir, boolean withProcessor) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classPath = System.getProperty("java.class.path");
    Path out = Files.createDirectories(dir.resolve(withProcessor ? "with" : "without"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classPath, "--release", "17"));
    if (withProcessor) {
      options.addAll(List.of("-processorpath", classPath, "-processor", PROCESSOR, "-s", generated.toString()));
    } else {
      options.add("-proc:none");
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      long start = System.nanoTime();
      boolean ok = javac.getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      double ms = (System.nanoTime() - start) / 1e6;
      if (!ok) {
        throw new IllegalStateException("javac failed on the generated module (processor " + withProcessor + ")");
      }
      return ms;
    }
  }

  private static double compileInFreshJvm(Path dir, boolean withProcessor) throws IOException, InterruptedException {
    Path timing = dir.resolve("timing.txt");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            ProcessorCost.class.getName(), dir.toString(), Boolean.toString(withProcessor), timing.toString())
        .inheritIO()
        .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("the fresh-JVM compilation failed");
    }
    return Double.parseDouble(Files.readString(timing).trim());
  }

  /** Fresh-JVM entry: {@code <dir> <withProcessor> <timingFile>}; compiles once and writes the milliseconds. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> sources;
    try (var walk = Files.walk(dir.resolve("src"))) {
      sources = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    double ms = compile(sources, dir, Boolean.parseBoolean(args[1]));
    Files.writeString(Path.of(args[2]), Double.toString(ms));
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }
}
