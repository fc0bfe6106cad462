package io.jgrad.bench.report;

/**
 * One measured benchmark: which workload, size, operation and implementation, its time per call in
 * nanoseconds (minimum and median over the measurement iterations) and the bytes it allocates per
 * call (JMH's GC profiler's {@code gc.alloc.rate.norm}; NaN when the profiler did not report it).
 */
public record Row(int order, String workload, String size, String operation, String implementation, double minNs, double medianNs,
    double bytesPerOp) {
  /** The part of a method name {@code impl_op} before the underscore. */
  static String implementationOf(String method) {
    return method.substring(0, method.indexOf('_'));
  }

  /** The part of a method name {@code impl_op} after the underscore. */
  static String operationOf(String method) {
    return method.substring(method.indexOf('_') + 1);
  }
}
