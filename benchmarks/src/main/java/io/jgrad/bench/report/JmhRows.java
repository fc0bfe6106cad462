package io.jgrad.bench.report;

import io.jgrad.bench.jmh.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

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
      Statistics stats = r.getPrimaryResult().getStatistics();
      double toNs = nanosPer(params.getTimeUnit());
      Workload w = workload(className);
      rows.add(new Row(w == null ? Integer.MAX_VALUE : w.order(), w == null ? className : w.value(), size, Row.operationOf(method), Row.implementationOf(method),
          stats.getMin() * toNs, stats.getPercentile(50) * toNs, bytesPerOp(r)));
    }
    return rows;
  }

  /** The GC profiler's bytes per operation in {@code run}'s secondary results, NaN without it. */
  static double bytesPerOp(RunResult run) {
    for (String key : ALLOC_NORM) {
      Result<?> result = run.getSecondaryResults().get(key);
      if (result != null) {
        return result.getScore();
      }
    }
    return Double.NaN;
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
