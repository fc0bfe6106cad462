package io.jgrad.bench.report;

import io.jgrad.bench.jmh.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH's run results into {@link Row}s, naming each by its class' {@link Workload}. */
final class JmhRows {
  /**
   * {@code GCProfiler}'s bytes allocated per operation: JMH 1.37 names it {@code gc.alloc.rate.norm},
   * versions before 1.36 put a {@code ·} in front.
   */
  static final List<String> ALLOC_NORM = List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm");

  private JmhRows() {}

  static List<Row> of(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkParams params = r.getParams();
      String benchmark = params.getBenchmark();
      String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String size = params.getParamsKeys().contains("n") ? params.getParam("n") : "";
      double toNs = nanosPer(params.getTimeUnit());
      Workload w = workload(className);
      rows.add(new Row(w == null ? Integer.MAX_VALUE : w.order(), w == null ? className : w.value(), size, Row.operationOf(method), Row.implementationOf(method),
          r.getPrimaryResult().getStatistics().getMin() * toNs, medianOfForks(r) * toNs, bytesPerOp(r)));
    }
    return rows;
  }

  /**
   * The median over the forks (separate JVMs, each a run of its own) of each fork's median iteration:
   * one JVM's JIT decisions then move a row no more than one fork's.
   */
  static double medianOfForks(RunResult run) {
    List<Double> perFork = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      perFork.add(fork.getPrimaryResult().getStatistics().getPercentile(50));
    }
    return median(perFork);
  }

  /** The GC profiler's bytes per operation, the median over the forks; NaN without the profiler. */
  static double bytesPerOp(RunResult run) {
    List<Double> perFork = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (String key : ALLOC_NORM) {
        Result<?> result = fork.getSecondaryResults().get(key);
        if (result != null) {
          perFork.add(result.getScore());
          break;
        }
      }
    }
    return perFork.isEmpty() ? Double.NaN : median(perFork);
  }

  /** The middle value, or the mean of the two middle values of an even count. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double nanosPer(TimeUnit unit) {
    return unit.toNanos(1);
  }

  private static Workload workload(String className) {
    try {
      return Class.forName(className).getAnnotation(Workload.class);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
