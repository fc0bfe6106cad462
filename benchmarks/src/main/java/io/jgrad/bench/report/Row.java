package io.jgrad.bench.report;

/**
 * One measured benchmark: which workload, size, operation and implementation, and its time per
 * call in nanoseconds (minimum and median over the measurement iterations).
 */
public record Row(int order, String workload, String size, String operation, String implementation, double minNs, double medianNs) {
  /** The part of a method name {@code impl_op} before the underscore. */
  static String implementationOf(String method) {
    return method.substring(0, method.indexOf('_'));
  }

  /** The part of a method name {@code impl_op} after the underscore. */
  static String operationOf(String method) {
    return method.substring(method.indexOf('_') + 1);
  }
}
