package io.jgrad.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's own cost: javac on {@link GeneratedModule} without the processor, with it, and
 * without it but with the sources it generated added (so the cost splits into the processor's
 * work and javac compiling the generated code). Each variant runs alternately in one JVM (javac
 * warmed up, as in a build daemon or an IDE) and in fresh JVMs (as a one-shot {@code mvn compile}
 * sees it). Wall and CPU time are both kept: on a shared machine the CPU time is the steadier.
 */
public final class ProcessorCost {
  private static final String PROCESSOR = "io.jgrad.processor.JgradProcessor";

  /** What javac is asked to do. */
  public enum Variant {
    /** The module's sources, {@code -proc:none}. */
    PLAIN,
    /** The module's sources with jgrad's processor. */
    PROCESSOR,
    /** The module's sources plus the processor's output from an earlier run, {@code -proc:none}. */
    PLAIN_PLUS_GENERATED
  }

  /** One compilation: wall-clock and CPU milliseconds. */
  public record Sample(double wallMs, double cpuMs) {}

  /** All samples of a measurement, per variant. */
  public record Result(int methods, Map<Variant, List<Sample>> warm, Map<Variant, List<Sample>> cold) {
    /** Median extra milliseconds per annotated method of variant {@code a} over {@code b}. */
    public double perMethod(Map<Variant, List<Sample>> runs, Variant a, Variant b, ToDoubleFunction<Sample> metric) {
      return (median(runs.get(a), metric) - median(runs.get(b), metric)) / methods;
    }

    /** This result as JSON. */
    public String toJson() {
      return String.format(Locale.ROOT, "{\n  \"methods\": %d,\n  \"warm\": %s,\n  \"cold\": %s\n}\n",
          methods, json(warm), json(cold));
    }

    private static String json(Map<Variant, List<Sample>> runs) {
      return runs.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\": " + e.getValue().stream()
              .map(s -> String.format(Locale.ROOT, "{\"wallMs\": %.1f, \"cpuMs\": %.1f}", s.wallMs(), s.cpuMs()))
              .toList())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  private ProcessorCost() {}

  /** {@code warmRuns} rounds of every variant after {@code warmups} unmeasured rounds, then {@code coldRuns} fresh JVMs each. */
  public static Result measure(int warmups, int warmRuns, int coldRuns) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jgrad-javac-cost");
    GeneratedModule.write(dir.resolve("src"));
    compile(dir, Variant.PROCESSOR); // leaves the generated sources that PLAIN_PLUS_GENERATED adds
    for (int i = 0; i < warmups; i++) {
      for (Variant v : Variant.values()) {
        compile(dir, v);
      }
    }
    Map<Variant, List<Sample>> warm = new EnumMap<>(Variant.class);
    Map<Variant, List<Sample>> cold = new EnumMap<>(Variant.class);
    for (int i = 0; i < warmRuns; i++) {
      for (Variant v : Variant.values()) {
        warm.computeIfAbsent(v, k -> new ArrayList<>()).add(compile(dir, v));
      }
    }
    for (int i = 0; i < coldRuns; i++) {
      for (Variant v : Variant.values()) {
        cold.computeIfAbsent(v, k -> new ArrayList<>()).add(compileInFreshJvm(dir, v));
      }
    }
    return new Result(GeneratedModule.CLASSES * GeneratedModule.METHODS_PER_CLASS, warm, cold);
  }

  /**
   * One compilation of the module under {@code dir}; fails if javac reports an error. CPU time is
   * the whole process' (javac's thread plus the JIT and GC threads working for it).
   */
  static Sample compile(Path dir, Variant variant) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classPath = System.getProperty("java.class.path");
    Path generated = dir.resolve("generated");
    List<Path> sources = javaFiles(dir.resolve("src"));
    Path out = Files.createDirectories(dir.resolve("out-" + variant));
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classPath, "--release", "17"));
    if (variant == Variant.PROCESSOR) {
      Files.createDirectories(generated);
      options.addAll(List.of("-processorpath", classPath, "-processor", PROCESSOR, "-s", generated.toString()));
    } else {
      options.add("-proc:none");
    }
    if (variant == Variant.PLAIN_PLUS_GENERATED) {
      sources = Stream.concat(sources.stream(), javaFiles(generated).stream()).toList();
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      boolean ok = javac.getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      Sample sample = new Sample((System.nanoTime() - start) / 1e6, (processCpuNanos() - cpu) / 1e6);
      if (!ok) {
        throw new IllegalStateException("javac failed on the generated module (" + variant + ")");
      }
      return sample;
    }
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Sample compileInFreshJvm(Path dir, Variant variant) throws IOException, InterruptedException {
    Path timing = dir.resolve("timing.txt");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            ProcessorCost.class.getName(), dir.toString(), variant.name(), timing.toString())
        .inheritIO()
        .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("the fresh-JVM compilation failed (" + variant + ")");
    }
    String[] parts = Files.readString(timing).trim().split(" ");
    return new Sample(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
  }

  /** Fresh-JVM entry: {@code <dir> <variant> <timingFile>}; compiles once, writes "wallMs cpuMs". */
  public static void main(String[] args) throws IOException {
    Sample s = compile(Path.of(args[0]), Variant.valueOf(args[1]));
    Files.writeString(Path.of(args[2]), s.wallMs() + " " + s.cpuMs());
  }

  /** The median of {@code metric} over {@code samples}. */
  static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
    double[] s = samples.stream().mapToDouble(metric).sorted().toArray();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
