package io.jgrad.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's own cost: javac on {@link GeneratedModule} with {@code -proc:none} and with
 * jgrad's processor, alternating in one JVM (javac warmed up, as in a build daemon or an IDE),
 * and each in a fresh JVM (as a one-shot {@code mvn compile} sees it). Wall time and CPU time are
 * both kept: on a shared machine the CPU time is the steadier of the two.
 */
public final class ProcessorCost {
  private static final String PROCESSOR = "io.jgrad.processor.JgradProcessor";

  /** One compilation: wall-clock and CPU milliseconds. */
  public record Sample(double wallMs, double cpuMs) {}

  /** All samples of a measurement. */
  public record Result(int methods, List<Sample> warmWithout, List<Sample> warmWith, List<Sample> coldWithout, List<Sample> coldWith) {
    /** Median extra milliseconds per annotated method of {@code with} over {@code without}. */
    public double perMethod(List<Sample> with, List<Sample> without, ToDoubleFunction<Sample> metric) {
      return (median(with, metric) - median(without, metric)) / methods;
    }

    /** This result as JSON. */
    public String toJson() {
      return String.format(Locale.ROOT,
          "{\n  \"methods\": %d,\n  \"warmWithout\": %s,\n  \"warmWith\": %s,\n  \"coldWithout\": %s,\n  \"coldWith\": %s\n}\n",
          methods, json(warmWithout), json(warmWith), json(coldWithout), json(coldWith));
    }

    private static String json(List<Sample> samples) {
      return samples.stream()
          .map(s -> String.format(Locale.ROOT, "{\"wallMs\": %.1f, \"cpuMs\": %.1f}", s.wallMs(), s.cpuMs()))
          .toList()
          .toString();
    }
  }

  private ProcessorCost() {}

  /** {@code warmRuns} alternating pairs after {@code warmups} unmeasured pairs, then {@code coldRuns} fresh JVMs each. */
  public static Result measure(int warmups, int warmRuns, int coldRuns) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jgrad-javac-cost");
    List<Path> sources = GeneratedModule.write(dir.resolve("src"));
    for (int i = 0; i < warmups; i++) {
      compile(sources, dir, false);
      compile(sources, dir, true);
    }
    List<Sample> without = new ArrayList<>();
    List<Sample> with = new ArrayList<>();
    for (int i = 0; i < warmRuns; i++) {
      without.add(compile(sources, dir, false));
      with.add(compile(sources, dir, true));
    }
    List<Sample> coldWithout = new ArrayList<>();
    List<Sample> coldWith = new ArrayList<>();
    for (int i = 0; i < coldRuns; i++) {
      coldWithout.add(compileInFreshJvm(dir, false));
      coldWith.add(compileInFreshJvm(dir, true));
    }
    return new Result(GeneratedModule.CLASSES * GeneratedModule.METHODS_PER_CLASS, without, with, coldWithout, coldWith);
  }

  /**
   * One compilation of {@code sources}; fails if javac reports an error. CPU time is the whole
   * process' (javac's thread plus the JIT and GC threads working for it).
   */
  static Sample compile(List<Path> sources, Path dir, boolean withProcessor) throws IOException {
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
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      boolean ok = javac.getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      Sample sample = new Sample((System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu) / 1e6);
      if (!ok) {
        throw new IllegalStateException("javac failed on the generated module (processor " + withProcessor + ")");
      }
      return sample;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Sample compileInFreshJvm(Path dir, boolean withProcessor) throws IOException, InterruptedException {
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
    String[] parts = Files.readString(timing).trim().split(" ");
    return new Sample(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
  }

  /** Fresh-JVM entry: {@code <dir> <withProcessor> <timingFile>}; compiles once, writes "wallMs cpuMs". */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> sources;
    try (var walk = Files.walk(dir.resolve("src"))) {
      sources = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    Sample s = compile(sources, dir, Boolean.parseBoolean(args[1]));
    Files.writeString(Path.of(args[2]), s.wallMs() + " " + s.cpuMs());
  }

  /** The median of {@code metric} over {@code samples}. */
  static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
    double[] s = samples.stream().mapToDouble(metric).sorted().toArray();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
