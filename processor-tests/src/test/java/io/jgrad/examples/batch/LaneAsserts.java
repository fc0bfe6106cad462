package io.jgrad.examples.batch;

import io.jgrad.runtime.Backend;

/**
 * Comparisons of kernels' results with the scalar code and closed forms: 1e-13 relative on the CPU
 * backends, 1e-12 on OpenCL, whose math library may differ by a few ulps.
 */
final class LaneAsserts {
  private LaneAsserts() {}

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
}
