package io.jgrad.examples.batch;

import io.jgrad.runtime.Backend;
import java.util.Random;

/**
 * Random lane inputs, and comparisons of kernels' results with the scalar code and closed forms: 1e-13
 * relative on the CPU backends, 1e-12 on OpenCL, whose math library may differ by a few ulps.
 */
final class LaneTesting {
  private LaneTesting() {}

  static double tolerance(Backend b) {
    return b == Backend.OPENCL ? 1e-12 : 1e-13;
  }

  /** Fails naming {@code what} unless {@code actual} is within {@code rel} of {@code expected}, relative above 1. */
  static void assertClose(double actual, double expected, double rel, String what) {
    double scale = Math.max(1.0, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= rel * scale)) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** {@code n} lanes drawn uniformly from [lo, hi). */
  static double[] uniform(Random r, int n, double lo, double hi) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = lo + (hi - lo) * r.nextDouble();
    }
    return a;
  }
}
