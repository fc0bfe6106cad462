package io.jgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code benchmarks/run} starts: every JMH benchmark in three forks (a row is the median of the
 * three), then the processor's javac cost; JMH's GC profiler adds the bytes each call allocates.
 * Writes {@code jmh.json}, {@code javac.json} and {@code results.md} into the output folder. Arguments: {@code <outDir> [--quick] [--include REGEX] [--no-javac]}.
 */
public final class BenchMain {
  /** Independent JVM runs per benchmark; the table shows their median. */
  private static final int FORKS = 3;

  private BenchMain() {}

  /** Runs the benchmarks and writes the results. */
  public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
    Path out = Files.createDirectories(Path.of(args[0]));
    List<String> flags = List.of(args).subList(1, args.length);
    boolean quick = flags.contains("--quick");
    int include = flags.indexOf("--include");
    String pattern = include >= 0 ? flags.get(include + 1) : "io\\.jgrad\\.bench\\..*";

    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(pattern)
        .addProfiler(GCProfiler.class) // bytes allocated per operation: gc.alloc.rate.norm
        .forks(quick ? 1 : FORKS)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
        .jvmArgs(jvmArgs().toArray(String[]::new))
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("jmh.json").toString());
    Collection<RunResult> results = new Runner(options.build()).run();

    ProcessorCost.Result javac = null;
    if (!flags.contains("--no-javac")) {
      javac = quick ? ProcessorCost.measure(1, 2, 1) : ProcessorCost.measure(5, 10, 3);
      Files.writeString(out.resolve("javac.json"), javac.toJson());
    }
    String shape = quick
        ? "JMH quick mode (1 warm-up and 2 measured iterations of 0.2 s): a pipeline check, not a measurement."
        : "JMH: " + FORKS + " forks (separate JVMs) per benchmark, each 2 warm-up and 3 measured iterations of 1 s,"
            + " -Xms1g -Xmx1g -XX:+AlwaysPreTouch; a time is the median of the forks' median iterations, bytes/op"
            + " the median of the forks' gc.alloc.rate.norm (JMH's GC profiler).";
    String md = shape + "\n\n" + MarkdownReport.render(JmhRows.of(results), javac);
    Files.writeString(out.resolve("results.md"), md);
    System.out.println(md);
  }

  /** Fixed heap, touched up front, so garbage collection and page faults do not vary between forks. */
  private static List<String> jvmArgs() {
    return List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Djmh.ignoreLock=true");
  }
}
